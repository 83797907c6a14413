/// The Python methods real templates call on values (`name.lower().replace(' ', '_')`,
/// `d.items()`, `loop.cycle(...)`). Anything else is an undefined attribute, as in Jinja2.
enum Methods {
    private static let stringMethods: Set<String> = [
        "lower", "upper", "title", "capitalize", "casefold", "swapcase", "replace", "strip", "lstrip", "rstrip",
        "split", "rsplit", "splitlines", "startswith", "endswith", "find", "rfind", "index", "rindex", "count",
        "format", "join", "zfill", "center", "ljust", "rjust", "partition", "rpartition", "removeprefix",
        "removesuffix", "isdigit", "isalpha", "isalnum", "islower", "isupper", "isspace", "isdecimal", "isnumeric",
    ]

    /// Whether `name` is a method of `value`'s type (Python attributes shadow dict keys, so this
    /// runs on every attribute access: `service.name` asks whether `name` is a dict method).
    static func has(_ value: Value, _ name: String) -> Bool {
        switch value {
        case .string:
            return stringMethods.contains(name)
        case .dict:
            // Dict methods start with one of four letters: most keys are ruled out without a
            // string comparison.
            switch name.utf8.first {
            case UInt8(ascii: "i"): return name == "items"
            case UInt8(ascii: "k"): return name == "keys"
            case UInt8(ascii: "v"): return name == "values"
            case UInt8(ascii: "g"): return name == "get"
            case UInt8(ascii: "c"): return name == "copy"
            default: return false
            }
        case .list: return name == "index" || name == "count" || name == "copy"
        case .tuple: return name == "index" || name == "count"
        case .object(let o):
            if o is LoopObject { return name == "cycle" || name == "changed" }
            if o is CyclerObject { return name == "next" || name == "reset" }
            return false
        default: return false
        }
    }

    /// Calls the method, or returns nil when `value` has no such method.
    static func call(_ value: Value, _ name: String, _ args: CallArguments, _ interpreter: Interpreter) throws(TemplateError) -> Value? {
        switch value {
        case .string(let s): return try stringMethod(s, name, args, interpreter)
        case .dict(let d): return try dictMethod(d, name, args)
        case .list(let items), .tuple(let items): return try sequenceMethod(value, items, name, args)
        case .object(let o):
            if let loop = o as? LoopObject {
                if name == "cycle" { return try loop.cycle(try args.onlyPositional("cycle")) }
                if name == "changed" { return loop.changed(try args.onlyPositional("changed")) }
            }
            if let cycler = o as? CyclerObject {
                if name == "reset" { cycler.position = 0; return Value.none }
                if name == "next" {
                    guard !cycler.items.isEmpty else { return Value.none }
                    let v = cycler.items[cycler.position]
                    cycler.position = (cycler.position + 1) % cycler.items.count
                    return v
                }
            }
            return nil
        default: return nil
        }
    }

    private static func str(_ v: Value?, _ method: String) throws(TemplateError) -> String? {
        guard let v, !(v == .none) else { return nil }
        guard case .string(let s) = v else {
            throw TemplateError(.type, "\(method)() argument must be str or None, not \(v.typeName)")
        }
        return s
    }

