import Foundation

/// Python's two string formatting languages: `'%s' % args` (the `format` filter) and
/// `'{}'.format(args)` (the `str.format` method).
enum PythonFormat {
    // MARK: printf-style

    /// `format % undefined`. Python treats Jinja's Undefined as a mapping (it has `__getitem__`),
    /// so a format string without conversions comes back as it is (`%%` as `%`); nil when the
    /// format converts something, which reads the undefined value and fails.
    static func percentWithoutArguments(_ format: String) -> String? {
        guard format.contains("%") else { return format }
        var out = ""
        var scalars = format.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "%" else { out.unicodeScalars.append(c); continue }
            guard scalars.next() == "%" else { return nil }
            out += "%"
        }
        return out
    }

    static func percent(_ format: String, a argument: Value, limits: Limits) throws(TemplateError) -> String {
        var positional: [Value]
        var mapping: ValueDict?
        switch argument {
        case .tuple(let items): positional = items
        case .dict(let d): positional = [argument]; mapping = d
        default: positional = [argument]
        }
        let s = Array(format.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var next = 0
        func take() throws(TemplateError) -> Value {
            guard next < positional.count else { throw TemplateError(.type, "not enough arguments for format string") }
            next += 1
            return positional[next - 1]
        }
        while i < s.count {
            let c = s[i]
            i += 1
            if c != "%" { out.append(c); continue }
            guard i < s.count else { throw TemplateError(.value, "incomplete format") }
            var value: Value?
            if s[i] == "(" {
                guard let close = s[i...].firstIndex(of: ")") else { throw TemplateError(.value, "incomplete format key") }
                let key = String(String.UnicodeScalarView(s[(i + 1)..<close]))
                guard let mapping else { throw TemplateError(.type, "format requires a mapping") }
                guard let v = mapping[key] else { throw TemplateError(.value, "format key '\(key)' not found") }
                value = v
                i = close + 1
            }
            var flags = Set<Unicode.Scalar>()
            while i < s.count, "-+ 0#".unicodeScalars.contains(s[i]) { flags.insert(s[i]); i += 1 }
            var width = 0
            if i < s.count, s[i] == "*" {
                guard case .int(let w) = try take() else { throw TemplateError(.type, "* wants int") }
                width = try digit(0, w, limits); i += 1
            }
            while i < s.count, let d = Int(String(s[i])) { width = try digit(width, d, limits); i += 1 }
            var precision: Int?
            if i < s.count, s[i] == "." {
                i += 1
                var p = 0
                while i < s.count, let d = Int(String(s[i])) { p = try digit(p, d, limits); i += 1 }
                precision = p
            }
            while i < s.count, "hlL".unicodeScalars.contains(s[i]) { i += 1 }
            guard i < s.count else { throw TemplateError(.value, "incomplete format") }
            let type = s[i]
            i += 1
            if type == "%" { out.append("%"); continue }
            let v: Value
            if let value { v = value } else { v = try take() }
            let text = try formatOne(v, type: type, flags: flags, precision: precision)
            out.append(contentsOf: pad(text, width: width, left: flags.contains("-"),
                                       zero: flags.contains("0") && type != "s" && type != "r").unicodeScalars)
        }
        // Python only complains about unused arguments for tuples and plain scalars (anything
        // with `__getitem__`, like a list, counts as a mapping).
        var isSequenceArgument = false
        if case .list = argument { isSequenceArgument = true }
        if mapping == nil && !isSequenceArgument && next < positional.count {
            throw TemplateError(.type, "not all arguments converted during string formatting")
        }
        return String(out)
    }

    /// One more decimal digit of a width or precision (`digit(0, w)` checks a whole `*` width).
    /// Widths build strings, so they are bounded like every value a template builds
    /// (`Limits.maxOutputBytes`), before anything is allocated and before the number can overflow.
    private static func digit(_ value: Int, _ d: Int, _ limits: Limits) throws(TemplateError) -> Int {
        let next = value * 10 + d  // cannot overflow: value is at most the limit
        guard next <= limits.maxOutputBytes else {
            throw TemplateError(.limit, "format width or precision exceeds the limit of \(limits.maxOutputBytes)")
        }
        return next
    }

    private static func pad(_ text: String, width: Int, left: Bool, zero: Bool) -> String {
        let count = text.unicodeScalars.count
        guard width > count else { return text }
        let fill = width - count
        if left { return text + String(repeating: " ", count: fill) }
        if zero {
            var body = Substring(text)
            var sign = ""
            if let f = body.first, f == "-" || f == "+" || f == " " { sign = String(f); body = body.dropFirst() }
            return sign + String(repeating: "0", count: fill) + body
        }
        return String(repeating: " ", count: fill) + text
    }

    private static func formatOne(_ v: Value, type: Unicode.Scalar, flags: Set<Unicode.Scalar>, precision: Int?) throws(TemplateError) -> String {
        func sign(_ negative: Bool) -> String {
            negative ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
        }
        switch type {
        case "s":
            let text = v.pythonString
            if let precision { return String(String.UnicodeScalarView(text.unicodeScalars.prefix(precision))) }
            return text
        case "r":
            return v.pythonRepr
        case "d", "i", "u":
            let n = try integerValue(v, "%\(type)")
            return sign(n < 0) + String(n.magnitude)
        case "x", "X", "o":
            guard case .int(let n) = v else {
                throw TemplateError(.type, "%\(type) format: an integer is required, not \(v.typeName)")
            }
            var digits = String(n.magnitude, radix: type == "o" ? 8 : 16, uppercase: type == "X")
            if flags.contains("#") { digits = (type == "o" ? "0o" : type == "x" ? "0x" : "0X") + digits }
            return sign(n < 0) + digits
        case "f", "F", "e", "E", "g", "G":
            guard let d = v.numericValue else {
                throw TemplateError(.type, "must be real number, not \(v.typeName)")
            }
            return sign(d.sign == .minus && !d.isNaN) + cFormat(abs(d), type: type, precision: precision ?? 6, alternate: flags.contains("#"))
        case "c":
            if case .string(let s) = v, s.unicodeScalars.count == 1 { return s }
            if case .int(let n) = v, let scalar = Unicode.Scalar(UInt32(clamping: n)) { return String(scalar) }
            throw TemplateError(.type, "%c requires int or char")
        default:
            throw TemplateError(.value, "unsupported format character '\(type)'")
        }
    }

    private static func integerValue(_ v: Value, _ what: String) throws(TemplateError) -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d):
            guard d.isFinite, let i = Int(exactly: d.rounded(.towardZero)) else { throw Operators.overflow() }
            return i
        default: throw TemplateError(.type, "\(what) format: a real number is required, not \(v.typeName)")
        }
    }

    /// C's printf for a non-negative double (Python uses the same correctly rounded conversions).
    static func cFormat(_ d: Double, type: Unicode.Scalar, precision: Int, alternate: Bool = false) -> String {
        if d.isNaN { return type.properties.isUppercase ? "NAN" : "nan" }
        if d.isInfinite { return type.properties.isUppercase ? "INF" : "inf" }
        let spec = "%" + (alternate ? "#" : "") + ".\(min(precision, 100))" + String(type)
        return formatDouble(spec, d)
    }

    // MARK: str.format

    static func brace(_ format: String, _ args: CallArguments, _ interpreter: Interpreter) throws(TemplateError) -> String {
        let s = Array(format.unicodeScalars)
        var out = ""
        var i = 0
        var autoIndex = 0
        while i < s.count {
            let c = s[i]
            if c == "}" {
                guard i + 1 < s.count, s[i + 1] == "}" else { throw TemplateError(.value, "Single '}' encountered in format string") }
                out += "}"; i += 2; continue
            }
            if c != "{" { out.unicodeScalars.append(c); i += 1; continue }
            if i + 1 < s.count, s[i + 1] == "{" { out += "{"; i += 2; continue }
            guard let close = s[(i + 1)...].firstIndex(of: "}") else {
                throw TemplateError(.value, "expected '}' before end of string")
            }
            var field = String(String.UnicodeScalarView(s[(i + 1)..<close]))
            i = close + 1
            var spec = ""
            if let colon = field.firstIndex(of: ":") {
                spec = String(field[field.index(after: colon)...])
                field = String(field[..<colon])
            }
            var conversion: Character?
            if let bang = field.firstIndex(of: "!") {
                conversion = field[field.index(after: bang)...].first
                field = String(field[..<bang])
            }
            // The first part names the argument; `.attr` and `[key]` follow.
            let nameEnd = field.firstIndex(where: { $0 == "." || $0 == "[" }) ?? field.endIndex
            let head = String(field[..<nameEnd])
            var value: Value
            if head.isEmpty {
                guard autoIndex < args.positional.count else { throw TemplateError(.value, "Replacement index \(autoIndex) out of range for positional args tuple") }
                value = args.positional[autoIndex]
                autoIndex += 1
            } else if let n = Int(head) {
                guard n < args.positional.count else { throw TemplateError(.value, "Replacement index \(n) out of range for positional args tuple") }
                value = args.positional[n]
            } else {
                guard let kw = args.keywords.first(where: { $0.name == head }) else { throw TemplateError(.value, "KeyError: '\(head)'") }
                value = kw.value
            }
            var rest = field[nameEnd...]
            while let first = rest.first {
                if first == "." {
                    rest = rest.dropFirst()
                    let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                    // Python attributes only: `{d.key}` does not read dict items.
                    if case .dict = value { throw TemplateError(.type, "'dict' object has no attribute '\(rest[..<end])'") }
                    value = try interpreter.attribute(value, String(rest[..<end]))
                    rest = rest[end...]
                } else {
                    guard let close = rest.firstIndex(of: "]") else { throw TemplateError(.value, "Missing ']' in format string") }
                    let key = String(rest[rest.index(after: rest.startIndex)..<close])
                    value = try interpreter.item(value, Int(key).map(Value.int) ?? .string(key))
                    rest = rest[rest.index(after: close)...]
                }
            }
            if case .undefined(let message) = value { throw interpreter.undefinedError(message) }
            if conversion == "r" { value = .string(value.pythonRepr) }
            else if conversion == "s" { value = .string(value.pythonString) }
            out += try formatSpec(value, spec, limits: interpreter.limits)
        }
        return out
    }

    /// Python's format-spec mini-language: `[[fill]align][sign][#][0][width][,][.precision][type]`.
    static func formatSpec(_ value: Value, _ spec: String, limits: Limits) throws(TemplateError) -> String {
        if spec.isEmpty { return value.pythonString }
        var s = Array(spec.unicodeScalars)[...]
        var fill: Unicode.Scalar = " "
        var align: Unicode.Scalar?
        if s.count >= 2, "<>^=".unicodeScalars.contains(s[s.startIndex + 1]) {
            fill = s.removeFirst(); align = s.removeFirst()
        } else if let f = s.first, "<>^=".unicodeScalars.contains(f) {
            align = s.removeFirst()
        }
        var signFlag: Unicode.Scalar = "-"
        if let f = s.first, "+- ".unicodeScalars.contains(f) { signFlag = s.removeFirst() }
        var alternate = false
        if s.first == "#" { alternate = true; s.removeFirst() }
        if s.first == "0" && align == nil { fill = "0"; align = "="; s.removeFirst() }
        var width = 0
        while let f = s.first, let d = Int(String(f)) { width = try digit(width, d, limits); s.removeFirst() }
        var grouping = false
        if s.first == "," || s.first == "_" { grouping = true; s.removeFirst() }
        var precision: Int?
        if s.first == "." {
            s.removeFirst()
            var p = 0
            while let f = s.first, let d = Int(String(f)) { p = try digit(p, d, limits); s.removeFirst() }
            precision = p
        }
        let type = s.first
        var body: String
        var negative = false
        var isNumeric = true
        switch value {
        case .string(let str):
            guard type == nil || type == "s" else { throw TemplateError(.value, "Unknown format code '\(type!)' for object of type 'str'") }
            body = precision.map { String(String.UnicodeScalarView(str.unicodeScalars.prefix($0))) } ?? str
            isNumeric = false
        case .int, .bool, .float:
            let isInt: Bool
            if case .float = value { isInt = false } else { isInt = true }
            let d = value.numericValue ?? 0
            negative = d < 0 || (d == 0 && d.sign == .minus && !isInt)
            switch type {
            case nil where isInt, "d":
                guard isInt, case let n = Int(d) else { throw TemplateError(.value, "Unknown format code 'd' for object of type 'float'") }
                if case .bool(let b) = value, type == nil { return pad(b ? "True" : "False", width, fill, align ?? "<") }
                body = String(n.magnitude)
            case "x", "X", "o", "b":
                guard isInt else { throw TemplateError(.value, "Unknown format code for object of type 'float'") }
                let radix = type == "o" ? 8 : type == "b" ? 2 : 16
                body = String(Int(d).magnitude, radix: radix, uppercase: type == "X")
                if alternate { body = "0" + String(type!).lowercased() + body }
            case "f", "F", "e", "E", "%":
                let p = precision ?? 6
                body = type == "%" ? cFormat(abs(d) * 100, type: "f", precision: p) + "%" : cFormat(abs(d), type: type!, precision: p)
            case "g", "G":
                body = cFormat(abs(d), type: type!, precision: precision ?? 6, alternate: alternate)
            case nil:
                if let precision {
                    body = cFormat(abs(d), type: "g", precision: max(precision, 1))
                    if !body.contains(".") && !body.contains("e") && !body.contains("n") { body += "" }
                } else {
                    body = pythonFloatRepr(abs(d))
                }
            default:
                throw TemplateError(.value, "Unknown format code '\(type!)' for object of type '\(value.typeName)'")
            }
            if grouping { body = groupThousands(body) }
        default:
            body = value.pythonString
            isNumeric = false
        }
        var signText = ""
        if isNumeric {
            signText = negative ? "-" : signFlag == "+" ? "+" : signFlag == " " ? " " : ""
        }
        let effectiveAlign = align ?? (isNumeric ? ">" : "<")
        if effectiveAlign == "=" {
            let total = signText.unicodeScalars.count + body.unicodeScalars.count
            let fillCount = max(0, width - total)
            return signText + String(repeating: String(fill), count: fillCount) + body
        }
        return pad(signText + body, width, fill, effectiveAlign)
    }

    private static func pad(_ text: String, _ width: Int, _ fill: Unicode.Scalar, _ align: Unicode.Scalar) -> String {
        let count = text.unicodeScalars.count
        guard width > count else { return text }
        let total = width - count
        let f = String(fill)
        switch align {
        case ">": return String(repeating: f, count: total) + text
        case "^":
            let left = total / 2
            return String(repeating: f, count: left) + text + String(repeating: f, count: total - left)
        default: return text + String(repeating: f, count: total)
        }
    }

    private static func groupThousands(_ body: String) -> String {
        let integerEnd = body.firstIndex(where: { !$0.isASCII || !$0.isNumber }) ?? body.endIndex
        let digits = Array(body[..<integerEnd])
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out + body[integerEnd...]
    }
}
