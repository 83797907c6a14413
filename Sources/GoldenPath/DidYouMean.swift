/// Suggestions for misspelt keys and names, so an unknown key says what was probably meant.
public enum DidYouMean {
    /// The closest candidate within a small edit distance, or nil.
    public static func suggestion(for word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let d = levenshtein(word.lowercased(), candidate.lowercased())
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

    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
