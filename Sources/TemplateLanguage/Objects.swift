import Foundation

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
    var displayName: String { definition.isCallBlock ? "<Macro anonymous>" : "<Macro '\(definition.name)'>" }
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
        // Dispatch on the first letter: comparing the name with each attribute in turn is a
        // string comparison per attribute, and `loop.last` is read in every iteration of many loops.
        switch name.utf8.first {
        case UInt8(ascii: "i"):
            if name == "index" { return .int(index0 + 1) }
            if name == "index0" { return .int(index0) }
        case UInt8(ascii: "r"):
            if name == "revindex" { return .int(length - index0) }
            if name == "revindex0" { return .int(length - index0 - 1) }
        case UInt8(ascii: "f"):
            if name == "first" { return .bool(index0 == 0) }
        case UInt8(ascii: "l"):
            if name == "last" { return .bool(index0 == length - 1) }
            if name == "length" { return .int(length) }
        case UInt8(ascii: "d"):
            if name == "depth" { return .int(1) }
            if name == "depth0" { return .int(0) }
        case UInt8(ascii: "p"):
            if name == "previtem" { return index0 > 0 ? items[index0 - 1] : .undefined("there is no previous item") }
        case UInt8(ascii: "n"):
            if name == "nextitem" { return index0 + 1 < length ? items[index0 + 1] : .undefined("there is no next item") }
        default: break
        }
        return nil
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
