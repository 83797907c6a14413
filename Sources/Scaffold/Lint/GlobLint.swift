import GoldenPath

/// Problems with a `spec.files` glob that has no template syntax: patterns `Glob` would accept
/// but that cannot mean what the author wrote.
enum GlobLint {
    /// `candidates` stand for the paths a render can produce (see `PathLint.probe`).
    static func problems(_ pattern: String, candidates: [String]) -> [String] {
        if pattern.trimmingCharacters(in: .whitespaces).isEmpty { return ["an empty pattern matches nothing"] }
        return errors(pattern)
    }

    /// A pattern that matches nothing the template renders today: harmless now (a file may
    /// come later), so a warning rather than a finding that fails lint.
    static func unmatched(_ pattern: String, candidates: [String]) -> String? {
        guard errors(pattern).isEmpty, !pattern.trimmingCharacters(in: .whitespaces).isEmpty, !candidates.isEmpty,
              !candidates.contains(where: Glob(pattern).matches) else { return nil }
        return "'\(pattern)' matches no file of the template or of the platform outputs"
    }

    private static func errors(_ pattern: String) -> [String] {
        var problems: [String] = []
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." && pattern != "." }) {
            problems.append("'\(pattern)' has a '.' or '..' folder, which rendered paths never contain")
        }
        if segments.contains(where: { $0.contains("**") && $0 != "**" }) {
            problems.append("'**' spans folders only as a whole path segment (like 'a/**/b'); in '\(pattern)' it acts as '*'")
        }
        if hasUnclosedBracket(pattern) {
            problems.append("'[' in '\(pattern)' has no closing ']', so it matches a literal '['")
        }
        return problems
    }

    private static func hasUnclosedBracket(_ pattern: String) -> Bool {
        var chars = pattern[...]
        while let open = chars.firstIndex(of: "[") {
            var i = chars.index(after: open)
            if i < chars.endIndex, chars[i] == "!" || chars[i] == "^" { i = chars.index(after: i) }
            // A `]` right after the opening bracket is a member, as in fnmatch.
            if i < chars.endIndex, chars[i] == "]" { i = chars.index(after: i) }
            guard let close = chars[i...].firstIndex(of: "]") else { return true }
            chars = chars[chars.index(after: close)...]
        }
        return false
    }
}
