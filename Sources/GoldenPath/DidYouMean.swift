/// Suggestions for misspelt keys and names, so an unknown key says what was probably meant.
/// (The command line's suggestions for commands and options measure with `editDistance` too.)
public enum DidYouMean {
    /// The closest candidate within a small edit distance, or nil.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let d = editDistance(Array(word.lowercased()), Array(candidate.lowercased()))
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// "unknown key 'x'; did you mean 'y'?" or a list of the valid keys when nothing is close.
    static func unknownMessage(_ kind: String, _ word: String, among candidates: [String]) -> String {
        if let s = suggestion(for: word, among: candidates) {
            return "unknown \(kind) '\(word)'; did you mean '\(s)'?"
        }
        let valid = candidates.sorted().map { "'\($0)'" }.joined(separator: ", ")
        return candidates.isEmpty ? "unknown \(kind) '\(word)'" : "unknown \(kind) '\(word)'; expected one of \(valid)"
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), the
    /// measure that matches the commonest typos: one key missing, extra, wrong or swapped
    /// (`titel` is one edit from `title`).
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow: [Int] = []
        var row = Array(0...b.count)
        for i in 1...a.count {
            let rowBefore = previousRow
            previousRow = row
            row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], rowBefore[j - 2] + 1)
                }
            }
        }
        return row[b.count]
    }
}
