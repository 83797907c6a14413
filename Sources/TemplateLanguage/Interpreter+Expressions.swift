/// Expression evaluation: names, literals, operators, attribute and item access, calls.
extension Interpreter {
    /// Evaluates `expr`; errors that do not know their location get the expression's.
    func eval(_ expr: Expr) throws(TemplateError) -> Value {
        do {
            return try evalUnlocated(expr)
        } catch {
            throw error.located(at: expressionOffset(expr), in: source)
        }
    }

    /// Where an expression is reported: the start of its leftmost name for chains
    /// (`service.port` points at `service`), the operator for binary operations.
    func expressionOffset(_ expr: Expr) -> Int {
        switch expr {
        case .name(_, let at): return at
        case .attribute(let base, _, _), .item(let base, _, _), .slice(let base, _, _, _, _): return expressionOffset(base)
        case .call(let callee, _, _): return expressionOffset(callee)
        case .filter(_, let f): return f.at
        case .test(_, let t): return t.at
        case .negate(_, let at), .plus(_, let at), .binary(_, _, _, let at), .concat(_, let at): return at
        case .compare(let left, _), .and(let left, _), .or(let left, _), .not(let left): return expressionOffset(left)
        case .conditional(let test, _, _): return expressionOffset(test)
        case .list(let items), .tuple(let items): return items.first.map(expressionOffset) ?? statementOffset
        case .dict(let items): return items.first.map { expressionOffset($0.key) } ?? statementOffset
        case .literal: return statementOffset
        }
    }

