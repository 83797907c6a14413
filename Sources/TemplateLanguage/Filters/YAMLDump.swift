import Foundation

/// A YAML writer reproducing PyYAML's `yaml.dump(value, allow_unicode=True, sort_keys=True)`
/// for plain data, as used by the `to_yaml` / `to_nice_yaml` extensions (copier's, from
/// jinja2-ansible-filters). Keys are sorted, sequences inside mappings are not indented,
/// strings that would read back as another type are single-quoted.
/// Long plain and single-quoted scalars are folded at spaces past column 80, as PyYAML's
/// emitter does (`best_width`); double-quoted ones (text with control characters) are not.
struct YAMLDumper {
    /// PyYAML's `best_width`.
    static let width = 80
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
            out += try flow(value, indent: 2 * indentStep, column: 0) + "\n"
        default:
            let text = try scalar(value, indent: indentStep, flowContext: false, column: 0)
            // PyYAML ends a document that is a plain scalar with `...`; a quoted one needs none.
            out += text + (text.hasPrefix("'") || text.hasPrefix("\"") ? "\n" : "\n...\n")
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
                out += " "
                out += isCollection(value) ? try flow(value, indent: indent + 2 * indentStep, column: Self.column(of: out))
                                           : try scalar(value, indent: indent + indentStep, flowContext: false, column: Self.column(of: out))
                out += "\n"
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
                out += " "
                out += isCollection(item) ? try flow(item, indent: indent + 2 * indentStep, column: Self.column(of: out))
                                          : try scalar(item, indent: indent + indentStep, flowContext: false, column: Self.column(of: out))
                out += "\n"
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

    /// A flow collection starting at `column`; `indent` is where folded scalars continue.
    private func flow(_ v: Value, indent: Int, column: Int) throws(TemplateError) -> String {
        var out = ""
        func col() -> Int { Self.column(of: out, from: column) }
        // After a comma past the width, the next item starts a new line at the collection's own
        // indent (PyYAML's flow emitter); a scalar's continuation lines are one step further in.
        func separator() {
            out += ","
            out += col() > Self.width ? "\n" + String(repeating: " ", count: max(indent - indentStep, 0)) : " "
        }
        // Scalars inside continue at `indent`; a nested collection's one step further in.
        func child(_ value: Value, _ at: Int) throws(TemplateError) -> String {
            isCollection(value) ? try flow(value, indent: indent + indentStep, column: at)
                                : try scalar(value, indent: indent, flowContext: true, column: at)
        }
        switch v {
        case .dict(let d):
            out += "{"
            for (n, (k, value)) in try sortedPairs(d).enumerated() {
                if n > 0 { separator() }
                out += try scalar(k, indent: 0, flowContext: true) + ": "
                out += try child(value, col())
            }
            return out + "}"
        case .list(let items), .tuple(let items):
            out += "["
            for (n, item) in items.enumerated() {
                if n > 0 { separator() }
                out += try child(item, col())
            }
            return out + "]"
        default:
            return try scalar(v, indent: indent, flowContext: true, column: column)
        }
    }

    /// The column the next character of `text` would be written at, `text` starting at `start`.
    static func column(of text: String, from start: Int = 0) -> Int {
        var count = 0
        for c in text.unicodeScalars.reversed() {
            if c == "\n" { return count }
            count += 1
        }
        return start + count
    }

    /// `column`: where the scalar starts, for folding; nil for keys, which PyYAML never folds.
    func scalar(_ v: Value, indent: Int, flowContext: Bool, column: Int? = nil) throws(TemplateError) -> String {
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
        case .string(let s): return string(s, indent: indent, flowContext: flowContext, column: column)
        case .undefined(let message): throw TemplateError(.undefined, message.isEmpty ? "cannot represent an undefined value" : message)
        default: throw TemplateError(.type, "cannot represent an object of type '\(v.typeName)' in YAML")
        }
    }

    private func string(_ s: String, indent: Int, flowContext: Bool, column: Int?) -> String {
        let scalars = Array(s.unicodeScalars)
        if scalars.contains(where: isSpecial) { return doubleQuoted(scalars) }
        if canBePlain(s, scalars, flowContext: flowContext) {
            return column.map { fold(scalars, column: $0, indent: indent, quoted: false) } ?? s
        }
        var out = "'"
        var col = (column ?? 0) + 1
        var k = 0
        while k < scalars.count {
            let c = scalars[k]
            if c == "'" { out += "''"; col += 2 }
            else if c == "\n" { out += "\n\n" + String(repeating: " ", count: indent); col = indent }
            else if c == " ", column != nil, k > 0, k + 1 < scalars.count, scalars[k + 1] != " ", scalars[k - 1] != " ", col > Self.width {
                out += "\n" + String(repeating: " ", count: indent)  // PyYAML: a single inner space past the width breaks
                col = indent
            } else { out.unicodeScalars.append(c); col += 1 }
            k += 1
        }
        return out + "'"
    }

    /// A plain scalar as PyYAML writes it: a single space met past column 80 becomes a line
    /// break and the continuation indent; runs of spaces stay on the line.
    private func fold(_ c: [Unicode.Scalar], column: Int, indent: Int, quoted: Bool) -> String {
        var out = String.UnicodeScalarView()
        var col = column
        var i = 0
        while i < c.count {
            guard c[i] == " " else { out.append(c[i]); col += 1; i += 1; continue }
            var j = i
            while j < c.count && c[j] == " " { j += 1 }
            if j == i + 1 && col > Self.width {
                out.append("\n")
                out.append(contentsOf: String(repeating: " ", count: indent).unicodeScalars)
                col = indent
            } else {
                out.append(contentsOf: c[i..<j])
                col += j - i
            }
            i = j
        }
        return String(out)
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
