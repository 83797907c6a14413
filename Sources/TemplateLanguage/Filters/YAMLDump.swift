import Foundation

/// A YAML writer reproducing PyYAML's `yaml.dump(value, allow_unicode=True, sort_keys=True)`
/// for plain data, as used by the `to_yaml` / `to_nice_yaml` extensions (copier's, from
/// jinja2-ansible-filters). Keys are sorted, sequences inside mappings are not indented,
/// strings that would read back as another type are single-quoted.
/// Known difference: PyYAML folds scalars longer than 80 columns; this writer does not.
struct YAMLDumper {
    /// `default_flow_style=None`: collections of scalars only are written in flow style.
    let flowLeaves: Bool
    let indentStep: Int

    func dump(_ value: Value) throws(TemplateError) -> String {
        var out = ""
        switch value {
        case .dict(let d) where !d.isEmpty && !(flowLeaves && isLeafCollection(value)):
            try mapping(d, indent: 0, into: &out)
        case .list(let l) where !l.isEmpty && !(flowLeaves && isLeafCollection(value)):
            try sequence(l, indent: 0, into: &out)
        case .tuple(let l) where !l.isEmpty && !(flowLeaves && isLeafCollection(value)):
            try sequence(l, indent: 0, into: &out)
        case .dict, .list, .tuple:
            out += try flow(value) + "\n"
        default:
            out += try scalar(value, indent: 0, flowContext: false) + "\n...\n"
        }
        return out
    }

    private func isCollection(_ v: Value) -> Bool {
        switch v {
        case .dict, .list, .tuple: return true
        default: return false
        }
    }

    private func isEmptyCollection(_ v: Value) -> Bool {
        switch v {
        case .dict(let d): return d.isEmpty
        case .list(let l), .tuple(let l): return l.isEmpty
        default: return false
        }
    }

    private func isLeafCollection(_ v: Value) -> Bool {
        switch v {
        case .dict(let d): return d.values.allSatisfy { !isCollection($0) }
        case .list(let l), .tuple(let l): return l.allSatisfy { !isCollection($0) }
        default: return false
        }
    }

    private func writesInline(_ v: Value) -> Bool {
        !isCollection(v) || isEmptyCollection(v) || (flowLeaves && isLeafCollection(v))
    }

    private func sortedPairs(_ d: ValueDict) throws(TemplateError) -> [(Value, Value)] {
        try Filters.stableSort(zip(d.keys, d.values).map { ($0, $1) }) { (a, b) throws(TemplateError) in
            try pythonCompare(a.0, b.0) < 0
        }
    }

    private func mapping(_ d: ValueDict, indent: Int, into out: inout String, inlineFirst: Bool = false) throws(TemplateError) {
        for (n, (key, value)) in try sortedPairs(d).enumerated() {
            if !(inlineFirst && n == 0) { out += String(repeating: " ", count: indent) }
            out += try scalar(key, indent: indent, flowContext: false) + ":"
            if writesInline(value) {
                out += " " + (isCollection(value) ? try flow(value) : try scalar(value, indent: indent + indentStep, flowContext: false)) + "\n"
            } else if case .dict(let inner) = value {
                out += "\n"
                try mapping(inner, indent: indent + indentStep, into: &out)
            } else if case .list(let items) = value {
                out += "\n"
                try sequence(items, indent: indent, into: &out)
            } else if case .tuple(let items) = value {
                out += "\n"
                try sequence(items, indent: indent, into: &out)
            }
        }
    }

    private func sequence(_ items: [Value], indent: Int, into out: inout String, inlineFirst: Bool = false) throws(TemplateError) {
        for (n, item) in items.enumerated() {
            if !(inlineFirst && n == 0) { out += String(repeating: " ", count: indent) }
            out += "-"
            if writesInline(item) {
                out += " " + (isCollection(item) ? try flow(item) : try scalar(item, indent: indent + indentStep, flowContext: false)) + "\n"
                continue
            }
            out += String(repeating: " ", count: indentStep - 1)
            switch item {
            case .dict(let inner): try mapping(inner, indent: indent + indentStep, into: &out, inlineFirst: true)
            case .list(let inner), .tuple(let inner): try sequence(inner, indent: indent + indentStep, into: &out, inlineFirst: true)
            default: break
            }
        }
    }

