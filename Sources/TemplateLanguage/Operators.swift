import Foundation

/// Python's arithmetic on values: int overflow is an error (Python has big integers; we refuse
/// rather than wrap), division by zero is an error, `//` and `%` floor as Python does.
enum Operators {
    static func negate(_ v: Value) throws(TemplateError) -> Value {
        switch v {
        case .int(let i):
            guard i != .min else { throw overflow() }
            return .int(-i)
        case .bool(let b): return .int(b ? -1 : 0)
        case .float(let d): return .float(-d)
        default: throw TemplateError(.type, "bad operand type for unary -: '\(v.typeName)'")
        }
    }

    static func plus(_ v: Value) throws(TemplateError) -> Value {
        switch v {
        case .int, .float: return v
        case .bool(let b): return .int(b ? 1 : 0)
        default: throw TemplateError(.type, "bad operand type for unary +: '\(v.typeName)'")
        }
    }

    static func overflow() -> TemplateError {
        TemplateError(.value, "integer overflow (values beyond 64 bits are not supported)")
    }

    private static func unsupported(_ op: BinaryOperator, _ a: Value, _ b: Value) -> TemplateError {
        TemplateError(.type, "unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
    }

    /// Integers (bools count as ints) as Int, or nil.
    private static func integer(_ v: Value) -> Int? {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, limits: Limits) throws(TemplateError) -> Value {
        if let x = integer(a), let y = integer(b) { return try intOperation(op, x, y) }
        if a.isNumber, b.isNumber, let x = a.numericValue, let y = b.numericValue {
            return try floatOperation(op, x, y)
        }
        switch (op, a, b) {
        case (.add, .string(let x), .string(let y)):
            try limits.checkString(x.utf8.count + y.utf8.count, "+")
            return .string(x + y)
        case (.add, .list(let x), .list(let y)):
            try checkItems(x.count + y.count, limits)
            return .list(x + y)
        case (.add, .tuple(let x), .tuple(let y)):
            try checkItems(x.count + y.count, limits)
            return .tuple(x + y)
        case (.mul, .string(let s), _), (.mul, _, .string(let s)):
            guard let n = integer(a) ?? integer(b) else { throw unsupported(op, a, b) }
            let size = s.utf8.count.multipliedReportingOverflow(by: max(n, 0))
            guard !size.overflow, size.partialValue <= limits.maxOutputBytes else {
                throw TemplateError(.limit, "string repetition exceeds the output limit of \(limits.maxOutputBytes) bytes")
            }
            return .string(String(repeating: s, count: max(n, 0)))
        case (.mul, .list(let items), _), (.mul, _, .list(let items)):
            guard let n = integer(a) ?? integer(b) else { throw unsupported(op, a, b) }
            return .list(try repeated(items, n, limits))
        case (.mul, .tuple(let items), _), (.mul, _, .tuple(let items)):
            guard let n = integer(a) ?? integer(b) else { throw unsupported(op, a, b) }
            return .tuple(try repeated(items, n, limits))
        case (.mod, .string(let format), _):
            return .string(try PythonFormat.percent(format, a: b, limits: limits))
        default:
            throw unsupported(op, a, b)
        }
    }

    private static func checkItems(_ count: Int, _ limits: Limits) throws(TemplateError) {
        guard count > limits.maxRangeLength else { return }
        throw TemplateError(.limit, "a list of \(count) items exceeds the limit of \(limits.maxRangeLength) items")
    }

    private static func repeated(_ items: [Value], _ n: Int, _ limits: Limits) throws(TemplateError) -> [Value] {
        let size = items.count.multipliedReportingOverflow(by: max(n, 0))
        guard !size.overflow, size.partialValue <= limits.maxRangeLength else {
            throw TemplateError(.limit, "list repetition exceeds the limit of \(limits.maxRangeLength) items")
        }
        var out: [Value] = []
        for _ in 0..<max(n, 0) { out += items }
        return out
    }

    static func intOperation(_ op: BinaryOperator, _ x: Int, _ y: Int) throws(TemplateError) -> Value {
        switch op {
        case .add:
            let r = x.addingReportingOverflow(y)
            if r.overflow { throw overflow() }
            return .int(r.partialValue)
        case .sub:
            let r = x.subtractingReportingOverflow(y)
            if r.overflow { throw overflow() }
            return .int(r.partialValue)
        case .mul:
            let r = x.multipliedReportingOverflow(by: y)
            if r.overflow { throw overflow() }
            return .int(r.partialValue)
        case .div:
            guard y != 0 else { throw TemplateError(.value, "division by zero") }
            return .float(Double(x) / Double(y))
        case .floorDiv:
            guard y != 0 else { throw TemplateError(.value, "integer division or modulo by zero") }
            if x == .min && y == -1 { throw overflow() }
            return .int(floorDivide(x, y))
        case .mod:
            guard y != 0 else { throw TemplateError(.value, "integer division or modulo by zero") }
            if y == -1 { return .int(0) }
            let r = x % y
            return .int(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case .pow:
            if y < 0 {
                guard x != 0 else { throw TemplateError(.value, "0.0 cannot be raised to a negative power") }
                return .float(Foundation.pow(Double(x), Double(y)))
            }
            var result = 1, base = x, exponent = y
            while exponent > 0 {
                if exponent & 1 == 1 {
                    let r = result.multipliedReportingOverflow(by: base)
                    if r.overflow { throw overflow() }
                    result = r.partialValue
                }
                exponent >>= 1
                if exponent > 0 {
                    let b = base.multipliedReportingOverflow(by: base)
                    if b.overflow { throw overflow() }
                    base = b.partialValue
                }
            }
            return .int(result)
        }
    }

    static func floorDivide(_ x: Int, _ y: Int) -> Int {
        let q = x / y
        return (x % y != 0) && ((x < 0) != (y < 0)) ? q - 1 : q
    }

    static func floatOperation(_ op: BinaryOperator, _ x: Double, _ y: Double) throws(TemplateError) -> Value {
        switch op {
        case .add: return .float(x + y)
        case .sub: return .float(x - y)
        case .mul: return .float(x * y)
        case .div:
            guard y != 0 else { throw TemplateError(.value, "float division by zero") }
            return .float(x / y)
        case .floorDiv:
            guard y != 0 else { throw TemplateError(.value, "float floor division by zero") }
            return .float(pythonFloatDivmod(x, y).quotient)
        case .mod:
            guard y != 0 else { throw TemplateError(.value, "float modulo") }
            return .float(pythonFloatDivmod(x, y).remainder)
        case .pow:
            if x == 0 && y < 0 { throw TemplateError(.value, "0.0 cannot be raised to a negative power") }
            if x < 0 && y != y.rounded() { throw TemplateError(.value, "negative number cannot be raised to a fractional power") }
            let r = Foundation.pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw TemplateError(.value, "numerical result out of range") }
            return .float(r)
        }
    }

    /// CPython's float divmod.
    static func pythonFloatDivmod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var mod = fmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) {
                mod += y
                div -= 1
            }
        } else {
            mod = Double(signOf: y, magnitudeOf: 0)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = Double(signOf: x / y, magnitudeOf: 0)  // copysign, as CPython: 0 // -2.5 is -0.0
        }
        return (floordiv, mod)
    }
}
