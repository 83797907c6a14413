/// Decides whether a string may be written as a plain scalar without changing meaning for any
/// reader: YAML 1.2 (core schema) and YAML 1.1 (PyYAML, Go's yaml.v2, Ruby), where `yes`, `on`,
/// `012`, `1_000`, `1:30` and `2026-11-28` are not strings.
///
/// Syntax-level hazards (`: `, ` #`, leading `- `, indicators, surrounding spaces) are left to
/// libyaml's own scalar analysis, which quotes them.
enum PlainScalarSafety {
    private static let yaml11Words: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "on", "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "false", "False", "FALSE",
        "~", "null", "Null", "NULL", "<<", "=",
    ]

    static func isPlainSafe(_ s: String) -> Bool {
        if s.isEmpty || yaml11Words.contains(s) { return false }
        if case .string = CoreSchema.resolvePlain(s) {} else { return false }
        return !looksNumericUnderYAML11(s) && !looksLikeTimestamp(s)
    }

    /// Conservative superset of YAML 1.1's int and float forms (binary, octal, hex, `_` separators,
    /// sexagesimal `1:30`, `1.2.3` which the 1.1 float regex accepts, `.inf`): anything that starts
    /// with a digit or a dot (after a sign) and uses only number characters.
    private static func looksNumericUnderYAML11(_ s: String) -> Bool {
        var b = Substring(s).utf8[...]
        if let f = b.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { b = b.dropFirst() }
        guard let first = b.first, CoreSchema.isDigit(first) || first == UInt8(ascii: ".") else { return false }
        if first == UInt8(ascii: ".") {
            let rest = String(decoding: b.dropFirst(), as: UTF8.self).lowercased()
            if rest == "inf" || rest == "nan" { return true }
        }
        let numberCharacters = Set("0123456789abcdefABCDEFxXoObB_.:+-".utf8)
        return b.allSatisfy { numberCharacters.contains($0) }
    }

    /// YAML 1.1 timestamps start `YYYY-M`.
    private static func looksLikeTimestamp(_ s: String) -> Bool {
        let b = Array(s.utf8.prefix(6))
        guard b.count >= 6 else { return false }
        return b[0..<4].allSatisfy(CoreSchema.isDigit) && b[4] == UInt8(ascii: "-") && CoreSchema.isDigit(b[5])
    }

    /// Strings that a literal block scalar carries exactly: only `\n` line breaks and printable
    /// characters (libyaml's reader normalizes other breaks, and block scalars cannot escape).
    static func fitsLiteralBlock(_ s: String) -> Bool {
        guard s.contains("\n") else { return false }
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A: continue
            case 0x20...0x7E: continue
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF: return false
            default: continue
            }
        }
        // Trailing spaces before a break and leading blank lines are what libyaml itself refuses; it falls back to quoting.
        return true
    }
}
