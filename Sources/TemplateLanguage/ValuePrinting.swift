/// Python's `str()` and `repr()` for values, which is what Jinja2 prints.
extension Value {
    /// `str(v)` as Python prints it: strings bare, containers with `repr()` of their items.
    public var pythonString: String {
        switch self {
        case .string(let s): return s
        case .undefined: return ""
        default:
            var out = ""
            writeString(into: &out)
            return out
        }
    }

    /// `repr(v)`: strings quoted and escaped as Python does.
    public var pythonRepr: String {
        var out = ""
        writeRepr(into: &out)
        return out
    }

    /// `str(v)` appended to a render's output bytes.
    func writeString(into out: inout [UInt8]) {
        switch self {
        case .string(let s): out.append(contentsOf: s.utf8)
        case .undefined: break
        default: out.append(contentsOf: pythonString.utf8)
        }
    }

    func writeString(into out: inout String) {
        switch self {
        case .string(let s): out += s
        case .undefined: break
        case .none: out += "None"
        case .bool(let b): out += b ? "True" : "False"
        case .int(let i): out += String(i)
        case .float(let d): out += pythonFloatRepr(d)
        case .list, .tuple, .dict: writeRepr(into: &out)
        case .object(let o): out += o.displayName
        }
    }

    func writeRepr(into out: inout String) {
        switch self {
        case .string(let s): writePythonStringRepr(s, into: &out)
        case .undefined: out += "Undefined"
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.writeRepr(into: &out)
            }
            out += "]"
        case .tuple(let items):
            out += "("
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.writeRepr(into: &out)
            }
            if items.count == 1 { out += "," }
            out += ")"
        case .dict(let d):
            out += "{"
            for i in 0..<d.count {
                if i > 0 { out += ", " }
                d.keys[i].writeRepr(into: &out)
                out += ": "
                d.values[i].writeRepr(into: &out)
            }
            out += "}"
        default: writeString(into: &out)
        }
    }
}

/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation when the
/// decimal exponent is in [-4, 16), otherwise `d.ddde+XX`; always with a `.0` or exponent.
func pythonFloatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Fast path: in this range Swift's shortest round-trip description is Python's repr.
    let magnitude = abs(d)
    if magnitude >= 1e-4 && magnitude < 1e15 {
        let text = d.description
        if !text.utf8.contains(UInt8(ascii: "e")) { return text }
    }
    let (negative, digits, decimalPoint) = shortestDigits(d)
    var out = negative ? "-" : ""
    if decimalPoint > -4 && decimalPoint <= 16 {
        if decimalPoint <= 0 {
            out += "0." + String(repeating: "0", count: -decimalPoint) + digits
        } else if decimalPoint >= digits.count {
            out += digits + String(repeating: "0", count: decimalPoint - digits.count) + ".0"
        } else {
            let split = digits.index(digits.startIndex, offsetBy: decimalPoint)
            out += digits[..<split] + "." + digits[split...]
        }
    } else {
        out += String(digits.first!)
        if digits.count > 1 { out += "." + digits.dropFirst() }
        let exponent = decimalPoint - 1
        out += exponent < 0 ? "e-" : "e+"
        let magnitude = String(abs(exponent))
        out += magnitude.count < 2 ? "0" + magnitude : magnitude
    }
    return out
}

/// The shortest round-trip decimal digits of a finite nonzero double (Swift's `description`
/// computes them) and the position of the decimal point relative to the first digit.
func shortestDigits(_ d: Double) -> (negative: Bool, digits: String, decimalPoint: Int) {
    var text = Substring(d.description)
    let negative = text.hasPrefix("-")
    if negative { text = text.dropFirst() }
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...]) ?? 0
        text = text[..<e]
    }
    var integerPart = text
    var fraction: Substring = ""
    if let dot = text.firstIndex(of: ".") {
        integerPart = text[..<dot]
        fraction = text[text.index(after: dot)...]
    }
    var digits = Array((integerPart + fraction).utf8)
    var decimalPoint = integerPart.count + exponent
    while digits.first == UInt8(ascii: "0") { digits.removeFirst(); decimalPoint -= 1 }
    while digits.last == UInt8(ascii: "0") { digits.removeLast() }
    return (negative, String(decoding: digits, as: UTF8.self), decimalPoint)
}

/// Python's `repr(str)`: single quotes unless the text has a single quote and no double quote.
func writePythonStringRepr(_ s: String, into out: inout String) {
    let hasSingle = s.utf8.contains(UInt8(ascii: "'"))
    let hasDouble = s.utf8.contains(UInt8(ascii: "\""))
    let quote: Unicode.Scalar = hasSingle && !hasDouble ? "\"" : "'"
    out.unicodeScalars.append(quote)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case quote: out += "\\"; out.unicodeScalars.append(scalar)
        default:
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v <= 0xA0) || v == 0xAD {
                out += "\\x" + hex(v, width: 2)
            } else if (v >= 0x200B && v <= 0x200F) || v == 0x2028 || v == 0x2029 || (v >= 0x202A && v <= 0x202E)
                        || v == 0xFEFF || (v >= 0xD800 && v <= 0xDFFF) {
                out += "\\u" + hex(v, width: 4)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out.unicodeScalars.append(quote)
}

func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
