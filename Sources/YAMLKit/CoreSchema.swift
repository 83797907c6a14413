/// Scalar resolution under the YAML 1.2 core schema (the tag resolution table of YAML 1.2.2, 10.3.2).
///
/// Quoted and block scalars are always strings; plain scalars are null, booleans, integers
/// (decimal, `0o` octal, `0x` hex) or floats (`1.5`, `1e3`, `.inf`, `.nan`), else strings.
/// A decimal integer too large for `Int` resolves to a float; an oversized hex or octal literal stays a string.
public enum CoreSchema {
    static let strTag = "tag:yaml.org,2002:str"

    public static func resolve(_ scalar: YAMLScalar) -> ResolvedScalar {
        if scalar.tag == strTag || scalar.style != .plain { return .string(scalar.value) }
        return resolvePlain(scalar.value)
    }

    /// The meaning of `text` written as a plain scalar.
    public static func resolvePlain(_ text: String) -> ResolvedScalar {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        if let int = integer(bytes, text) { return int }
        if isCoreFloat(bytes), let d = Double(text) { return .float(d) }
        return .string(text)
    }

    private static func integer(_ b: [UInt8], _ text: String) -> ResolvedScalar? {
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") {
            let digits = b[2...]
            guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }) else { return nil }
            return Int(String(text.dropFirst(2)), radix: 8).map(ResolvedScalar.int) ?? .string(text)
        }
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") {
            guard b[2...].allSatisfy(isHexDigit) else { return nil }
            return Int(String(text.dropFirst(2)), radix: 16).map(ResolvedScalar.int) ?? .string(text)
        }
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        guard i < b.count, b[i...].allSatisfy(isDigit) else { return nil }
        let body = b[0] == UInt8(ascii: "+") ? String(text.dropFirst()) : text
        if let value = Int(body) { return .int(value) }
        return Double(body).map(ResolvedScalar.float)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func isCoreFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var mantissaDigits = 0
        while i < b.count, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var fraction = 0
            while i < b.count, isDigit(b[i]) { i += 1; fraction += 1 }
            if mantissaDigits == 0 && fraction == 0 { return false }
        } else if mantissaDigits == 0 {
            return false
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var exponent = 0
            while i < b.count, isDigit(b[i]) { i += 1; exponent += 1 }
            if exponent == 0 { return false }
        }
        return i == b.count
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }
}

extension YAMLNode {
    /// The first plain scalar (depth first) that is a decimal integer too large for 64 bits: it
    /// resolves to a float, where Python (cookiecutter, copier) would keep every digit. Callers
    /// that take values from users refuse it rather than print `1.2345678901234568e+29`.
    public var firstOversizedInteger: YAMLNode? {
        switch content {
        case .scalar(let scalar):
            guard scalar.style == .plain, scalar.tag == nil, case .float = scalar.resolved else { return nil }
            var digits = Substring(scalar.value)
            if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
            return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? self : nil
        case .sequence(let items):
            for item in items { if let found = item.firstOversizedInteger { return found } }
            return nil
        case .mapping(let pairs):
            for pair in pairs { if let found = pair.key.firstOversizedInteger ?? pair.value.firstOversizedInteger { return found } }
            return nil
        }
    }
}