    private static func int(_ v: Value?, _ method: String, default value: Int) throws(TemplateError) -> Int {
        guard let v, !(v == .none) else { return value }
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: throw TemplateError(.type, "'\(v.typeName)' object cannot be interpreted as an integer")
        }
    }

    private static func stringMethod(_ s: String, _ name: String, _ args: CallArguments, _ interpreter: Interpreter) throws(TemplateError) -> Value? {
        func strings(_ list: [String]) -> Value { .list(list.map { .string($0) }) }
        switch name {
        case "lower", "casefold": _ = try args.bind(name, []); return .string(PythonString.lower(s))
        case "upper": _ = try args.bind(name, []); return .string(PythonString.upper(s))
        case "title": _ = try args.bind(name, []); return .string(PythonString.title(s))
        case "capitalize": _ = try args.bind(name, []); return .string(PythonString.capitalize(s))
        case "swapcase":
            _ = try args.bind(name, [])
            var out = ""
            for c in s.unicodeScalars {
                out += c.properties.isUppercase ? c.properties.lowercaseMapping : c.properties.isLowercase ? c.properties.uppercaseMapping : String(c)
            }
            return .string(out)
        case "replace":
            let a = try args.bind(name, ["old", "new", "count"], required: 2)
            guard let old = try str(a[0], name), let new = try str(a[1], name) else {
                throw TemplateError(.type, "replace() arguments must be str")
            }
            let count = try int(a[2], name, default: -1)
            try interpreter.limits.checkString(Limits.replacedSize(s, old, new, count: count), "replace()")
            return .string(PythonString.replace(s, old, new, count: count))
        case "strip", "lstrip", "rstrip":
            let a = try args.bind(name, ["chars"])
            return .string(PythonString.strip(s, try str(a[0], name), leading: name != "rstrip", trailing: name != "lstrip"))
        case "split", "rsplit":
            let a = try args.bind(name, ["sep", "maxsplit"])
            let sep = try str(a[0], name), maxsplit = try int(a[1], name, default: -1)
            return strings(name == "split" ? try PythonString.split(s, sep, maxsplit: maxsplit)
                                           : try PythonString.rsplit(s, sep, maxsplit: maxsplit))
        case "splitlines":
            let a = try args.bind(name, ["keepends"])
            return strings(PythonString.splitlines(s, keepends: a[0]?.isTruthy ?? false))
        case "startswith", "endswith":
            let a = try args.bind(name, ["prefix", "start", "end"], required: 1)
            let scalars = Array(s.unicodeScalars)
            let (lo, hi) = PythonString.clampRange(a[1].flatMap { if case .int(let i) = $0 { i } else { nil } },
                                                   a[2].flatMap { if case .int(let i) = $0 { i } else { nil } }, scalars.count)
            let window = lo <= hi ? Array(scalars[lo..<hi]) : []
            var candidates: [String] = []
            switch a[0]! {
            case .string(let p): candidates = [p]
            case .tuple(let items):
                for item in items {
                    guard case .string(let p) = item else { throw TemplateError(.type, "tuple for \(name) must only contain str") }
                    candidates.append(p)
                }
            default: throw TemplateError(.type, "\(name) first arg must be str or a tuple of str, not \(a[0]!.typeName)")
            }
            let hit = candidates.contains { p in
                let needle = Array(p.unicodeScalars)
                guard needle.count <= window.count else { return false }
                return name == "startswith" ? window.prefix(needle.count).elementsEqual(needle) : window.suffix(needle.count).elementsEqual(needle)
            }
            return .bool(hit)
        case "find", "rfind", "index", "rindex":
            let a = try args.bind(name, ["sub", "start", "end"], required: 1)
            guard let sub = try str(a[0], name) else { throw TemplateError(.type, "must be str, not NoneType") }
            let start = a[1].flatMap { if case .int(let i) = $0 { i } else { nil } }
            let end = a[2].flatMap { if case .int(let i) = $0 { i } else { nil } }
            let i = PythonString.find(s, sub, reverse: name.hasPrefix("r"), start: start, end: end)
            if i < 0 && name.hasSuffix("index") { throw TemplateError(.value, "substring not found") }
            return .int(i)
        case "count":
            let a = try args.bind(name, ["sub"], required: 1)
            guard let sub = try str(a[0], name) else { throw TemplateError(.type, "must be str, not NoneType") }
            return .int(PythonString.count(s, sub))
        case "format":
            return .string(try PythonFormat.brace(s, args, interpreter))
        case "join":
            let a = try args.bind(name, ["iterable"], required: 1)
            var parts: [String] = []
            var size = 0
            for (i, item) in try interpreter.iterate(a[0]!).enumerated() {
                guard case .string(let p) = item else {
                    throw TemplateError(.type, "sequence item \(i): expected str instance, \(item.typeName) found")
                }
                size += p.utf8.count + (i > 0 ? s.utf8.count : 0)
                try interpreter.limits.checkString(size, "join()")
                parts.append(p)
            }
            return .string(parts.joined(separator: s))
        case "zfill":
            let a = try args.bind(name, ["width"], required: 1)
            let width = try int(a[0], name, default: 0)
            try interpreter.limits.checkString(width, "zfill()")
            let scalars = Array(s.unicodeScalars)
            guard width > scalars.count else { return .string(s) }
            let zeros = String(repeating: "0", count: width - scalars.count)
            if let first = scalars.first, first == "+" || first == "-" {
                return .string(String(first) + zeros + String(String.UnicodeScalarView(scalars.dropFirst())))
            }
            return .string(zeros + s)
        case "center", "ljust", "rjust":
            let a = try args.bind(name, ["width", "fillchar"], required: 1)
            let width = try int(a[0], name, default: 0)
            let fill = try str(a[1], name) ?? " "
            guard fill.unicodeScalars.count == 1 else { throw TemplateError(.type, "The fill character must be exactly one character long") }
            let length = s.unicodeScalars.count
            guard width > length else { return .string(s) }
            try interpreter.limits.checkString(s.utf8.count + (width - length) * fill.utf8.count, "\(name)()")
            if name == "center" { return .string(PythonString.center(s, width, fill: fill)) }
            let padding = String(repeating: fill, count: width - length)
            return .string(name == "ljust" ? s + padding : padding + s)
        case "partition", "rpartition":
            let a = try args.bind(name, ["sep"], required: 1)
            guard let sep = try str(a[0], name), !sep.isEmpty else { throw TemplateError(.value, "empty separator") }
            let i = PythonString.find(s, sep, reverse: name == "rpartition")
            let scalars = Array(s.unicodeScalars)
            if i < 0 {
                return name == "partition" ? .tuple([.string(s), .string(""), .string("")]) : .tuple([.string(""), .string(""), .string(s)])
            }
            let before = String(String.UnicodeScalarView(scalars[..<i]))
            let after = String(String.UnicodeScalarView(scalars[(i + sep.unicodeScalars.count)...]))
            return .tuple([.string(before), .string(sep), .string(after)])
        case "removeprefix", "removesuffix":
            let a = try args.bind(name, ["affix"], required: 1)
            guard let affix = try str(a[0], name), !affix.isEmpty else { return .string(s) }
            let scalars = Array(s.unicodeScalars), needle = Array(affix.unicodeScalars)
            if name == "removeprefix", scalars.starts(with: needle) {
                return .string(String(String.UnicodeScalarView(scalars.dropFirst(needle.count))))
            }
            if name == "removesuffix", scalars.count >= needle.count, scalars.suffix(needle.count).elementsEqual(needle) {
                return .string(String(String.UnicodeScalarView(scalars.dropLast(needle.count))))
            }
            return .string(s)
        case "isdigit", "isdecimal", "isnumeric": _ = try args.bind(name, []); return .bool(PythonString.isDigit(s))
        case "isalpha": _ = try args.bind(name, []); return .bool(PythonString.isAlpha(s))
        case "isalnum": _ = try args.bind(name, []); return .bool(PythonString.isAlnum(s))
        case "islower": _ = try args.bind(name, []); return .bool(PythonString.isLower(s))
        case "isupper": _ = try args.bind(name, []); return .bool(PythonString.isUpper(s))
        case "isspace": _ = try args.bind(name, []); return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(PythonString.isSpace))
        default: return nil
        }
    }

    private static func dictMethod(_ d: ValueDict, _ name: String, _ args: CallArguments) throws(TemplateError) -> Value? {
        switch name {
        case "items":
            _ = try args.bind(name, [])
            return .list(zip(d.keys, d.values).map { .tuple([$0, $1]) })
        case "keys": _ = try args.bind(name, []); return .list(d.keys)
        case "values": _ = try args.bind(name, []); return .list(d.values)
        case "copy": _ = try args.bind(name, []); return .dict(d)
        case "get":
            let a = try args.bind(name, ["key", "default"], required: 1)
            guard ValueDict.isHashable(a[0]!) else { throw TemplateError(.type, "unhashable type: '\(a[0]!.typeName)'") }
            return d[a[0]!] ?? a[1] ?? Value.none
        default: return nil
        }
    }

    private static func sequenceMethod(_ value: Value, _ items: [Value], _ name: String, _ args: CallArguments) throws(TemplateError) -> Value? {
        switch name {
        case "index":
            let a = try args.bind(name, ["value"], required: 1)
            guard let i = items.firstIndex(of: a[0]!) else {
                throw TemplateError(.value, "\(a[0]!.pythonRepr) is not in \(value.typeName)")
            }
            return .int(i)
        case "count":
            let a = try args.bind(name, ["value"], required: 1)
            return .int(items.filter { $0 == a[0]! }.count)
        case "copy": return value
        default: return nil
        }
    }
}
