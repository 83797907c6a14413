/// JSON output exactly as Python's `json.dumps` writes it: `tojson` (Jinja2: sorted keys,
/// HTML-safe escapes) and the `jsonify` extension (cookiecutter: sorted keys, indent 4).
extension Filters {
    static let jsonFilters: [String: FilterFunction] = [
        "tojson": { i, v, a throws(TemplateError) in
            let args = try a.bind("tojson", ["indent"])
            let indent = args[0] == nil || args[0]! == .none ? nil : try int(args[0], "tojson", default: 0)
            var out = ""
            try JSONWriter(indent: indent, sortKeys: true).write(try i.defined(v), into: &out, level: 0)
            // Jinja2's htmlsafe_json_dumps.
            var safe = ""
            for c in out.unicodeScalars {
                switch c {
                case "<": safe += "\\u003c"
                case ">": safe += "\\u003e"
                case "&": safe += "\\u0026"
                case "'": safe += "\\u0027"
                default: safe.unicodeScalars.append(c)
                }
            }
            return .string(safe)
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

    func write(_ value: Value, into out: inout String, level: Int) throws(TemplateError) {
        switch value {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .float(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else { out += pythonFloatRepr(d) }
        case .string(let s): JSONWriter.writeString(s, into: &out)
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
                JSONWriter.writeString(pair.0, into: &out)
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

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if c.value < 0x20 || c.value > 0x7E {
                    if c.value > 0xFFFF {
                        let v = c.value - 0x10000
                        out += "\\u" + hex(0xD800 + (v >> 10), width: 4) + "\\u" + hex(0xDC00 + (v & 0x3FF), width: 4)
                    } else {
                        out += "\\u" + hex(c.value, width: 4)
                    }
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out += "\""
    }
}
