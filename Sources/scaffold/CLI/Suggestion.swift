/// "Did you mean" for mistyped commands, options and choices: the candidate with the smallest
/// edit distance, when it is close enough that suggesting it is helpful rather than random.
enum Suggestion {
    /// The closest candidate to `input`, or nil when none is plausibly what was meant.
    /// Leading dashes are ignored when measuring, so `-dry-run` still finds `--dry-run`.
    static func closest(to input: String, among candidates: [String]) -> String? {
        let typed = Array(stripDashes(input).lowercased())
        guard !typed.isEmpty else { return nil }
        // About one typo per three characters: `tcsh` is not a misspelt `bash`.
        let limit = max(1, min(3, typed.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(stripDashes(candidate).lowercased()))
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.candidate }
        // An unambiguous abbreviation (`--dry` for `--dry-run`) is as good a guess as a typo.
        let prefixed = candidates.filter { stripDashes($0).lowercased().hasPrefix(String(typed)) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), the
    /// measure that matches the commonest typos: one key missing, extra, wrong or swapped.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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

    private static func stripDashes(_ text: String) -> Substring {
        text.drop { $0 == "-" }
    }
}
