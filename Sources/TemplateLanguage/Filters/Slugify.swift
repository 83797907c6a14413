import Foundation

/// python-slugify's `slugify` (its frozen "legacy" pipeline, the one cookiecutter's filter
/// calls), step for step: quotes, transliteration, character references, lowercase, numbers,
/// disallowed characters, dashes, stopwords, replacements, truncation, separator.
///
/// Transliteration differs in one respect: python-slugify uses Unidecode tables, this uses ICU's
/// `Any-Latin; Latin-ASCII` (the same letters for Latin, Greek and Cyrillic text; other scripts
/// romanise differently).
struct Slugify {
    var separator = "-"
    var lowercase = true
    var maxLength = 0
    var wordBoundary = false
    var saveOrder = false
    var stopwords: [String] = []
    var replacements: [(String, String)] = []
    var allowUnicode = false
    var entities = true
    var decimal = true
    var hexadecimal = true

    func callAsFunction(_ input: String) -> String {
        var text = input
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        text = Self.collapse(text, where: { $0 == "'" }, into: "-")
        text = allowUnicode ? text.precomposedStringWithCompatibilityMapping : Self.transliterate(text.decomposedStringWithCompatibilityMapping)
        text = decodeReferences(text)
        text = allowUnicode ? text.precomposedStringWithCompatibilityMapping : text.decomposedStringWithCompatibilityMapping
        if lowercase { text = text.lowercased() }
        text = text.replacingOccurrences(of: "'", with: "")
        text = Self.removeDigitCommas(text)
        text = Self.collapse(text, where: { c in
            if allowUnicode { return !(c.properties.isAlphabetic || c.properties.numericType != nil) || c == "_" }
            return !(c.isASCII && (("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "-"))
        }, into: "-")
        text = Self.collapse(text, where: { $0 == "-" }, into: "-", minimum: 2)
        text = Self.strip(text, "-")
        if !stopwords.isEmpty {
            let excluded = lowercase ? stopwords.map { $0.lowercased() } : stopwords
            text = text.split(separator: "-", omittingEmptySubsequences: false).filter { !excluded.contains(String($0)) }.joined(separator: "-")
        }
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        if maxLength > 0 { text = truncate(text) }
        return separator == "-" ? text : text.replacingOccurrences(of: "-", with: separator)
    }

    /// Unidecode's job: NFKD has split accents off; drop the marks, romanise what is left.
    static func transliterate(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
        var kept = String.UnicodeScalarView()
        for c in text.unicodeScalars where c.properties.generalCategory != .nonspacingMark {
            if let spelled = symbols[c] { kept.append(contentsOf: spelled.unicodeScalars) } else { kept.append(c) }
        }
        let latin = String(kept).applyingTransform(StringTransform(rawValue: "Any-Latin; Latin-ASCII"), reverse: false) ?? String(kept)
        var out = String.UnicodeScalarView()
        for c in latin.unicodeScalars where c.isASCII { out.append(c) }
        return String(out)
    }

    /// Symbols Unidecode spells out and ICU's Latin-ASCII leaves alone.
    private static let symbols: [Unicode.Scalar: String] = [
        "€": "EUR", "£": "PS", "¥": "Y=", "©": "(c)", "®": "(r)", "™": "(tm)", "°": "deg",
    ]

    /// `&amp;`-style references, as python-slugify decodes them (named ones: the common few).
    private func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semicolon = rest.firstIndex(of: ";") else { break }
            let body = rest[rest.index(after: rest.startIndex)..<semicolon]
            var decoded: Unicode.Scalar?
            if body.hasPrefix("#x"), hexadecimal, let n = UInt32(body.dropFirst(2), radix: 16) { decoded = Unicode.Scalar(n) }
            else if body.hasPrefix("#"), decimal, let n = UInt32(body.dropFirst()) { decoded = Unicode.Scalar(n) }
            else if entities { decoded = Self.named[String(body)] }
            if let decoded {
                out.unicodeScalars.append(decoded)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }

    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": "\u{a0}", "copy": "©", "reg": "®", "trade": "™",
    ]

    /// `(?<=\d),(?=\d)` removed.
    private static func removeDigitCommas(_ text: String) -> String {
        let c = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (k, ch) in c.enumerated() {
            if ch == ",", k > 0, k + 1 < c.count, c[k - 1].properties.numericType == .decimal, c[k + 1].properties.numericType == .decimal { continue }
            out.append(ch)
        }
        return String(out)
    }

    /// Runs of at least `minimum` scalars matching `test` replaced by `replacement`.
    private static func collapse(_ text: String, where test: (Unicode.Scalar) -> Bool, into replacement: String, minimum: Int = 1) -> String {
        var out = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        func flush() {
            if run.count >= minimum { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(contentsOf: run) }
            run = String.UnicodeScalarView()
        }
        for c in text.unicodeScalars {
            if test(c) { run.append(c) } else { if !run.isEmpty { flush() }; out.append(c) }
        }
        if !run.isEmpty { flush() }
        return String(out)
    }

    private static func strip(_ text: String, _ set: Character) -> String {
        var s = Substring(text)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }

    /// python-slugify's `smart_truncate` with `-` as the word separator.
    private func truncate(_ input: String) -> String {
        let string = Self.strip(input, "-")
        let chars = Array(string)
        if chars.count < maxLength { return string }
        if !wordBoundary { return Self.strip(String(chars.prefix(maxLength)), "-") }
        if !string.contains("-") { return String(chars.prefix(maxLength)) }
        var truncated = ""
        for word in string.split(separator: "-", omittingEmptySubsequences: false) where !word.isEmpty {
            let next = truncated.count + word.count
            if next < maxLength { truncated += word + "-" }
            else if next == maxLength { truncated += word; break }
            else if saveOrder { break }
        }
        if truncated.isEmpty { truncated = String(chars.prefix(maxLength)) }
        return Self.strip(truncated, "-")
    }
}
