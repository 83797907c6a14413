/// Python's `json.dumps(value, ensure_ascii=..., indent=..., sort_keys=..., separators=(",", ": "))`
/// for files scaffold writes in another tool's format (cruft's `.cruft.json`).
public enum PythonJSON {
    public static func dumps(_ value: Value, indent: Int?, sortKeys: Bool = false, ensureASCII: Bool = true) throws(TemplateError) -> String {
        var writer = JSONWriter(indent: indent, sortKeys: sortKeys)
        writer.asciiOnly = ensureASCII
        return try writer.dumps(value)
    }
}

/// JSON output exactly as Python's `json.dumps` writes it: `tojson` (Jinja2: sorted keys,
/// HTML-safe escapes) and the `jsonify` extension (cookiecutter: sorted keys, indent 4).
extension Filters {
    static let jsonFilters: [String: FilterFunction] = [
        "tojson": { i, v, a throws(TemplateError) in
            let args = try a.bind("tojson", ["indent"])
            let indent = args[0] == nil || args[0]! == .none ? nil : try int(args[0], "tojson", default: 0)
            try i.limits.checkString(indent ?? 0, "tojson's indent")
            // Jinja2's htmlsafe_json_dumps escapes < > & ' (they can only occur inside strings).
            return .string(try JSONWriter(indent: indent, sortKeys: true, htmlSafe: true).dumps(try i.defined(v)))
        },
        /// Extension (cookiecutter's `jsonify`): `json.dumps(value, sort_keys=True, indent=indent)`, indent 4 by default.
        "jsonify": { i, v, a throws(TemplateError) in
            let args = try a.bind("jsonify", ["indent"])
            let indent = args[0] == nil || args[0]! == .none ? 4 : try int(args[0], "jsonify", default: 4)
            try i.limits.checkString(indent, "jsonify's indent")
            return .string(try JSONWriter(indent: indent, sortKeys: true).dumps(try i.defined(v)))
        },
    ]
}

/// Python's `json.dumps` (`ensure_ascii=True` unless `asciiOnly` is off).
struct JSONWriter {
    let indent: Int?
    let sortKeys: Bool
    var htmlSafe = false
    /// `ensure_ascii`: off, non-ASCII text is written as it is (control characters still escaped).
    var asciiOnly = true

    /// The whole document, built as bytes and made a string once.
    func dumps(_ value: Value) throws(TemplateError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        try write(value, into: &out, level: 0)
        return String(decoding: out, as: UTF8.self)
    }

    func write(_ value: Value, into out: inout [UInt8], level: Int) throws(TemplateError) {
        switch value {
        case .none: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .float(let d):
            out.append(contentsOf: JSONWriter.number(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .list(let items), .tuple(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(contentsOf: "[".utf8)
            for (k, item) in items.enumerated() {
                out.append(contentsOf: separator(first: k == 0, level: level + 1).utf8)
                try write(item, into: &out, level: level + 1)
            }
            out.append(contentsOf: (closing(level: level) + "]").utf8)
        case .dict(let d):
            if d.isEmpty { out.append(contentsOf: "{}".utf8); return }
            var entries = zip(d.keys, d.values).map { ($0, $1) }
            if sortKeys {
                // Python sorts the original keys (mixed key types are a TypeError there too).
                entries = try Filters.stableSort(entries) { (x, y) throws(TemplateError) in try pythonCompare(x.0, y.0) < 0 }
            }
            var pairs: [(String, Value)] = []
            for (k, v) in entries { pairs.append((try JSONWriter.key(k), v)) }
            out.append(contentsOf: "{".utf8)
            for (k, pair) in pairs.enumerated() {
                out.append(contentsOf: separator(first: k == 0, level: level + 1).utf8)
                writeString(pair.0, into: &out)
                out.append(contentsOf: ": ".utf8)
                try write(pair.1, into: &out, level: level + 1)
            }
            out.append(contentsOf: (closing(level: level) + "}").utf8)
        case .undefined(let message):
            throw TemplateError(.undefined, message.isEmpty ? "Object of type Undefined is not JSON serializable" : message)
        case .object(let o):
            throw TemplateError(.type, "Object of type \(o.displayName) is not JSON serializable")
        }
    }

    private func separator(first: Bool, level: Int) -> String {
        guard let indent else { return first ? "" : ", " }
        return (first ? "" : ",") + "\n" + String(repeating: " ", count: indent * level)
    }

    private func closing(level: Int) -> String {
        guard let indent else { return "" }
        return "\n" + String(repeating: " ", count: indent * level)
    }

    /// Python's float repr, with its names for the non-finite values.
    private static func number(_ d: Double) -> String {
        d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : pythonFloatRepr(d)
    }

    /// Python converts simple keys to strings; other keys are a TypeError.
    private static func key(_ k: Value) throws(TemplateError) -> String {
        switch k {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .float(let d): return number(d)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "null"
        default: throw TemplateError(.type, "keys must be str, int, float, bool or None, not \(k.typeName)")
        }
    }

    /// A JSON string literal: runs of plain printable ASCII are copied as they are; everything
    /// else is escaped as Python escapes it (`\uXXXX`, surrogate pairs above U+FFFF).
    func writeString(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + 2)
            out.append(34)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x20 && b < 0x7F && b != 34 && b != 92 && !(htmlSafe && Self.isHTMLSpecial(b)) {
                    out.append(b)
                    i += 1
                    continue
                }
                switch b {
                case 34: out.append(contentsOf: [92, 34])
                case 92: out.append(contentsOf: [92, 92])
                case 10: out.append(contentsOf: [92, 110])
                case 13: out.append(contentsOf: [92, 114])
                case 9: out.append(contentsOf: [92, 116])
                case 8: out.append(contentsOf: [92, 98])
                case 12: out.append(contentsOf: [92, 102])
                case 0x80...0xFF where !asciiOnly: out.append(b)
                default:
                    // Decode one scalar (the string is valid UTF-8) and write it as \uXXXX.
                    var scalar = UInt32(b)
                    var length = 1
                    if b >= 0xF0 { scalar = UInt32(b & 0x07); length = 4 }
                    else if b >= 0xE0 { scalar = UInt32(b & 0x0F); length = 3 }
                    else if b >= 0xC0 { scalar = UInt32(b & 0x1F); length = 2 }
                    for k in 1..<length { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
                    i += length - 1
                    if scalar > 0xFFFF {
                        let v = scalar - 0x10000
                        Self.appendUnicodeEscape(0xD800 + (v >> 10), to: &out)
                        Self.appendUnicodeEscape(0xDC00 + (v & 0x3FF), to: &out)
                    } else {
                        Self.appendUnicodeEscape(scalar, to: &out)
                    }
                }
                i += 1
            }
            out.append(34)
        }
    }

    @inline(__always) private static func isHTMLSpecial(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") || b == UInt8(ascii: "'")
    }

    private static func appendUnicodeEscape(_ v: UInt32, to out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        out.append(contentsOf: [92, 117])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(digits.utf8Start[Int(v >> UInt32(shift) & 0xF)]) }
    }
}
