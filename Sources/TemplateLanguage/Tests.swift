/// Jinja2's tests (`x is defined`, `n is divisibleby 3`), looked up by name at parse time.
enum Tests {
    static func lookup(_ name: String) -> TestFunction? { table[name] }

    private static func one(_ name: String, _ args: CallArguments) throws(TemplateError) -> Value {
        try args.bind(name, ["value"], required: 1)[0]!
    }

    private static func number(_ interpreter: Interpreter, _ v: Value) throws(TemplateError) -> Value {
        let v = try interpreter.defined(v)
        guard v.isNumber else { throw TemplateError(.type, "unsupported operand type(s) for %: '\(v.typeName)' and 'int'") }
        return v
    }

    private static func comparison(_ op: CompareOperator) -> TestFunction {
        { interpreter, value, args throws(TemplateError) in
            let other = try one(op.rawValue, args)
            switch op {
            case .eq, .ne:
                if interpreter.strict {
                    _ = try interpreter.defined(value)
                    _ = try interpreter.defined(other)
                }
                return (value == other) == (op == .eq)
            case .lt: return try pythonCompare(try interpreter.defined(value), try interpreter.defined(other)) < 0
            case .lteq: return try pythonCompare(try interpreter.defined(value), try interpreter.defined(other)) <= 0
            case .gt: return try pythonCompare(try interpreter.defined(value), try interpreter.defined(other)) > 0
            case .gteq: return try pythonCompare(try interpreter.defined(value), try interpreter.defined(other)) >= 0
            case .in, .notIn: return try interpreter.contains(other, value) == (op == .in)
            }
        }
    }

    static let table: [String: TestFunction] = {
        var t: [String: TestFunction] = [
            "defined": { _, v, _ in !v.isUndefined },
            "undefined": { _, v, _ in v.isUndefined },
            "none": { _, v, _ in if case .none = v { return true } else { return false } },
            "boolean": { _, v, _ in if case .bool = v { return true } else { return false } },
            "true": { _, v, _ in if case .bool(true) = v { return true } else { return false } },
            "false": { _, v, _ in if case .bool(false) = v { return true } else { return false } },
            "integer": { _, v, _ in if case .int = v { return true } else { return false } },
            "float": { _, v, _ in if case .float = v { return true } else { return false } },
            "number": { _, v, _ in v.isNumber },
            "string": { _, v, _ in if case .string = v { return true } else { return false } },
            "mapping": { _, v, _ in if case .dict = v { return true } else { return false } },
            "sequence": { _, v, _ in
                switch v {
                case .string, .list, .tuple, .dict: return true
                default: return false
                }
            },
            "iterable": { interpreter, v, _ throws(TemplateError) in
                switch try interpreter.defined(v) {
                case .string, .list, .tuple, .dict: return true
                default: return false
                }
            },
            "callable": { _, v, _ in
                guard case .object(let o) = v else { return false }
                return o is Macro || o is BuiltinFunction || o is BoundMethod || o is JoinerObject
            },
            // Jinja2: `value % 2 == 1`, `value % 2 == 0`, `value % num == 0` (so `-0.1 is odd` is false).
            "odd": { interpreter, v, _ throws(TemplateError) in
                try remainder(try number(interpreter, v), .int(2)) == .int(1)
            },
            "even": { interpreter, v, _ throws(TemplateError) in
                try remainder(try number(interpreter, v), .int(2)) == .int(0)
            },
            "divisibleby": { interpreter, v, args throws(TemplateError) in
                let n = try number(interpreter, try one("divisibleby", args))
                return try remainder(try number(interpreter, v), n) == .int(0)
            },
            "lower": { interpreter, v, _ throws(TemplateError) in PythonString.isLower(try interpreter.string(v)) },
            "upper": { interpreter, v, _ throws(TemplateError) in PythonString.isUpper(try interpreter.string(v)) },
            "sameas": { _, v, args throws(TemplateError) in
                let other = try one("sameas", args)
                switch (v, other) {
                case (.none, .none): return true
                case (.bool(let a), .bool(let b)): return a == b
                // CPython caches small integers, so `is` holds for them.
                case (.int(let a), .int(let b)): return a == b && (-5...256).contains(a)
                case (.object(let a), .object(let b)): return a === b
                default: return false
                }
            },
            "filter": { _, v, _ in if case .string(let s) = v { return Filters.lookup(s) != nil } else { return false } },
            "test": { _, v, _ in if case .string(let s) = v { return Tests.lookup(s) != nil } else { return false } },
            "escaped": { _, _, _ in false },
        ]
        for (names, op) in [(["eq", "equalto", "=="], CompareOperator.eq), (["ne", "!="], .ne),
                            (["lt", "lessthan", "<"], .lt), (["le", "<="], .lteq),
                            (["gt", "greaterthan", ">"], .gt), (["ge", ">="], .gteq), (["in"], .in)] {
            for name in names { t[name] = comparison(op) }
        }
        return t
    }()

    /// Python's `a % b`.
    private static func remainder(_ a: Value, _ b: Value) throws(TemplateError) -> Value {
        try Operators.binary(.mod, a, b, limits: .default)
    }
}
