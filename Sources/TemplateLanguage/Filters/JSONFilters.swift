/// JSON output exactly as Python's `json.dumps` writes it: `tojson` (Jinja2: sorted keys,
/// HTML-safe escapes) and the `jsonify` extension (cookiecutter: sorted keys, indent 4).
extension Filters {
    static let jsonFilters: [String: FilterFunction] = [
        "tojson": { i, v, a throws(TemplateError) in
            let args = try a.bind("tojson", ["indent"])
            let indent = args[0] == nil || args[0]! == .none ? nil : try int(args[0], "tojson", default: 0)
            var out = ""
            // Jinja2's htmlsafe_json_dumps escapes < > & ' (they can only occur inside strings).
            try JSONWriter(indent: indent, sortKeys: true, htmlSafe: true).write(try i.defined(v), into: &out, level: 0)
            return .string(out)
        },
        /// Extension (cookiecutter's `jsonify`): `json.dumps(value, sort_keys=True, indent=indent)`, indent 4 by default.
        "jsonify": { i, v, a throws(TemplateError) in
            let args = try a.bind("jsonify", ["indent"])
            let indent = args[0] == nil || args[0]! == .none ? 4 : try int(args[0], "jsonify", default: 4)
            var out = ""
            try JSONWriter(indent: indent, sortKeys: true).write(try i.defined(v), into: &out, level: 0)
            return .string(out)
        },
    ]
}

/// Python's `json.dumps` with `ensure_ascii=True`.
struct JSONWriter {
    let indent: Int?
    let sortKeys: Bool
    var htmlSafe = false

    func write(_ value: Value, into out: inout String, level: Int) throws(TemplateError) {
        switch value {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += pythonFloatRepr(d) }
        case .string(let s): writeString(s, into: &out)
        case .list(let items), .tuple(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (k, item) in items.enumerated() {
                out += separator(first: k == 0, level: level + 1)
                try write(item, into: &out, level: level + 1)
            }
            out += closing(level: level) + "]"
        case .dict(let d):
            if d.isEmpty { out += "{}"; return }
            var entries = zip(d.keys, d.values).map { ($0, $1) }
            if sortKeys {
                // Python sorts the original keys (mixed key types are a TypeError there too).
                entries = try Filters.stableSort(entries) { (x, y) throws(TemplateError) in try pythonCompare(x.0, y.0) < 0 }
            }
            var pairs: [(String, Value)] = []
            for (k, v) in entries { pairs.append((try JSONWriter.key(k), v)) }
            out += "{"
            for (k, pair) in pairs.enumerated() {
                out += separator(first: k == 0, level: level + 1)
                writeString(pair.0, into: &out)
                out += ": "
                try write(pair.1, into: &out, level: level + 1)
            }
            out += closing(level: level) + "}"
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

    /// Python converts simple keys to strings; other keys are a TypeError.
    private static func key(_ k: Value) throws(TemplateError) -> String {
        switch k {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .float(let d): return d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : pythonFloatRepr(d)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "null"
        default: throw TemplateError(.type, "keys must be str, int, float, bool or None, not \(k.typeName)")
        }
    }

    /// A JSON string literal: runs of plain printable ASCII are copied as they are; everything
    /// else is escaped as Python escapes it (`\uXXXX`, surrogate pairs above U+FFFF).
    func writeString(_ s: String, into out: inout String) {
        var s = s
        s.withUTF8 { bytes in
            var escaped: [UInt8] = [34]
            escaped.reserveCapacity(bytes.count + 2)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b >= 0x20 && b < 0x7F && b != 34 && b != 92 && !(htmlSafe && Self.isHTMLSpecial(b)) {
                    escaped.append(b)
                    i += 1
                    continue
                }
                switch b {
                case 34: escaped.append(contentsOf: [92, 34])
                case 92: escaped.append(contentsOf: [92, 92])
                case 10: escaped.append(contentsOf: [92, 110])
                case 13: escaped.append(contentsOf: [92, 114])
                case 9: escaped.append(contentsOf: [92, 116])
                case 8: escaped.append(contentsOf: [92, 98])
                case 12: escaped.append(contentsOf: [92, 102])
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
                        Self.appendUnicodeEscape(0xD800 + (v >> 10), to: &escaped)
                        Self.appendUnicodeEscape(0xDC00 + (v & 0x3FF), to: &escaped)
                    } else {
                        Self.appendUnicodeEscape(scalar, to: &escaped)
                    }
                }
                i += 1
            }
            escaped.append(34)
            out += String(decoding: escaped, as: UTF8.self)
        }
    }

    @inline(__always) private static func isHTMLSpecial(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") || b == UInt8(ascii: "'")
    }

    private static func appendUnicodeEscape(_ v: UInt32, to out: inout [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [92, 117])
        for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int(v >> UInt32(shift) & 0xF)]) }
    }
}
