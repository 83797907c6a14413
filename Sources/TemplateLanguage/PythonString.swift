/// Python's `str` semantics on Swift strings: positions and lengths count Unicode scalars
/// (code points), never grapheme clusters, because that is what Python counts.
enum PythonString {
    /// Python's `str.isspace()` for one code point.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace || (s.value >= 0x1C && s.value <= 0x1F)
    }

    /// `str.lower()`; a string with nothing to change is returned as it is (no allocation).
    static func lower(_ s: String) -> String {
        s.utf8.contains { $0 >= 0x80 || ($0 >= 65 && $0 <= 90) } ? s.lowercased() : s
    }

    static func upper(_ s: String) -> String {
        s.utf8.contains { $0 >= 0x80 || ($0 >= 97 && $0 <= 122) } ? s.uppercased() : s
    }

    /// Case mapping of an all-ASCII string (the usual case in templates), byte by byte:
    /// `map(byte, index, previous byte)`. A string the mapping leaves alone (`name|title` on a
    /// title already) is returned as it is, without allocating. Nil for non-ASCII strings, which
    /// take the Unicode path. Serves `str.title()`, `str.capitalize()` and the `title` filter.
    @inline(__always) static func mapASCII(_ s: String, _ map: (UInt8, Int, UInt8) -> UInt8) -> String? {
        var firstChange: Int?
        var previous: UInt8 = 0
        for (i, b) in s.utf8.enumerated() {
            if b >= 0x80 { return nil }
            if firstChange == nil, map(b, i, previous) != b { firstChange = i }
            previous = b
        }
        guard firstChange != nil else { return s }
        var bytes = Array(s.utf8)
        previous = 0
        for i in bytes.indices {
            let b = bytes[i]
            bytes[i] = map(b, i, previous)
            previous = b
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always) static func asciiLower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }
    @inline(__always) static func asciiUpper(_ b: UInt8) -> UInt8 { b >= 97 && b <= 122 ? b & ~0x20 : b }
    @inline(__always) private static func asciiIsLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// `str.title()`: a cased character after an uncased one starts a word.
    static func title(_ s: String) -> String {
        if let ascii = mapASCII(s, { b, _, previous in asciiIsLetter(previous) ? asciiLower(b) : asciiUpper(b) }) {
            return ascii
        }
        var out = ""
        var previousCased = false
        for scalar in s.unicodeScalars {
            if previousCased {
                out += scalar.properties.lowercaseMapping
            } else {
                out += scalar.properties.titlecaseMapping
            }
            previousCased = scalar.properties.isCased
        }
        return out
    }

    /// `str.capitalize()`: first character title-cased, the rest lowercased.
    static func capitalize(_ s: String) -> String {
        if let ascii = mapASCII(s, { b, i, _ in i == 0 ? asciiUpper(b) : asciiLower(b) }) { return ascii }
        var out = ""
        for (i, scalar) in s.unicodeScalars.enumerated() {
            out += i == 0 ? scalar.properties.titlecaseMapping : scalar.properties.lowercaseMapping
        }
        return out
    }

    static func strip(_ s: String, _ chars: String?, leading: Bool, trailing: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        let set = chars.map { Set($0.unicodeScalars) }
        func strippable(_ c: Unicode.Scalar) -> Bool { set?.contains(c) ?? isSpace(c) }
        var start = 0, end = scalars.count
        if leading { while start < end, strippable(scalars[start]) { start += 1 } }
        if trailing { while end > start, strippable(scalars[end - 1]) { end -= 1 } }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// `str.split(sep, maxsplit)`; `sep == nil` splits on runs of whitespace and drops empty parts.
    static func split(_ s: String, _ sep: String?, maxsplit: Int) throws(TemplateError) -> [String] {
        let scalars = Array(s.unicodeScalars)
        var parts: [String] = []
        guard let sep else {
            var i = 0
            var splits = 0
            while i < scalars.count {
                while i < scalars.count, isSpace(scalars[i]) { i += 1 }
                if i >= scalars.count { break }
                if maxsplit >= 0 && splits == maxsplit {
                    // Python keeps the remainder's trailing whitespace.
                    parts.append(String(String.UnicodeScalarView(scalars[i...])))
                    return parts
                }
                let start = i
                while i < scalars.count, !isSpace(scalars[i]) { i += 1 }
                parts.append(String(String.UnicodeScalarView(scalars[start..<i])))
                splits += 1
            }
            return parts
        }
        let needle = Array(sep.unicodeScalars)
        guard !needle.isEmpty else { throw TemplateError(.value, "empty separator") }
        var start = 0, i = 0
        while i + needle.count <= scalars.count {
            if (maxsplit < 0 || parts.count < maxsplit), scalars[i..<i + needle.count].elementsEqual(needle) {
                parts.append(String(String.UnicodeScalarView(scalars[start..<i])))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(String.UnicodeScalarView(scalars[start...])))
        return parts
    }

    static func rsplit(_ s: String, _ sep: String?, maxsplit: Int) throws(TemplateError) -> [String] {
        if maxsplit < 0 { return try split(s, sep, maxsplit: -1) }
        let reversed = String(String.UnicodeScalarView(s.unicodeScalars.reversed()))
        let reversedSep = sep.map { String(String.UnicodeScalarView($0.unicodeScalars.reversed())) }
        return try split(reversed, reversedSep, maxsplit: maxsplit).reversed().map {
            String(String.UnicodeScalarView($0.unicodeScalars.reversed()))
        }
    }

    static func splitlines(_ s: String, keepends: Bool) -> [String] {
        let scalars = Array(s.unicodeScalars)
        var lines: [String] = []
        var start = 0, i = 0
        while i < scalars.count {
            let v = scalars[i].value
            let isBreak = v == 10 || v == 13 || v == 11 || v == 12 || (v >= 0x1C && v <= 0x1E) || v == 0x85 || v == 0x2028 || v == 0x2029
            if isBreak {
                var end = i + 1
                if v == 13, end < scalars.count, scalars[end] == "\n" { end += 1 }
                lines.append(String(String.UnicodeScalarView(scalars[start..<(keepends ? end : i)])))
                start = end
                i = end
            } else {
                i += 1
            }
        }
        if start < scalars.count { lines.append(String(String.UnicodeScalarView(scalars[start...]))) }
        return lines
    }

    /// `str.replace(old, new, count)`; an empty `old` inserts `new` between every character.
    static func replace(_ s: String, _ old: String, _ new: String, count: Int = -1) -> String {
        if old.isEmpty {
            var out = ""
            var n = 0
            for scalar in s.unicodeScalars {
                if count < 0 || n < count { out += new; n += 1 }
                out.unicodeScalars.append(scalar)
            }
            if count < 0 || n < count { out += new }
            return out
        }
        // Byte matching is scalar matching here: a valid UTF-8 needle can only match whole scalars.
        let count = count < 0 ? Int.max : count
        let haystack = Array(s.utf8), needle = Array(old.utf8)
        var out: [UInt8] = []
        var i = 0, copied = 0, n = 0
        while n < count, i + needle.count <= haystack.count {
            if haystack[i] == needle[0], haystack[i..<i + needle.count].elementsEqual(needle) {
                if out.isEmpty { out.reserveCapacity(haystack.count + new.utf8.count) }
                out.append(contentsOf: haystack[copied..<i])
                out.append(contentsOf: new.utf8)
                i += needle.count
                copied = i
                n += 1
            } else {
                i += 1
            }
        }
        if n == 0 { return s }
        out.append(contentsOf: haystack[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// `str.find` / `str.rfind` in code points; -1 when absent.
    static func find(_ s: String, _ sub: String, reverse: Bool, start: Int? = nil, end: Int? = nil) -> Int {
        let scalars = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        let (lo, hi) = clampRange(start, end, scalars.count)
        guard hi - lo >= needle.count else { return -1 }
        let candidates = Array(lo...(hi - needle.count))
        for i in reverse ? candidates.reversed() : candidates where scalars[i..<i + needle.count].elementsEqual(needle) {
            return i
        }
        return -1
    }

    static func count(_ s: String, _ sub: String) -> Int {
        let scalars = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        if needle.isEmpty { return scalars.count + 1 }
        var i = 0, n = 0
        while i + needle.count <= scalars.count {
            if scalars[i..<i + needle.count].elementsEqual(needle) { n += 1; i += needle.count } else { i += 1 }
        }
        return n
    }

    static func clampRange(_ start: Int?, _ end: Int?, _ count: Int) -> (Int, Int) {
        func clamp(_ v: Int) -> Int { v < 0 ? max(0, v + count) : min(v, count) }
        return (start.map(clamp) ?? 0, end.map(clamp) ?? count)
    }

    /// `str.center(width, fill)`: CPython puts the extra space on the right unless both
    /// the padding and the width are odd.
    static func center(_ s: String, _ width: Int, fill: String = " ") -> String {
        let length = s.unicodeScalars.count
        guard width > length else { return s }
        let marg = width - length
        let left = marg / 2 + (marg & width & 1)
        return String(repeating: fill, count: left) + s + String(repeating: fill, count: marg - left)
    }

    static func isDigit(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal || $0.properties.numericType == .digit }
    }
    static func isAlpha(_ s: String) -> Bool { !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic && !($0.properties.numericType != nil) } }
    static func isAlnum(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
    static func isLower(_ s: String) -> Bool {
        var cased = false
        for c in s.unicodeScalars {
            if c.properties.isUppercase || (c.properties.isCased && !c.properties.isLowercase) { return false }
            if c.properties.isLowercase { cased = true }
        }
        return cased
    }
    static func isUpper(_ s: String) -> Bool {
        var cased = false
        for c in s.unicodeScalars {
            if c.properties.isLowercase || (c.properties.isCased && !c.properties.isUppercase) { return false }
            if c.properties.isUppercase { cased = true }
        }
        return cased
    }
}
