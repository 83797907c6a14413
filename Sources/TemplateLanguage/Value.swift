/// The values a template computes with: Python's data model, reduced to what Jinja2 needs.
///
/// Kept small on purpose (as MiniJinja does): every filter, test and method works on these cases,
/// and printing follows Python (`True`, `None`, `2.0`, `['a', 'b']`, `{'k': 'v'}`), so output is
/// byte-identical to Jinja2.
public enum Value: Sendable {
    /// A name, attribute or item that resolved to nothing. Carries the message a strict use
    /// reports (`'port' is undefined`, `'dict object' has no attribute 'port'`), as Jinja2's
    /// `Undefined` carries its hint.
    case undefined(String)
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([Value])
    /// Python tuples print as `(1, 2)`; `dict.items()` yields them.
    case tuple([Value])
    case dict(ValueDict)
    /// Macros, `loop`, `namespace()`, `caller` and other host objects.
    case object(TemplateObject)
}

/// Host objects that live in the template's world (macros, loop, namespace, cycler).
/// Reference semantics are deliberate: `namespace()` attributes are set through any alias.
public protocol TemplateObject: AnyObject, Sendable {
    /// How `{{ obj }}` prints.
    var displayName: String { get }
}

/// An insertion-ordered dictionary, as Python's `dict` is since 3.7.
/// Keys are hashable values: strings, numbers (with `1 == 1.0 == True`, as Python), bools, none, tuples.
///
/// Small dictionaries (most template data: a service, a handler, a resource block) are searched
/// linearly, which beats hashing the key; the hash index is built once one grows past
/// `indexThreshold` entries.
public struct ValueDict: Sendable {
    public private(set) var keys: [Value] = []
    public private(set) var values: [Value] = []
    private var index: [HashKey: Int]?
    private static let indexThreshold = 8

    public init() {}

    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { self[.string(k)] = v }
    }

    public init(pairs: [(Value, Value)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public var pairs: [(key: Value, value: Value)] {
        zip(keys, values).map { (key: $0, value: $1) }
    }

    private func position(of key: HashKey) -> Int? {
        if let index { return index[key] }
        if case .string(let s) = key { return position(ofString: s) }
        return keys.firstIndex { HashKey($0) == key }
    }

    private func position(ofString key: String) -> Int? {
        if let index { return index[.string(key)] }
        for i in keys.indices { if case .string(let k) = keys[i], sameName(k, key) { return i } }
        return nil
    }

    public subscript(key: Value) -> Value? {
        get {
            guard let hk = HashKey(key), let i = position(of: hk) else { return nil }
            return values[i]
        }
        set {
            guard let hk = HashKey(key) else { return }
            if let i = position(of: hk) {
                if let newValue { values[i] = newValue } else { remove(at: i) }
            } else if let newValue {
                index?[hk] = keys.count
                keys.append(key)
                values.append(newValue)
                if index == nil && keys.count > Self.indexThreshold { rebuildIndex() }
            }
        }
    }

    public subscript(key: String) -> Value? {
        get { position(ofString: key).map { values[$0] } }
        set { self[.string(key)] = newValue }
    }

    /// True when `key` can be a dictionary key (Python: hashable).
    public static func isHashable(_ key: Value) -> Bool { HashKey(key) != nil }

    private mutating func remove(at i: Int) {
        keys.remove(at: i)
        values.remove(at: i)
        if index != nil { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        var built: [HashKey: Int] = [:]
        built.reserveCapacity(keys.count)
        for (j, k) in keys.enumerated() {
            if let hk = HashKey(k) { built[hk] = j }
        }
        index = built
    }
}

/// Python's hash equality: `1`, `1.0` and `True` are the same key.
private enum HashKey: Hashable {
    case none
    case number(Double)
    case bigInt(Int)
    case string(String)
    case tuple([HashKey])

    init?(_ v: Value) {
        switch v {
        case .none: self = .none
        case .bool(let b): self = .number(b ? 1 : 0)
        case .int(let i):
            // Doubles represent integers exactly up to 2^53; beyond that keep the integer.
            if abs(i) < (1 << 53) { self = .number(Double(i)) } else { self = .bigInt(i) }
        case .float(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .tuple(let items):
            var keys: [HashKey] = []
            for item in items {
                guard let k = HashKey(item) else { return nil }
                keys.append(k)
            }
            self = .tuple(keys)
        case .undefined, .list, .dict, .object: return nil
        }
    }
}

extension Value {
    /// Convenience for building contexts from Swift.
    public static func dict(_ pairs: [(String, Value)]) -> Value { .dict(ValueDict(pairs)) }

    /// A list of strings (handy for building contexts).
    public static func strings(_ items: [String]) -> Value { .list(items.map { .string($0) }) }

    public var isUndefined: Bool { if case .undefined = self { return true } else { return false } }

    /// The string payload, if this is a string.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
}
