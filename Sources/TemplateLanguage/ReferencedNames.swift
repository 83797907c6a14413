import Locations
/// A name a template reads from its context, with the attribute path when the access is a
/// plain chain (`defaults.resources.requests.cpu` gives name `defaults` and path
/// `["resources", "requests", "cpu"]`). `scaffold lint` uses these to find variables no
/// parameter defines.
public struct NameReference: Sendable, Hashable {
    public let name: String
    public let path: [String]
    public let location: SourceLocation

    public init(name: String, path: [String], location: SourceLocation) {
        self.name = name
        self.path = path
        self.location = location
    }
}

/// A condition a read sits under, and which way it must have gone for the read to happen: true
/// in an `if` branch, the left of `and`, `x if c`; false in later `elif` and `else` branches, the
/// left of `or`, `… else x`. `scaffold lint` evaluates these to tell whether a parameter that may
/// be absent is read only where it is present.
public struct ReadCondition: Sendable {
    public let condition: Expression
    public let holds: Bool
}

/// A read of a context name with the conditions around it.
public struct GuardedReference: Sendable {
    public let reference: NameReference
    /// Outermost first.
    public let conditions: [ReadCondition]
    /// Read only to test or replace it when undefined (`x is defined`, `x | default(…)`).
    public let toleratesUndefined: Bool
}

/// An include or import of a template by a literal name.
public struct TemplateLoad: Sendable {
    public let name: String
    /// The tag.
    public let location: SourceLocation
    public let conditions: [ReadCondition]
}

/// How a template connects to the templates it includes or imports (see `Template.links`).
public struct TemplateLinks: Sendable {
    /// Templates included or imported by a literal name, in source order.
    public let loads: [TemplateLoad]
    /// Every name the template binds anywhere (set, for and `loop`, macros and their parameters,
    /// imports, with): what a template it includes may read besides the context.
    public let boundNames: Set<String>
}

/// Walks a syntax tree tracking what each scope binds (set, for, macro parameters, imports,
/// with), recording reads of everything else.
struct NameCollector {
    private var scopes: [Set<String>] = [[]]
    private(set) var references: [(offset: Int, name: String, path: [String], conditions: [(Expr, Bool)], tolerant: Bool)] = []
    /// Every name bound anywhere, whatever its scope.
    private(set) var boundAnywhere: Set<String> = []
    /// Templates included or imported by a literal name, in source order, with their conditions.
    private(set) var loaded: [(name: String, offset: Int, conditions: [(Expr, Bool)])] = []
    /// The conditions around what is visited now, outermost first.
    private var conditions: [(Expr, Bool)] = []
    /// Visiting the operand of `is defined` or `default(…)`.
    private var tolerant = false

    /// What templates that `nodes` include or import may read from it: the templates it loads
    /// by literal name and every name it binds (an included template sees the includer's scope).
    static func links(in nodes: [Node], source: SourceText) -> TemplateLinks {
        var collector = NameCollector()
        collector.visit(nodes)
        let loads = collector.loaded.map {
            TemplateLoad(name: $0.name, location: source.location($0.offset), conditions: readConditions($0.conditions, source))
        }
        return TemplateLinks(loads: loads, boundNames: collector.boundAnywhere)
    }

    static func references(in nodes: [Node], source: SourceText) -> [NameReference] {
        guardedReferences(in: nodes, source: source).map(\.reference)
    }

