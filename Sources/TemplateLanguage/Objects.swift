import Foundation

/// A variable scope. Jinja scoping: each `for` iteration, macro call, `with` block and include
/// gets a child scope; `set` writes to the innermost one, so nothing leaks out of loops.
final class Scope {
    let parent: Scope?
    /// Small scopes (loop iterations, macro calls) search a short array: faster than hashing.
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var values: [Value] = []
    /// Large scopes (the render context) switch to a dictionary.
    @exclusivity(unchecked) private var table: [String: Value]?
    private static let linearLimit = 8

    init(parent: Scope?, vars: [String: Value] = [:]) {
        self.parent = parent
        if vars.count > Scope.linearLimit {
            table = vars
        } else {
            for (k, v) in vars { names.append(k); values.append(v) }
        }
    }

    /// The names bound in this scope itself (not its parents) and their values.
    var vars: [String: Value] {
        if let table { return table }
        return Dictionary(zip(names, values), uniquingKeysWith: { _, b in b })
    }

    func local(_ name: String) -> Value? {
        if let table { return table[name] }
        for i in names.indices where names[i] == name { return values[i] }
        return nil
    }

    func set(_ name: String, _ value: Value) {
        if table != nil {
            table![name] = value
            return
        }
        for i in names.indices where names[i] == name {
            values[i] = value
            return
        }
        if names.count >= Scope.linearLimit {
            var t = Dictionary(zip(names, values), uniquingKeysWith: { _, b in b })
            t[name] = value
            table = t
            names = []
            values = []
            return
        }
        names.append(name)
        values.append(value)
    }

    /// Empties the scope, keeping its storage (reused by every iteration of a loop).
    func reset() {
        table = nil
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let s = scope {
            if let v = s.local(name) { return v }
            scope = s.parent
        }
        return nil
    }
}

/// A macro (or the body of a `{% call %}` block) bound to the scope it was defined in.
/// Unchecked Sendable: macros only exist during one render on one thread.
final class Macro: TemplateObject, @unchecked Sendable {
    let definition: MacroDefinition
    let closure: Scope
    let source: SourceText
    /// For `caller`: the macro that the call block called, so `caller()` renders in the right place.
    init(definition: MacroDefinition, closure: Scope, source: SourceText) {
        self.definition = definition
        self.closure = closure
        self.source = source
    }
    var displayName: String { "<Macro '\(definition.name)'>" }
}

/// The `loop` variable of a `for` loop.
final class LoopObject: TemplateObject, @unchecked Sendable {
    let items: [Value]
    var index0 = 0
    private var lastChanged: [Value]?

    init(items: [Value]) { self.items = items }

    var displayName: String { "<LoopContext \(index0 + 1)/\(items.count)>" }

    func attribute(_ name: String) -> Value? {
        let length = items.count
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(length - index0)
        case "revindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "depth": return .int(1)
        case "depth0": return .int(0)
        case "previtem": return index0 > 0 ? items[index0 - 1] : .undefined("there is no previous item")
        case "nextitem": return index0 + 1 < length ? items[index0 + 1] : .undefined("there is no next item")
        default: return nil
        }
    }

    func cycle(_ args: [Value]) throws(TemplateError) -> Value {
        guard !args.isEmpty else { throw TemplateError(.type, "no items for cycling given") }
        return args[index0 % args.count]
    }

    func changed(_ args: [Value]) -> Value {
        if let last = lastChanged, last == args { return .bool(false) }
        lastChanged = args
        return .bool(true)
    }
}

/// `namespace()`: the one mutable object templates can assign attributes on, so state can
/// cross loop scopes (`{% set ns.total = ns.total + 1 %}`).
final class NamespaceObject: TemplateObject, @unchecked Sendable {
    var attributes: ValueDict
    init(_ attributes: ValueDict) { self.attributes = attributes }
    var displayName: String { "<Namespace \(Value.dict(attributes).pythonRepr)>" }
}

/// `cycler(...)`: `next()`, `current`, `reset()`.
final class CyclerObject: TemplateObject, @unchecked Sendable {
    let items: [Value]
    var position = 0
    init(_ items: [Value]) { self.items = items }
    var displayName: String { "<Cycler>" }
}

/// `joiner(sep)`: returns "" on the first call and `sep` afterwards.
final class JoinerObject: TemplateObject, @unchecked Sendable {
    let separator: String
    var used = false
    init(_ separator: String) { self.separator = separator }
    var displayName: String { "<Joiner>" }
}

/// A template imported with `{% import %}`: its top-level macros and variables.
final class ModuleObject: TemplateObject, @unchecked Sendable {
    let name: String
    let exports: [String: Value]
    init(name: String, exports: [String: Value]) {
        self.name = name
        self.exports = exports
    }
    var displayName: String { "<TemplateModule '\(name)'>" }
}

/// A global function (`range`, `dict`, `namespace`, `cycler`, `joiner`).
final class BuiltinFunction: TemplateObject, Sendable {
    let name: String
    let function: @Sendable (Interpreter, CallArguments) throws(TemplateError) -> Value
    init(_ name: String, _ function: @escaping @Sendable (Interpreter, CallArguments) throws(TemplateError) -> Value) {
        self.name = name
        self.function = function
    }
    var displayName: String { "<function \(name)>" }
}

/// A Python method looked up but not called (`{{ d.items }}`); calling it dispatches to `Methods`.
final class BoundMethod: TemplateObject, @unchecked Sendable {
    let receiver: Value
    let name: String
    init(receiver: Value, name: String) {
        self.receiver = receiver
        self.name = name
    }
    var displayName: String { "<built-in method \(name) of \(receiver.typeName) object>" }
}