    private func evalUnlocated(_ expr: Expr) throws(TemplateError) -> Value {
        switch expr {
        case .literal(let v): return v
        case .name(let name, _): return lookup(name)
        case .list(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try eval(item)) }
            return .list(values)
        case .tuple(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try eval(item)) }
            return .tuple(values)
        case .dict(let items):
            var d = ValueDict()
            for (k, v) in items {
                let key = try eval(k)
                guard ValueDict.isHashable(key) else { throw TemplateError(.type, "unhashable type: '\(key.typeName)'") }
                d[key] = try eval(v)
            }
            return .dict(d)
        case .attribute(let base, let name, _):
            return try attribute(try eval(base), name)
        case .item(let base, let key, _):
            let container = try eval(base)
            return try item(container, try eval(key))
        case .slice(let base, let start, let stop, let step, _):
            let container = try eval(base)
            return try slice(container, try start.map { (e) throws(TemplateError) in try eval(e) },
                             try stop.map { (e) throws(TemplateError) in try eval(e) },
                             try step.map { (e) throws(TemplateError) in try eval(e) })
        case .negate(let operand, _):
            return try Operators.negate(try defined(try eval(operand)))
        case .plus(let operand, _):
            return try Operators.plus(try defined(try eval(operand)))
        case .not(let operand):
            return .bool(!(try truthy(try eval(operand), operand)))
        case .binary(let op, let left, let right, _):
            let l = try defined(try eval(left))
            let rightValue = try eval(right)
            if op == .mod, case .string(let format) = l, rightValue.isUndefined,
               let unchanged = PythonFormat.percentWithoutArguments(format) {
                return .string(unchanged)
            }
            return try Operators.binary(op, l, try defined(rightValue), limits: limits)
        case .and(let left, let right):
            let l = try eval(left)
            return try truthy(l, left) ? try eval(right) : l
        case .or(let left, let right):
            let l = try eval(left)
            return try truthy(l, left) ? l : try eval(right)
        case .compare(let first, let rest):
            var left = try eval(first)
            for (op, operandExpr, at) in rest {
                let right = try eval(operandExpr)
                let result: Bool
                do { result = try compare(op, left, right) } catch { throw error.located(at: at, in: source) }
                if !result { return .bool(false) }
                left = right
            }
            return .bool(true)
        case .concat(let items, _):
            var text = ""
            for item in items {
                let piece = try string(try eval(item))
                try limits.checkString(text.utf8.count + piece.utf8.count, "~")
                text += piece
            }
            return .string(text)
        case .conditional(let test, let then, let otherwise):
            if try truthy(try eval(test), test) { return try eval(then) }
            if let otherwise { return try eval(otherwise) }
            // Jinja2 yields its lenient Undefined here even under StrictUndefined.
            return .undefined("")
        case .call(let callee, let args, _):
            return try evalCall(callee, args)
        case .filter(let input, let filter):
            let value = try eval(input)
            do {
                return try filter.function(self, value, try evalArguments(filter.arguments))
            } catch {
                throw error.located(at: filter.at, in: source)
            }
        case .test(let input, let test):
            let value = try eval(input)
            do {
                let result = try test.function(self, value, try evalArguments(test.arguments))
                return .bool(result != test.negated)
            } catch {
                throw error.located(at: test.at, in: source)
            }
        }
    }

    func lookup(_ name: String) -> Value {
        if let v = scopeRef._withUnsafeGuaranteedRef({ $0.lookup(name) }) { return v }
        // Globals are 4 to 9 letters long; most misses (`x is defined`) skip hashing the name.
        if (4...9).contains(name.utf8.count), let builtin = Builtins.functions[name] { return .object(builtin) }
        if environment.options.extensions != nil, let function = ToolExtensions.functions[name] { return .object(function) }
        return .undefined("'" + name + "' is undefined")
    }

    func evalArguments(_ args: Arguments) throws(TemplateError) -> CallArguments {
        if args.positional.isEmpty && args.keywords.isEmpty { return CallArguments() }
        var positional: [Value] = []
        positional.reserveCapacity(args.positional.count)
        for e in args.positional { positional.append(try eval(e)) }
        var keywords: [(name: String, value: Value)] = []
        for (name, e) in args.keywords { keywords.append((name, try eval(e))) }
        return CallArguments(positional, keywords: keywords)
    }

    private func evalCall(_ callee: Expr, _ args: Arguments) throws(TemplateError) -> Value {
        // `obj.method(...)`: Python methods of strings, dicts and lists, and of loop/cycler objects,
        // dispatch directly without materialising a bound method.
        if case .attribute(let base, let name, _) = callee {
            let receiver = try defined(try eval(base))
            if Methods.has(receiver, name) {
                if let result = try Methods.call(receiver, name, try evalArguments(args), self) { return result }
            }
            let function = try attribute(receiver, name)
            return try callValue(function, try evalArguments(args))
        }
        let function = try eval(callee)
        return try callValue(function, try evalArguments(args))
    }

    private func compare(_ op: CompareOperator, _ left: Value, _ right: Value) throws(TemplateError) -> Bool {
        switch op {
        case .eq, .ne:
            // Strict undefined values raise; the lenient one an inline `if` without `else`
            // yields (empty message) compares like Jinja's `Undefined`.
            if strict, case .undefined(let message) = left, !message.isEmpty { throw undefinedError(message) }
            if strict, case .undefined(let message) = right, !message.isEmpty { throw undefinedError(message) }
            return (left == right) == (op == .eq)
        case .lt: return try pythonCompare(try defined(left), try defined(right)) < 0
        case .lteq: return try pythonCompare(try defined(left), try defined(right)) <= 0
        case .gt: return try pythonCompare(try defined(left), try defined(right)) > 0
        case .gteq: return try pythonCompare(try defined(left), try defined(right)) >= 0
        case .in: return try contains(right, left)
        case .notIn: return !(try contains(right, left))
        }
    }

    /// Python's `needle in container`.
    func contains(_ container: Value, _ needle: Value) throws(TemplateError) -> Bool {
        switch try defined(container) {
        case .string(let s):
            guard case .string(let n) = try defined(needle) else {
                throw TemplateError(.type, "'in <string>' requires string as left operand, not \(needle.typeName)")
            }
            return n.isEmpty || s.contains(n)
        case .list(let items), .tuple(let items):
            let n = try defined(needle)
            for item in items {
                // Python compares each item; a strict undefined item raises when compared.
                if case .undefined(let message) = item, strict, !message.isEmpty { throw undefinedError(message) }
                if item == n { return true }
            }
            return false
        case .dict(let d):
            let n = try defined(needle)
            guard ValueDict.isHashable(n) else { throw TemplateError(.type, "unhashable type: '\(n.typeName)'") }
            return d[n] != nil
        default:
            throw TemplateError(.type, "argument of type '\(container.typeName)' is not iterable")
        }
    }

    /// Jinja's `getattr`: Python attributes (methods) first, then items.
    func attribute(_ value: Value, _ name: String) throws(TemplateError) -> Value {
        switch value {
        case .undefined(let message):
            throw undefinedError(message)
        case .dict(let d):
            if Methods.has(value, name) { return .object(BoundMethod(receiver: value, name: name)) }
            return d[name] ?? .undefined("'dict object' has no attribute '\(name)'")
        case .object(let object):
            if let loop = object as? LoopObject, let v = loop.attribute(name) { return v }
            if let ns = object as? NamespaceObject {
                return ns.attributes[name] ?? .undefined("'\(object.displayName)' has no attribute '\(name)'")
            }
            if let module = object as? ModuleObject {
                return module.exports[name] ?? .undefined("the template '\(module.name)' has no attribute '\(name)'")
            }
            if let cycler = object as? CyclerObject, name == "current" {
                return cycler.items.isEmpty ? .none : cycler.items[cycler.position]
            }
            if Methods.has(value, name) { return .object(BoundMethod(receiver: value, name: name)) }
            return .undefined("'\(object.displayName)' has no attribute '\(name)'")
        case .tuple(let items) where items.count == 2 && (name == "grouper" || name == "list"):
            // `groupby` yields Python named tuples `(grouper, list)`; plain tuples here.
            return name == "grouper" ? items[0] : items[1]
        default:
            if Methods.has(value, name) { return .object(BoundMethod(receiver: value, name: name)) }
            return .undefined("'\(value.typeName) object' has no attribute '\(name)'")
        }
    }

    /// Jinja's `getitem`: items first, then attributes.
    func item(_ value: Value, _ key: Value) throws(TemplateError) -> Value {
        switch value {
        case .undefined(let message):
            throw undefinedError(message)
        case .dict(let d):
            guard ValueDict.isHashable(key) else { throw TemplateError(.type, "unhashable type: '\(key.typeName)'") }
            if let v = d[key] { return v }
            if case .string(let name) = key, Methods.has(value, name) {
                return .object(BoundMethod(receiver: value, name: name))
            }
            return .undefined("'dict object' has no attribute \(key.pythonRepr)")
        case .list(let items), .tuple(let items):
            guard let index = intIndex(key) else {
                if case .string(let name) = key { return try attribute(value, name) }
                throw TemplateError(.type, "\(value.typeName) indices must be integers or slices, not \(key.typeName)")
            }
            let i = index < 0 ? index + items.count : index
            guard i >= 0 && i < items.count else { return .undefined("\(value.typeName) object has no element \(index)") }
            return items[i]
        case .string(let s):
            guard let index = intIndex(key) else {
                if case .string(let name) = key { return try attribute(value, name) }
                throw TemplateError(.type, "string indices must be integers, not '\(key.typeName)'")
            }
            let scalars = Array(s.unicodeScalars)
            let i = index < 0 ? index + scalars.count : index
            guard i >= 0 && i < scalars.count else { return .undefined("str object has no element \(index)") }
            return .string(String(scalars[i]))
        default:
            if case .string(let name) = key { return try attribute(value, name) }
            return .undefined("'\(value.typeName) object' has no element \(key.pythonRepr)")
        }
    }

    private func intIndex(_ key: Value) -> Int? {
        switch key {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// Python slicing of lists, tuples and strings (by code point), with negative steps.
    func slice(_ value: Value, _ start: Value?, _ stop: Value?, _ step: Value?) throws(TemplateError) -> Value {
        func bound(_ v: Value?) throws(TemplateError) -> Int? {
            guard let v, !(v == .none) else { return nil }
            guard let i = intIndex(try defined(v)) else {
                throw TemplateError(.type, "slice indices must be integers or None")
            }
            return i
        }
        let (a, b, c) = (try bound(start), try bound(stop), try bound(step) ?? 1)
        guard c != 0 else { throw TemplateError(.value, "slice step cannot be zero") }
        func indices(_ count: Int) -> [Int] {
            func clamp(_ v: Int?, _ defaultValue: Int, _ low: Int, _ high: Int) -> Int {
                guard var v else { return defaultValue }
                if v < 0 { v += count }
                return min(max(v, low), high)
            }
            var result: [Int] = []
            if c > 0 {
                var i = clamp(a, 0, 0, count)
                let end = clamp(b, count, 0, count)
                while i < end { result.append(i); i += c }
            } else {
                var i = clamp(a, count - 1, -1, count - 1)
                let end = clamp(b, -1, -1, count - 1)
                while i > end { result.append(i); i += c }
            }
            return result
        }
        switch try defined(value) {
        case .list(let items): return .list(indices(items.count).map { items[$0] })
        case .tuple(let items): return .tuple(indices(items.count).map { items[$0] })
        case .string(let s):
            let scalars = Array(s.unicodeScalars)
            var out = String.UnicodeScalarView()
            for i in indices(scalars.count) { out.append(scalars[i]) }
            return .string(String(out))
        default:
            throw TemplateError(.type, "'\(value.typeName)' object is not subscriptable")
        }
    }
}