    static func guardedReferences(in nodes: [Node], source: SourceText) -> [GuardedReference] {
        var collector = NameCollector()
        collector.visit(nodes)
        return collector.references.enumerated()
            .sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }
            .map { _, read in
                GuardedReference(reference: NameReference(name: read.name, path: read.path, location: source.location(read.offset)),
                                 conditions: readConditions(read.conditions, source), toleratesUndefined: read.tolerant)
            }
    }

    private static func readConditions(_ conditions: [(Expr, Bool)], _ source: SourceText) -> [ReadCondition] {
        conditions.map { ReadCondition(condition: Expression(source: source, expr: $0.0), holds: $0.1) }
    }

    /// Visits `body` under `condition` having gone the way `holds` says.
    private mutating func under(_ condition: Expr, _ holds: Bool, _ body: (inout NameCollector) -> Void) {
        conditions.append((condition, holds))
        body(&self)
        conditions.removeLast()
    }

    private mutating func visitTolerant(_ e: Expr) {
        let was = tolerant
        tolerant = true
        visit(e)
        tolerant = was
    }

    static func references(in expr: Expr, source: SourceText) -> [NameReference] {
        var collector = NameCollector()
        collector.visit(expr)
        return collector.references
            .map { NameReference(name: $0.name, path: $0.path, location: source.location($0.offset)) }
    }

    private func isBound(_ name: String) -> Bool {
        scopes.contains { $0.contains(name) }
    }

    private mutating func bind(_ name: String) {
        scopes[scopes.count - 1].insert(name)
        boundAnywhere.insert(name)
    }

    private mutating func bind(_ target: AssignTarget) {
        switch target {
        case .name(let n, _): bind(n)
        case .tuple(let targets, _): for t in targets { bind(t) }
        case .namespaceAttribute(let ns, _, let at): record(ns, [], at)
        }
    }

    private mutating func record(_ name: String, _ path: [String], _ offset: Int) {
        if !isBound(name) && Builtins.functions[name] == nil {
            references.append((offset, name, path, conditions, tolerant))
        }
    }

    private mutating func withScope(_ names: [String], _ body: (inout NameCollector) -> Void) {
        scopes.append(Set(names))
        boundAnywhere.formUnion(names)
        body(&self)
        scopes.removeLast()
    }

    mutating func visit(_ nodes: [Node]) {
        for node in nodes { visit(node) }
    }

    private mutating func visit(_ node: Node) {
        switch node {
        case .text: break
        case .output(let e, _): visit(e)
        case .ifChain(let branches, let otherwise):
            // Each branch runs when every earlier condition was false and its own is true.
            let outer = conditions
            for b in branches {
                visit(b.condition)
                under(b.condition, true) { $0.visit(b.body) }
                conditions.append((b.condition, false))
            }
            visit(otherwise)
            conditions = outer
        case .forLoop(let loop):
            visit(loop.iterable)
            withScope(["loop"]) { c in
                c.bind(loop.target)
                if let condition = loop.condition { c.visit(condition) }
                c.visit(loop.body)
            }
            visit(loop.otherwise)
        case .set(let target, let e, _):
            visit(e)
            bind(target)
        case .setBlock(let target, let body, let filters, _):
            visit(body)
            for f in filters { visit(f.arguments) }
            bind(target)
        case .macro(let m):
            bind(m.name)
            visitMacro(m)
        case .callBlock(let call, let caller, _):
            visit(call)
            visitMacro(caller)
        case .filterBlock(let body, let filters, _):
            visit(body)
            for f in filters { visit(f.arguments) }
        case .with(let assignments, let body):
            for a in assignments { visit(a.value) }
            withScope([]) { c in
                for a in assignments { c.bind(a.target) }
                c.visit(body)
            }
        case .include(let e, _, _, let at):
            visit(e)
            noteLoaded(e, at)
        case .importModule(let e, let alias, _, let at):
            visit(e)
            noteLoaded(e, at)
            bind(alias)
        case .fromImport(let e, let names, _, let at):
            visit(e)
            noteLoaded(e, at)
            for n in names { bind(n.alias) }
        }
    }

    /// `{% include "a.j2" %}` or `{% include ["a.j2", "b.j2"] %}`: names known without rendering.
    private mutating func noteLoaded(_ e: Expr, _ at: Int) {
        switch e {
        case .literal(.string(let name)): loaded.append((name, at, conditions))
        case .list(let items), .tuple(let items):
            for case .literal(.string(let name)) in items { loaded.append((name, at, conditions)) }
        default: break
        }
    }

    private mutating func visitMacro(_ m: MacroDefinition) {
        withScope(m.parameters.map(\.name) + ["caller", "varargs", "kwargs"]) { c in
            for p in m.parameters { if let d = p.defaultValue { c.visit(d) } }
            c.visit(m.body)
        }
    }

    private mutating func visit(_ args: Arguments) {
        for e in args.positional { visit(e) }
        for k in args.keywords { visit(k.value) }
    }

    /// A plain chain of names, attributes and string subscripts: its root name and path.
    private func chain(_ e: Expr) -> (String, [String], Int)? {
        switch e {
        case .name(let n, let at): return (n, [], at)
        case .attribute(let base, let attr, _):
            guard let (n, path, at) = chain(base) else { return nil }
            return (n, path + [attr], at)
        case .item(let base, .literal(.string(let key)), _):
            guard let (n, path, at) = chain(base) else { return nil }
            return (n, path + [key], at)
        default: return nil
        }
    }

    mutating func visit(_ e: Expr) {
        if let (name, path, at) = chain(e) {
            record(name, path, at)
            return
        }
        switch e {
        case .literal: break
        case .name(let n, let at): record(n, [], at)
        case .list(let items), .tuple(let items): for i in items { visit(i) }
        case .dict(let items): for i in items { visit(i.key); visit(i.value) }
        case .attribute(let base, _, _): visit(base)
        case .item(let base, let key, _): visit(base); visit(key)
        case .slice(let base, let a, let b, let c, _):
            visit(base)
            for x in [a, b, c] { if let x { visit(x) } }
        case .negate(let x, _), .plus(let x, _), .not(let x): visit(x)
        case .binary(_, let l, let r, _): visit(l); visit(r)
        case .and(let l, let r): visit(l); under(l, true) { $0.visit(r) }
        case .or(let l, let r): visit(l); under(l, false) { $0.visit(r) }
        case .compare(let first, let rest):
            visit(first)
            for r in rest { visit(r.operand) }
        case .concat(let items, _): for i in items { visit(i) }
        case .conditional(let test, let then, let otherwise):
            visit(test)
            under(test, true) { $0.visit(then) }
            if let otherwise { under(test, false) { $0.visit(otherwise) } }
        case .call(let callee, let args, _):
            // `a.b.method()`: the data read is the receiver chain, not the method name.
            if case .attribute(let receiver, _, _) = callee { visit(receiver) } else { visit(callee) }
            visit(args)
        case .filter(let input, let f):
            if f.name == "default" || f.name == "d" { visitTolerant(input) } else { visit(input) }
            visit(f.arguments)
        case .test(let input, let t):
            if t.name == "defined" || t.name == "undefined" { visitTolerant(input) } else { visit(input) }
            visit(t.arguments)
        }
    }
}

