import GoldenPath

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
            let distance = DidYouMean.editDistance(typed, Array(stripDashes(candidate).lowercased()))
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.candidate }
        // An unambiguous abbreviation (`--dry` for `--dry-run`) is as good a guess as a typo.
        let prefixed = candidates.filter { stripDashes($0).lowercased().hasPrefix(String(typed)) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    private static func stripDashes(_ text: String) -> Substring {
        text.drop { $0 == "-" }
    }
}