    private func flow(_ v: Value) throws(TemplateError) -> String {
        switch v {
        case .dict(let d):
            var parts: [String] = []
            for (k, value) in try sortedPairs(d) {
                parts.append(try scalar(k, indent: 0, flowContext: true) + ": " + (try flow(value)))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .list(let items), .tuple(let items):
            var parts: [String] = []
            for item in items { parts.append(try flow(item)) }
            return "[" + parts.joined(separator: ", ") + "]"
        default:
            return try scalar(v, indent: 0, flowContext: true)
        }
    }

    func scalar(_ v: Value, indent: Int, flowContext: Bool) throws(TemplateError) -> String {
        switch v {
        case .none: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d):
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
            var text = pythonFloatRepr(d).lowercased()
            if !text.contains("."), let e = text.firstIndex(of: "e") { text.replaceSubrange(e...e, with: ".0e") }
            return text
        case .string(let s): return string(s, indent: indent, flowContext: flowContext)
        case .undefined(let message): throw TemplateError(.undefined, message.isEmpty ? "cannot represent an undefined value" : message)
        default: throw TemplateError(.type, "cannot represent an object of type '\(v.typeName)' in YAML")
        }
    }

    private func string(_ s: String, indent: Int, flowContext: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        if scalars.contains(where: isSpecial) { return doubleQuoted(scalars) }
        if canBePlain(s, scalars, flowContext: flowContext) { return s }
        var out = "'"
        for c in scalars {
            if c == "'" { out += "''" }
            else if c == "\n" { out += "\n\n" + String(repeating: " ", count: indent) }
            else { out.unicodeScalars.append(c) }
        }
        return out + "'"
    }

    private func isSpecial(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        if v < 0x20 || v == 0x7F { return true }
        if (0x80...0x9F).contains(v) && v != 0x85 { return true }
        if v == 0xFEFF || (0xD800...0xDFFF).contains(v) || v == 0xFFFE || v == 0xFFFF { return true }
        return v == 0x85 || v == 0x2028 || v == 0x2029 || v == 0x0D
    }

    private func canBePlain(_ s: String, _ c: [Unicode.Scalar], flowContext: Bool) -> Bool {
        guard let first = c.first, let last = c.last else { return false }
        if first == " " || last == " " || first == "\t" || last == "\t" { return false }
        if s.hasPrefix("---") || s.hasPrefix("...") { return false }
        if c.contains("\n") || c.contains("\r") { return false }
        if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        let followedBySpace = c.count == 1 || c[1] == " " || c[1] == "\t"
        if (first == "-" || first == "?" || first == ":") && followedBySpace { return false }
        if flowContext && (first == "?" || first == ":") { return false }
        for (i, ch) in c.enumerated() {
            let next: Unicode.Scalar? = i + 1 < c.count ? c[i + 1] : nil
            if ch == ":" && (next == nil || next == " " || next == "\t") { return false }
            if ch == "#" && i > 0 && (c[i - 1] == " " || c[i - 1] == "\t") { return false }
            if flowContext && ",?[]{}:".unicodeScalars.contains(ch) && i > 0 { return false }
        }
        return !resolvesToOtherType(s)
    }

    /// PyYAML's implicit resolvers: strings that would load back as bool, null, int, float,
    /// timestamp, merge or value keys must be quoted.
    private func resolvesToOtherType(_ s: String) -> Bool {
        let keywords: Set<String> = ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                                     "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", "<<", "=",
                                     ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"]
        if keywords.contains(s) { return true }
        let patterns = [
            #"^[-+]?0b[0-1_]+$"#, #"^[-+]?0[0-7_]+$"#, #"^[-+]?(?:0|[1-9][0-9_]*)$"#, #"^[-+]?0x[0-9a-fA-F_]+$"#,
            #"^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$"#,
            #"^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$"#, #"^\.[0-9_]+(?:[eE][-+][0-9]+)?$"#,
            #"^[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?$"#,
            #"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$"#,
            #"^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$"#,
            #"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?$"#,
        ]
        return patterns.contains { s.range(of: $0, options: .regularExpression) != nil }
    }

    private func doubleQuoted(_ c: [Unicode.Scalar]) -> String {
        var out = "\""
        for ch in c {
            switch ch.value {
            case 0x00: out += "\\0"
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0B: out += "\\v"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x85: out += "\\N"
            case 0xA0: out += "\\_"
            case 0x2028: out += "\\L"
            case 0x2029: out += "\\P"
            default:
                if isSpecial(ch) {
                    out += ch.value <= 0xFF ? "\\x" + hex(ch.value, width: 2).uppercased() : "\\u" + hex(ch.value, width: 4).uppercased()
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }
}