extension Expression {
    /// Every string and number the expression writes out (`'none'` in `database != 'none'`, `2` in
    /// `replicas > 2`), in order of appearance, each once: the values a condition tells apart.
    public var literals: [Value] {
        var found: [Value] = []
        var seen: Set<String> = []
        func add(_ value: Value) {
            let key: String
            switch value {
            case .string(let text): key = "s" + text
            case .int(let number): key = "i\(number)"
            case .float(let number): key = "f\(number)"
            default: return
            }
            if seen.insert(key).inserted { found.append(value) }
        }
        func visit(_ arguments: Arguments) {
            arguments.positional.forEach(visit)
            arguments.keywords.forEach { visit($0.value) }
        }
        func visit(_ expr: Expr) {
            switch expr {
            case .literal(let value): add(value)
            case .name: break
            case .list(let items), .tuple(let items), .concat(let items, _): items.forEach(visit)
            case .dict(let pairs): pairs.forEach { visit($0.key); visit($0.value) }
            case .attribute(let base, _, _), .negate(let base, _), .plus(let base, _), .not(let base): visit(base)
            case .item(let base, let key, _): visit(base); visit(key)
            case .slice(let base, let start, let stop, let step, _): [base, start, stop, step].compactMap { $0 }.forEach(visit)
            case .binary(_, let left, let right, _), .and(let left, let right), .or(let left, let right): visit(left); visit(right)
            case .compare(let first, let rest): visit(first); rest.forEach { visit($0.operand) }
            case .conditional(let test, let then, let otherwise): [test, then, otherwise].compactMap { $0 }.forEach(visit)
            case .call(let callee, let arguments, _): visit(callee); visit(arguments)
            case .filter(let base, let call): visit(base); visit(call.arguments)
            case .test(let base, let call): visit(base); visit(call.arguments)
            }
        }
        visit(expr)
        return found
    }
}
