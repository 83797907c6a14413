/// Jinja2's default globals, minus `lipsum` (randomness has no place in reproducible renders).
enum Builtins {
    static let functions: [String: BuiltinFunction] = [
        "range": BuiltinFunction("range", range),
        "dict": BuiltinFunction("dict", dict),
        "namespace": BuiltinFunction("namespace", namespace),
        "cycler": BuiltinFunction("cycler") { _, args throws(TemplateError) in
            .object(CyclerObject(try args.onlyPositional("cycler")))
        },
        "joiner": BuiltinFunction("joiner") { interpreter, args throws(TemplateError) in
            let a = try args.bind("joiner", ["sep"])
            return .object(JoinerObject(try a[0].map { (v) throws(TemplateError) in try interpreter.string(v) } ?? ", "))
        },
    ]

    /// `range(stop)` / `range(start, stop[, step])`, as a list; its length is limited.
    static func range(_ interpreter: Interpreter, _ args: CallArguments) throws(TemplateError) -> Value {
        let values = try args.onlyPositional("range")
        var ints: [Int] = []
        for v in values {
            switch try interpreter.defined(v) {
            case .int(let i): ints.append(i)
            case .bool(let b): ints.append(b ? 1 : 0)
            default: throw TemplateError(.type, "'\(v.typeName)' object cannot be interpreted as an integer")
            }
        }
        let (start, stop, step): (Int, Int, Int)
        switch ints.count {
        case 1: (start, stop, step) = (0, ints[0], 1)
        case 2: (start, stop, step) = (ints[0], ints[1], 1)
        case 3: (start, stop, step) = (ints[0], ints[1], ints[2])
        default: throw TemplateError(.type, "range expected 1 to 3 arguments, got \(ints.count)")
        }
        guard step != 0 else { throw TemplateError(.value, "range() arg 3 must not be zero") }
        let span = step > 0 ? Double(stop) - Double(start) : Double(start) - Double(stop)
        let length = span <= 0 ? 0 : (span / Double(abs(step))).rounded(.up)
        let limit = interpreter.limits.maxRangeLength
        guard length <= Double(limit) else {
            throw TemplateError(.limit, "range() is too long (\(Int(length)) items, limit \(limit))")
        }
        var out: [Value] = []
        out.reserveCapacity(Int(length))
        var i = start
        for _ in 0..<Int(length) {
            out.append(.int(i))
            i = i &+ step
        }
        return .list(out)
    }

    /// `dict(mapping_or_pairs, **kwargs)`.
    static func dict(_ interpreter: Interpreter, _ args: CallArguments) throws(TemplateError) -> Value {
        guard args.positional.count <= 1 else { throw TemplateError(.type, "dict expected at most 1 argument, got \(args.positional.count)") }
        var d = ValueDict()
        if let first = args.positional.first {
            if case .dict(let source) = first {
                d = source
            } else {
                for pair in try interpreter.iterate(first) {
                    let items = try interpreter.iterate(pair)
                    guard items.count == 2 else {
                        throw TemplateError(.value, "dictionary update sequence element has length \(items.count); 2 is required")
                    }
                    guard ValueDict.isHashable(items[0]) else { throw TemplateError(.type, "unhashable type: '\(items[0].typeName)'") }
                    d[items[0]] = items[1]
                }
            }
        }
        for (name, value) in args.keywords { d[name] = value }
        return .dict(d)
    }

    static func namespace(_ interpreter: Interpreter, _ args: CallArguments) throws(TemplateError) -> Value {
        guard case .dict(let d) = try dict(interpreter, args) else { return .none }
        return .object(NamespaceObject(d))
    }
}
