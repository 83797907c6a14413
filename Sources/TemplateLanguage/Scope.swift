/// A variable scope. Jinja scoping: each `for` loop, macro call, `with` block and include
/// gets a child scope; `set` writes to the innermost one, so nothing leaks out of loops.
///
/// Name lookup is the interpreter's hottest path, so it walks the chain through unretained
/// references (every scope on the chain is kept alive by the one below it and by the
/// interpreter) and searches small scopes linearly instead of hashing.
final class Scope {
    let parent: Scope?
    private let parentRef: Unmanaged<Scope>?
    /// The render context, when this is the root scope: read in place, never copied.
    private let context: ValueDict?
    /// Small scopes (loop iterations, macro calls) search a short array: faster than hashing.
    @exclusivity(unchecked) private var entries: ContiguousArray<(name: String, value: Value)> = []
    /// Scopes that grow large (a module's top level) switch to a dictionary.
    @exclusivity(unchecked) private var table: [String: Value]?
    private static let linearLimit = 8

    /// `capacity`: how many names the scope will bind, when known (macro parameters), so the
    /// entries are allocated once instead of grown one append at a time.
    init(parent: Scope?, capacity: Int = 0) {
        self.parent = parent
        self.parentRef = parent.map { Unmanaged.passUnretained($0) }
        self.context = nil
        if capacity > 0 { entries.reserveCapacity(capacity) }
    }

    /// The root scope of a render: the context's string keys.
    init(context: ValueDict) {
        self.parent = nil
        self.parentRef = nil
        self.context = context
    }

    /// The names bound in this scope itself (not its parents) and their values.
    var vars: [String: Value] {
        var result = table ?? Dictionary(entries.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b })
        if let context {
            for (k, v) in zip(context.keys, context.values) {
                if case .string(let name) = k, result[name] == nil { result[name] = v }
            }
        }
        return result
    }

    @inline(__always) private func local(_ name: String) -> Value? {
        if let table { return table[name] ?? context?[name] }
        for i in entries.indices where sameName(entries[i].name, name) { return entries[i].value }
        return context?[name]
    }

    func set(_ name: String, _ value: Value) {
        if table != nil {
            table![name] = value
            return
        }
        for i in entries.indices where sameName(entries[i].name, name) {
            entries[i].value = value
            return
        }
        if entries.count >= Scope.linearLimit {
            var t = Dictionary(entries.map { ($0.name, $0.value) }, uniquingKeysWith: { _, b in b })
            t[name] = value
            table = t
            entries = []
            return
        }
        entries.append((name, value))
    }

    /// Empties the scope, keeping its storage (reused by every iteration of a loop).
    func reset() {
        table = nil
        entries.removeAll(keepingCapacity: true)
    }

    /// Starts a loop iteration: drops what the previous one bound and binds `loop` first.
    /// Cheaper than `reset()` + `set("loop", ...)`, which ran for every item of every loop.
    func beginIteration(loop: Value) {
        if table != nil {
            table = nil
            entries.removeAll(keepingCapacity: true)
        }
        if entries.isEmpty {
            entries.append(("loop", loop))
            return
        }
        // Entry 0 is always `loop`: it was bound first and `set` never reorders entries.
        if entries.count > 1 { entries.removeSubrange(1...) }
        entries[0].value = loop
    }

    func lookup(_ name: String) -> Value? {
        if let v = local(name) { return v }
        var next = parentRef
        while let scope = next {
            let found: Value? = scope._withUnsafeGuaranteedRef { s in
                if let v = s.local(name) { return v }
                next = s.parentRef
                return nil
            }
            if let found { return found }
        }
        return nil
    }
}

/// String equality with the length compared first. Name searches mostly meet names that differ,
/// and `==` on two different strings is an out-of-line call even when their lengths differ.
@inline(__always) func sameName(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a == b
}
