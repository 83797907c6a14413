/// Python's equality, ordering and truthiness for values.
extension Value {
    /// Python's `bool(v)`. Undefined is false here; strict mode rejects it before asking.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l), .tuple(let l): return !l.isEmpty
        case .dict(let d): return !d.isEmpty
        case .object: return true
        }
    }

    /// Python's type name, for error messages.
    var typeName: String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .object(let o): return o.displayName
        }
    }

    /// A number as a double (bools are ints in Python), or nil.
    var numericValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    var isNumber: Bool {
        switch self {
        case .int, .float, .bool: return true
        default: return false
        }
    }
}

extension Value: Equatable {
    /// Python's `==`: numbers compare by value across int, float and bool; lists never equal tuples;
    /// dicts compare as maps regardless of order; undefined equals only undefined (lenient Jinja).
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.int(let a), .int(let b)): return a == b
        case (.none, .none): return true
        case (.undefined, .undefined): return true
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): return a == b
        case (.dict(let a), .dict(let b)):
            guard a.count == b.count else { return false }
            for i in 0..<a.count {
                guard let other = b[a.keys[i]], other == a.values[i] else { return false }
            }
            return true
        case (.object(let a), .object(let b)): return a === b
        default:
            if lhs.isNumber, rhs.isNumber {
                if case .int(let a) = lhs.asIntIfBool, case .int(let b) = rhs.asIntIfBool { return a == b }
                return lhs.numericValue == rhs.numericValue
            }
            return false
        }
    }

    private var asIntIfBool: Value {
        if case .bool(let b) = self { return .int(b ? 1 : 0) }
        return self
    }
}

/// Python's ordering (`<`): numbers with numbers, strings by code point, lists and tuples
/// lexicographically; anything else is a TypeError.
func pythonCompare(_ a: Value, _ b: Value) throws(TemplateError) -> Int {
    switch (a, b) {
    case (.string(let x), .string(let y)):
        var i = x.unicodeScalars.makeIterator(), j = y.unicodeScalars.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p.value < q.value ? -1 : 1 }
            }
        }
    case (.int(let x), .int(let y)): return x < y ? -1 : x == y ? 0 : 1
    case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
        for (p, q) in zip(x, y) {
            if p.isUndefined || q.isUndefined { return try pythonCompare(p, q) }  // raises, as Python's == on them does
            if !(p == q) { return try pythonCompare(p, q) }
        }
        return x.count < y.count ? -1 : x.count == y.count ? 0 : 1
    case (.undefined(let message), _), (_, .undefined(let message)):
        // Jinja's Undefined fails every ordering comparison, strict or not.
        throw TemplateError(.undefined, message.isEmpty ? "value is undefined" : message)
    default:
        if let x = a.numericValue, let y = b.numericValue { return x < y ? -1 : x == y ? 0 : 1 }
        throw TemplateError(.type, "'<' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
    }
}
