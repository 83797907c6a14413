/// The syntax tree. Value types all the way down, so a parsed template is immutable and Sendable:
/// parse once, render many times, from many threads. Every node that can fail keeps the byte
/// offset of its source (`at`) for error locations.

enum BinaryOperator: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", floorDiv = "//", mod = "%", pow = "**"
}

enum CompareOperator: String, Sendable {
    case eq = "==", ne = "!=", lt = "<", lteq = "<=", gt = ">", gteq = ">=", `in` = "in", notIn = "not in"
}

/// Call arguments: positional first, then keywords, as Jinja requires.
struct Arguments: Sendable {
    var positional: [Expr] = []
    var keywords: [(name: String, value: Expr)] = []
    static let none = Arguments()
}

/// A resolved filter or test: the implementation is looked up at parse time, so an unknown
/// name is a parse error and rendering does no name lookups.
struct FilterCall: Sendable {
    let name: String
    let function: FilterFunction
    let arguments: Arguments
    let at: Int
}

struct TestCall: Sendable {
    let name: String
    let function: TestFunction
    let arguments: Arguments
    let negated: Bool
    let at: Int
}

/// Only the recursive cases are boxed (`indirect`), so leaves cost no allocation.
enum Expr: Sendable {
    case literal(Value)
    case name(String, at: Int)
    case list([Expr])
    case tuple([Expr])
    case dict([(key: Expr, value: Expr)])
    indirect case attribute(Expr, String, at: Int)
    indirect case item(Expr, Expr, at: Int)
    indirect case slice(Expr, start: Expr?, stop: Expr?, step: Expr?, at: Int)
    indirect case negate(Expr, at: Int)
    indirect case plus(Expr, at: Int)
    indirect case not(Expr)
    indirect case binary(BinaryOperator, Expr, Expr, at: Int)
    indirect case and(Expr, Expr)
    indirect case or(Expr, Expr)
    indirect case compare(Expr, [(op: CompareOperator, operand: Expr, at: Int)])
    case concat([Expr], at: Int)
    indirect case conditional(test: Expr, then: Expr, otherwise: Expr?)
    indirect case call(Expr, Arguments, at: Int)
    indirect case filter(Expr, FilterCall)
    indirect case test(Expr, TestCall)
}

/// What `set`, `for` and `with` assign to.
indirect enum AssignTarget: Sendable {
    case name(String, at: Int)
    case tuple([AssignTarget], at: Int)
    /// `ns.attr` (only on namespace objects).
    case namespaceAttribute(String, String, at: Int)
}

/// A class, so each call borrows the definition instead of copying (and retaining) its fields.
final class MacroDefinition: Sendable {
    let name: String
    let parameters: [(name: String, defaultValue: Expr?)]
    let body: [Node]
    /// Whether the body mentions `caller`, `varargs` or `kwargs` (Jinja only accepts extra
    /// arguments or a caller when it does).
    let usesCaller: Bool
    let usesVarargs: Bool
    let usesKwargs: Bool
    /// The body of a `{% call %}` block (what the called macro sees as `caller`): anonymous in Jinja.
    let isCallBlock: Bool
    let at: Int

    init(name: String, parameters: [(name: String, defaultValue: Expr?)], body: [Node],
         usesCaller: Bool, usesVarargs: Bool, usesKwargs: Bool, isCallBlock: Bool = false, at: Int) {
        self.name = name
        self.isCallBlock = isCallBlock
        self.parameters = parameters
        self.body = body
        self.usesCaller = usesCaller
        self.usesVarargs = usesVarargs
        self.usesKwargs = usesKwargs
        self.at = at
    }
}

/// Statements. Copying a node copies its payload, so every case whose payload holds more than
/// one reference is boxed (`indirect`): the interpreter then copies one reference per node.
/// Text and output, the most common nodes, stay inline (their payloads are already cheap).
enum Node: Sendable {
    /// Template text: a byte range of the template's source (rendered by copying those bytes).
    case text(Range<Int>)
    case output(Expr, at: Int)
    indirect case ifChain([(condition: Expr, body: [Node])], otherwise: [Node])
    case forLoop(ForLoop)
    indirect case set(AssignTarget, Expr, at: Int)
    indirect case setBlock(AssignTarget, body: [Node], filters: [FilterCall], at: Int)
    case macro(MacroDefinition)
    indirect case callBlock(call: Expr, caller: MacroDefinition, at: Int)
    indirect case filterBlock(body: [Node], filters: [FilterCall], at: Int)
    indirect case with(assignments: [(target: AssignTarget, value: Expr)], body: [Node])
    indirect case include(Expr, ignoreMissing: Bool, withContext: Bool, at: Int)
    indirect case importModule(Expr, alias: String, withContext: Bool, at: Int)
    indirect case fromImport(Expr, names: [(name: String, alias: String, at: Int)], withContext: Bool, at: Int)
}

/// A class, so the interpreter borrows it instead of copying (and retaining) every field per loop.
final class ForLoop: Sendable {
    let target: AssignTarget
    let iterable: Expr
    let condition: Expr?
    let body: [Node]
    let otherwise: [Node]
    let at: Int

    init(target: AssignTarget, iterable: Expr, condition: Expr?, body: [Node], otherwise: [Node], at: Int) {
        self.target = target
        self.iterable = iterable
        self.condition = condition
        self.body = body
        self.otherwise = otherwise
        self.at = at
    }
}
