/// Glob patterns over slash-separated relative paths, as `spec.files` uses them.
///
/// `*` and `?` stay within one path segment, `**` spans any number of segments (including none),
/// `[abc]`/`[a-z]`/`[!a]` are character classes. A pattern without a slash matches the file name
/// in any folder (`*.png` matches `assets/logo.png`), as .gitignore does, since that is what
/// template authors expect from `copy_without_render: ["*.png"]`.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let segments: [[UInt8]]
    private let anyFolder: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var trimmed = pattern
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        if trimmed.hasPrefix("/") { trimmed.removeFirst() }
        anyFolder = !trimmed.contains("/")
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    public var description: String { pattern }

    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        if anyFolder, let last = parts.last, segments.count == 1 {
            return Self.matchSegment(segments[0][...], last[...])
        }
        return Self.matchSegments(segments[...], parts[...])
    }

    private static func matchSegments(_ pattern: ArraySlice<[UInt8]>, _ path: ArraySlice<[UInt8]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == Array("**".utf8) {
            let rest = pattern.dropFirst()
            var remaining = path
            while true {
                if matchSegments(rest, remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let head = path.first, matchSegment(first[...], head[...]) else { return false }
        return matchSegments(pattern.dropFirst(), path.dropFirst())
    }

    /// fnmatch within one segment, iterative with single-star backtracking (linear for the usual patterns).
    private static func matchSegment(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        var pi = p.startIndex, si = s.startIndex
        var starP: Int? = nil, starS = s.startIndex
        while si < s.endIndex {
            if pi < p.endIndex {
                let c = p[pi]
                if c == UInt8(ascii: "*") { starP = pi; starS = si; pi += 1; continue }
                if c == UInt8(ascii: "?") { pi += 1; si += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(p, from: pi, byte: s[si]) {
                    if matched { pi = next; si += 1; continue }
                } else if c == s[si] { pi += 1; si += 1; continue }
            }
            guard let star = starP else { return false }
            pi = star + 1
            starS += 1
            si = starS
        }
        while pi < p.endIndex, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.endIndex
    }

    /// Matches `[...]` at `start`; nil when the bracket is unterminated (then `[` is literal).
    private static func matchClass(_ p: ArraySlice<UInt8>, from start: Int, byte: UInt8) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.endIndex, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") { negate = true; i += 1 }
        var matched = false
        var first = true
        while i < p.endIndex {
            let c = p[i]
            if c == UInt8(ascii: "]") && !first { return (matched != negate, i + 1) }
            first = false
            if i + 2 < p.endIndex, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                if byte >= c && byte <= p[i + 2] { matched = true }
                i += 3
            } else {
                if byte == c { matched = true }
                i += 1
            }
        }
        return nil
    }

    /// Python's `fnmatch.fnmatchcase` (what cookiecutter matches `_copy_without_render` with):
    /// `*` matches anything, slashes included, `?` one character, `[seq]`/`[!seq]` a class.
    public static func fnmatch(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.unicodeScalars), n = Array(name.unicodeScalars)
        var pi = 0, ni = 0, star = -1, resume = 0
        func classEnd(_ start: Int) -> Int? {
            var k = start + 1
            if k < p.count, p[k] == "!" { k += 1 }
            if k < p.count, p[k] == "]" { k += 1 }
            while k < p.count, p[k] != "]" { k += 1 }
            return k < p.count ? k : nil
        }
        func classMatches(_ start: Int, _ end: Int, _ c: Unicode.Scalar) -> Bool {
            var k = start + 1
            let negated = p[k] == "!"
            if negated { k += 1 }
            var found = false
            var first = true
            while k < end {
                if k + 2 < end, p[k + 1] == "-", !(first && p[k] == "]" && false) {
                    if p[k] <= c && c <= p[k + 2] { found = true }
                    k += 3
                } else {
                    if p[k] == c { found = true }
                    k += 1
                }
                first = false
            }
            return found != negated
        }
        while ni < n.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    star = pi; resume = ni; pi += 1; continue
                case "?":
                    pi += 1; ni += 1; continue
                case "[":
                    if let end = classEnd(pi) {
                        if classMatches(pi, end, n[ni]) { pi = end + 1; ni += 1; continue }
                    } else if n[ni] == "[" { pi += 1; ni += 1; continue }
                default:
                    if p[pi] == n[ni] { pi += 1; ni += 1; continue }
                }
            }
            guard star >= 0 else { return false }
            pi = star + 1; resume += 1; ni = resume
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Whether gitignore-style `patterns` (in order; `!` negates, the last match wins, a trailing
    /// `/` matches folders only) leave `path` out. A pattern matching one of its folders counts.
    public static func ignores(_ patterns: [Glob], _ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        var ignored = false
        for glob in patterns {
            var text = glob.pattern
            let negated = text.hasPrefix("!")
            if negated { text.removeFirst() }
            let foldersOnly = text.hasSuffix("/")
            while text.hasSuffix("/") { text.removeLast() }
            guard !text.isEmpty else { continue }
            let pattern = Glob(text)
            var prefix = ""
            for (index, part) in parts.enumerated() {
                prefix += (prefix.isEmpty ? "" : "/") + part
                let isFolder = index < parts.count - 1
                if (isFolder || !foldersOnly), pattern.matches(prefix) { ignored = !negated; break }
            }
        }
        return ignored
    }
}
