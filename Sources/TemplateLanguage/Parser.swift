/// A recursive-descent parser with Jinja2's grammar and operator precedence (jinja2/parser.py).
/// Filters and tests are resolved here, so unknown ones fail before anything renders.
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private let source: SourceText
    private let maxDepth: Int
    private var depth = 0
    private var stack = StackGuard()
    /// Which of `caller`, `varargs` and `kwargs` the expressions parsed so far read (bits 1, 2,
    /// 4): a macro accepts a caller or extra arguments only when its body mentions them.
    private var specialLoads: UInt8 = 0
    /// Blocks being parsed, innermost last, for "expected 'endfor' to close 'for' at 3:1" messages.
    private var openBlocks: [(name: String, at: Int, ends: [String])] = []

    /// Whether `{% now %}` (jinja2_time, with `ToolExtensions`) is a tag.
    private let nowTag: Bool

    init(tokens: [Token], source: SourceText, limits: Limits, nowTag: Bool = false) {
        self.tokens = tokens
        self.source = source
        self.maxDepth = limits.maxRecursionDepth
        self.nowTag = nowTag
    }

    // MARK: Token stream

    private var current: Token { tokens[index] }
    private var peekKind: TokenKind { index + 1 < tokens.count ? tokens[index + 1].kind : .eof }
    // The checks below run a dozen times per expression (once per precedence level): they
    // inspect the token in place instead of copying it and building a kind to compare with.
    private var atBlockEnd: Bool { if case .blockEnd = tokens[index].kind { return true } else { return false } }
    private var atVariableEnd: Bool { if case .variableEnd = tokens[index].kind { return true } else { return false } }
    /// Moves past the current token and returns where it started.
    @discardableResult
    private mutating func advance() -> Int {
        let offset = tokens[index].offset
        if index < tokens.count - 1 { index += 1 }
        return offset
    }
    private var offset: Int { tokens[index].offset }

    private func fail(_ message: String, at: Int? = nil) -> TemplateError {
        source.error(.syntax, message, at: at ?? offset)
    }

    private func isOp(_ op: Operator) -> Bool {
        if case .op(let o) = tokens[index].kind { return o == op } else { return false }
    }
    private func isName(_ name: String) -> Bool {
        if case .name(let n) = tokens[index].kind { return sameName(n, name) } else { return false }
    }

    private mutating func skipOp(_ op: Operator) -> Bool {
        if isOp(op) { advance(); return true }
        return false
    }
    private mutating func skipName(_ name: String) -> Bool {
        if isName(name) { advance(); return true }
        return false
    }

    private mutating func expectOp(_ op: Operator, _ context: String) throws(TemplateError) {
        guard skipOp(op) else { throw fail("expected '\(op.rawValue)' \(context), found \(current.describe)") }
    }

    private mutating func expectName(_ context: String) throws(TemplateError) -> (String, Int) {
        guard case .name(let n) = current.kind else { throw fail("expected a name \(context), found \(current.describe)") }
        let at = advance()
        return (n, at)
    }

    private mutating func expectBlockEnd(_ statement: String) throws(TemplateError) {
        guard atBlockEnd else {
            throw fail("expected end of statement block ('%}') after '\(statement)', found \(current.describe)")
        }
        advance()
    }

    /// One more link of a left-deep chain (`a - b - c`, `x | f | g`, `a.b.c`, `f()()`): each link
    /// nests the tree the interpreter walks recursively one level deeper, so links count against
    /// the nesting limit like parentheses do. The caller gives the levels back when its loop ends.
    private mutating func link(_ levels: inout Int) throws(TemplateError) {
        levels += 1
        try enter()
    }

    private mutating func enter() throws(TemplateError) {
        depth += 1
        if depth > maxDepth || stack.isExhausted(depth: depth) { throw source.error(.limit, "expression nested too deeply (limit \(maxDepth))", at: offset) }
    }

    // MARK: Statements

    mutating func parseTemplate() throws(TemplateError) -> [Node] {
        let (nodes, _) = try subparse(until: [])
        return nodes
    }

    /// Parses nodes until a block tag named in `ends`; returns the nodes and that name, leaving
    /// the stream just after the name. With no `ends`, parses to the end of the template.
    private mutating func subparse(until ends: [String]) throws(TemplateError) -> ([Node], String) {
        var nodes: [Node] = []
        while true {
            let token = current
            switch token.kind {
            case .data(let range):
                advance()
                nodes.append(.text(range))
            case .variableBegin:
                advance()
                let expr = try parseTuple()
                guard atVariableEnd else {
                    throw fail("expected end of print statement ('}}'), found \(current.describe)")
                }
                advance()
                nodes.append(.output(expr, at: token.offset))
            case .blockBegin:
                advance()
                guard case .name(let tag) = current.kind else {
                    throw fail("expected a statement name after '{%', found \(current.describe)")
                }
                if ends.contains(where: { sameName($0, tag) }) {
                    advance()
                    return (nodes, tag)
                }
                if let node = try parseStatement(tag, blockStart: token.offset) {
                    nodes.append(node)
                } else if let open = openBlocks.last {
                    throw fail("expected \(quotedList(open.ends)) to close '\(open.name)' at \(position(open.at)), found '\(tag)'")
                } else {
                    throw fail("unknown tag '\(tag)'")
                }
            case .eof:
                if let open = openBlocks.last, !ends.isEmpty {
                    throw fail("unexpected end of template, expected \(quotedList(open.ends)) to close '\(open.name)' at \(position(open.at))")
                }
                return (nodes, "")
            default:
                throw fail("unexpected \(token.describe)")
            }
        }
    }

    private func position(_ offset: Int) -> String {
        source.position(offset).description
    }

    private func quotedList(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: " or ")
    }

    private mutating func block(_ name: String, at offset: Int, ends: [String]) throws(TemplateError) -> ([Node], String) {
        // Statements nest by recursion here and again when rendering and linting: bounded like
        // expressions, so thousands of nested `{% if %}` are an error, not a stack overflow.
        if openBlocks.count >= maxDepth || stack.isExhausted(depth: openBlocks.count + depth) {
            throw source.error(.limit, "statements nested too deeply (limit \(maxDepth))", at: offset)
        }
        openBlocks.append((name, offset, ends))
        let result = try subparse(until: ends)
        openBlocks.removeLast()
        return result
    }

    private mutating func parseStatement(_ tag: String, blockStart: Int) throws(TemplateError) -> Node? {
        switch tag {
        case "if": advance(); return try parseIf(at: blockStart)
        case "for": advance(); return try parseFor(at: blockStart)
        case "set": advance(); return try parseSet(at: blockStart)
        case "macro": advance(); return try parseMacro(at: blockStart)
        case "call": advance(); return try parseCallBlock(at: blockStart)
        case "filter": advance(); return try parseFilterBlock(at: blockStart)
        case "with": advance(); return try parseWith(at: blockStart)
        case "include": advance(); return try parseInclude(at: blockStart)
        case "import": advance(); return try parseImport(at: blockStart)
        case "from": advance(); return try parseFrom(at: blockStart)
        case "now" where nowTag: advance(); return try parseNow(at: blockStart)
        default: return nil
        }
    }

    private mutating func parseIf(at offset: Int) throws(TemplateError) -> Node {
        var branches: [(condition: Expr, body: [Node])] = []
        var condition = try parseTuple(withConditional: false)
        while true {
            try expectBlockEnd("if")
            let (body, end) = try block("if", at: offset, ends: EndTags.elifElseEndif)
            branches.append((condition, body))
            switch end {
            case "elif":
                condition = try parseTuple(withConditional: false)
            case "else":
                try expectBlockEnd("else")
                let (otherwise, _) = try block("if", at: offset, ends: EndTags.endif)
                try expectBlockEnd("endif")
                return .ifChain(branches, otherwise: otherwise)
            default:
                try expectBlockEnd("endif")
                return .ifChain(branches, otherwise: [])
            }
        }
    }

    private mutating func parseFor(at offset: Int) throws(TemplateError) -> Node {
        let target = try parseAssignTarget()
        guard skipName("in") else { throw fail("expected 'in' in 'for' statement, found \(current.describe)") }
        let iterable = try parseTuple(withConditional: false, endNames: ["recursive"])
        var condition: Expr?
        if skipName("if") { condition = try parseExpression() }
        if isName("recursive") { throw fail("recursive loops are not supported") }
        try expectBlockEnd("for")
        let (body, end) = try block("for", at: offset, ends: EndTags.endforElse)
        var otherwise: [Node] = []
        if end == "else" {
            try expectBlockEnd("else")
            (otherwise, _) = try block("for", at: offset, ends: EndTags.endfor)
        }
        try expectBlockEnd("endfor")
        return .forLoop(ForLoop(target: target, iterable: iterable, condition: condition, body: body, otherwise: otherwise, at: offset))
    }

    private mutating func parseSet(at offset: Int) throws(TemplateError) -> Node {
        let target = try parseAssignTarget(withNamespace: true)
        if skipOp(.assign) {
            let value = try parseTuple()
            try expectBlockEnd("set")
            return .set(target, value, at: offset)
        }
        let filters = try parseFilterChain(requireFirst: false)
        try expectBlockEnd("set")
        let (body, _) = try block("set", at: offset, ends: EndTags.endset)
        try expectBlockEnd("endset")
        return .setBlock(target, body: body, filters: filters, at: offset)
    }

    private mutating func parseMacro(at offset: Int) throws(TemplateError) -> Node {
        let (name, _) = try expectName("after 'macro'")
        let parameters = try parseSignature()
        try expectBlockEnd("macro")
        let (body, loads) = try macroBody("macro", at: offset, ends: EndTags.endmacro)
        try expectBlockEnd("endmacro")
        return .macro(makeMacro(name: name, parameters: parameters, body: body, loads: loads, at: offset))
    }

    private mutating func noteLoad(_ name: String) {
        // The length test first: comparing a string with each literal is a call per literal.
        guard name.utf8.count >= 6 && name.utf8.count <= 7 else { return }
        switch name {
        case "caller": specialLoads |= 1
        case "varargs": specialLoads |= 2
        case "kwargs": specialLoads |= 4
        default: break
        }
    }

    /// Parses a macro or call-block body, noting which special names it reads (nested macros
    /// included, as Jinja's `find_undeclared` does); the outer body sees them too.
    private mutating func macroBody(_ name: String, at offset: Int, ends: [String]) throws(TemplateError) -> (body: [Node], loads: UInt8) {
        let outer = specialLoads
        specialLoads = 0
        let (body, _) = try block(name, at: offset, ends: ends)
        let loads = specialLoads
        specialLoads = outer | loads
        return (body, loads)
    }

    private func makeMacro(name: String, parameters: [(name: String, defaultValue: Expr?)], body: [Node], loads: UInt8,
                           isCallBlock: Bool = false, at offset: Int) -> MacroDefinition {
        MacroDefinition(name: name, parameters: parameters, body: body,
                        usesCaller: loads & 1 != 0, usesVarargs: loads & 2 != 0, usesKwargs: loads & 4 != 0,
                        isCallBlock: isCallBlock, at: offset)
    }

    private mutating func parseSignature() throws(TemplateError) -> [(name: String, defaultValue: Expr?)] {
        var parameters: [(name: String, defaultValue: Expr?)] = []
        try expectOp(.lparen, "to start the parameter list")
        while !isOp(.rparen) {
            if !parameters.isEmpty { try expectOp(.comma, "between parameters") }
            if isOp(.rparen) { break }
            let (name, at) = try expectName("as a parameter")
            var defaultValue: Expr?
            if skipOp(.assign) {
                defaultValue = try parseExpression()
            } else if parameters.last?.defaultValue != nil {
                throw fail("non-default parameter '\(name)' follows a default parameter", at: at)
            }
            parameters.append((name, defaultValue))
        }
        advance()
        return parameters
    }

    private mutating func parseCallBlock(at offset: Int) throws(TemplateError) -> Node {
        let parameters = isOp(.lparen) ? try parseSignature() : []
        let callAt = offset
        let call = try parseExpression()
        guard case .call = call else { throw fail("expected a call after 'call'", at: callAt) }
        try expectBlockEnd("call")
        let (body, loads) = try macroBody("call", at: offset, ends: EndTags.endcall)
        try expectBlockEnd("endcall")
        return .callBlock(call: call, caller: makeMacro(name: "caller", parameters: parameters, body: body, loads: loads,
                                                                isCallBlock: true, at: offset), at: offset)
    }

    private mutating func parseFilterBlock(at offset: Int) throws(TemplateError) -> Node {
        let filters = try parseFilterChain(requireFirst: true)
        try expectBlockEnd("filter")
        let (body, _) = try block("filter", at: offset, ends: EndTags.endfilter)
        try expectBlockEnd("endfilter")
        return .filterBlock(body: body, filters: filters, at: offset)
    }

    /// `name(args)|other|...` as used by `{% filter %}` and `{% set x | f %}`.
    private mutating func parseFilterChain(requireFirst: Bool) throws(TemplateError) -> [FilterCall] {
        var filters: [FilterCall] = []
        if requireFirst || skipOp(.pipe) {
            filters.append(try parseFilterCall())
        }
        while skipOp(.pipe) { filters.append(try parseFilterCall()) }
        return filters
    }

    private mutating func parseWith(at offset: Int) throws(TemplateError) -> Node {
        var assignments: [(target: AssignTarget, value: Expr)] = []
        while current.kind != .blockEnd {
            if !assignments.isEmpty { try expectOp(.comma, "between 'with' assignments") }
            let target = try parseAssignTarget()
            try expectOp(.assign, "in 'with' assignment")
            assignments.append((target, try parseExpression()))
        }
        try expectBlockEnd("with")
        let (body, _) = try block("with", at: offset, ends: EndTags.endwith)
        try expectBlockEnd("endwith")
        return .with(assignments: assignments, body: body)
    }

    /// `with context` / `without context`; includes default to with, imports to without.
    private mutating func parseContextModifier(default value: Bool) throws(TemplateError) -> Bool {
        if (isName("with") || isName("without")), peekKind == .name("context") {
            let with = isName("with")
            advance(); advance()
            return with
        }
        return value
    }

    private mutating func parseInclude(at offset: Int) throws(TemplateError) -> Node {
        let name = try parseExpression()
        var ignoreMissing = false
        if isName("ignore"), peekKind == .name("missing") {
            advance(); advance()
            ignoreMissing = true
        }
        let withContext = try parseContextModifier(default: true)
        try expectBlockEnd("include")
        return .include(name, ignoreMissing: ignoreMissing, withContext: withContext, at: offset)
    }

    /// jinja2_time: `{% now ZONE [+|- OFFSET][, FORMAT] %}` outputs the time, as a call of
    /// `ToolExtensions.now` with the zone, the operator and offset when there is one, and the format.
    private mutating func parseNow(at offset: Int) throws(TemplateError) -> Node {
        let zone = try parseExpression()
        let format: Expr = skipOp(.comma) ? try parseExpression() : .literal(.none)
        try expectBlockEnd("now")
        var arguments = Arguments()
        if case .binary(let op, let left, let right, _) = zone, op == .add || op == .sub {
            arguments.positional = [left, .literal(.string(op.rawValue)), right, format]
        } else {
            arguments.positional = [zone, format]
        }
        return .output(.call(.literal(.object(ToolExtensions.now)), arguments, at: offset), at: offset)
    }

    private mutating func parseImport(at offset: Int) throws(TemplateError) -> Node {
        let name = try parseExpression()
        guard skipName("as") else { throw fail("expected 'as' in 'import' statement, found \(current.describe)") }
        let (alias, _) = try expectName("after 'as'")
        let withContext = try parseContextModifier(default: false)
        try expectBlockEnd("import")
        return .importModule(name, alias: alias, withContext: withContext, at: offset)
    }

    private mutating func parseFrom(at offset: Int) throws(TemplateError) -> Node {
        let template = try parseExpression()
        guard skipName("import") else { throw fail("expected 'import' in 'from' statement, found \(current.describe)") }
        var names: [(name: String, alias: String, at: Int)] = []
        var withContext = false
        while true {
            if !names.isEmpty {
                guard skipOp(.comma) else { break }
            }
            if (isName("with") || isName("without")), peekKind == .name("context") {
                withContext = try parseContextModifier(default: false)
                break
            }
            guard case .name = current.kind else {
                if names.isEmpty { throw fail("expected a name to import, found \(current.describe)") }
                break
            }
            let (name, at) = try expectName("to import")
            if name.hasPrefix("_") { throw fail("names starting with an underscore cannot be imported", at: at) }
            var alias = name
            if skipName("as") { (alias, _) = try expectName("after 'as'") }
            names.append((name, alias, at))
        }
        try expectBlockEnd("from")
        return .fromImport(template, names: names, withContext: withContext, at: offset)
    }

    private mutating func parseAssignTarget(withNamespace: Bool = false) throws(TemplateError) -> AssignTarget {
        if withNamespace, case .name(let ns) = current.kind, peekKind == .op(.dot) {
            let at = advance()
            advance()
            let (attr, _) = try expectName("after '.'")
            noteLoad(ns)
            return .namespaceAttribute(ns, attr, at: at)
        }
        let start = offset
        var targets: [AssignTarget] = []
        var isTuple = false
        while true {
            if !targets.isEmpty {
                guard skipOp(.comma) else { break }
                isTuple = true
            }
            // As in Jinja, a trailing comma ends the targets only before the block's end or `)`:
            // `set a, = 1` and `for a, in x` are syntax errors, not unpackings.
            if atBlockEnd || isOp(.rparen) { break }
            targets.append(try parseTargetPrimary())
        }
        if targets.isEmpty { throw fail("expected an assignment target, found \(current.describe)") }
        return isTuple ? .tuple(targets, at: start) : targets[0]
    }

    private mutating func parseTargetPrimary() throws(TemplateError) -> AssignTarget {
        let start = offset
        if skipOp(.lparen) {
            let inner = try parseAssignTarget()
            try expectOp(.rparen, "to close the target")
            return inner
        }
        guard case .name(let n) = current.kind else { throw fail("cannot assign to \(current.describe)") }
        switch n {
        case "true", "false", "none", "True", "False", "None": throw fail("cannot assign to '\(n)'")
        default: break
        }
        advance()
        return .name(n, at: start)
    }

    // MARK: Expressions

    /// A whole standalone expression source (`compileExpression`): a tuple or expression, then the end.
    mutating func parseStandaloneExpression() throws(TemplateError) -> Expr {
        let expr = try parseTuple()
        guard current.kind == .eof else { throw fail("unexpected \(current.describe) after the expression") }
        return expr
    }

    /// A comma-separated list is a tuple (`{{ a, b }}`); a single expression stays itself.
    mutating func parseTuple(withConditional: Bool = true, endNames: [String] = []) throws(TemplateError) -> Expr {
        func atEnd() -> Bool {
            if atVariableEnd || atBlockEnd || isOp(.rparen) { return true }
            if case .name(let n) = tokens[index].kind, endNames.contains(n) { return true }
            return false
        }
        if atEnd() { throw fail("expected an expression, found \(current.describe)") }
        let first = withConditional ? try parseExpression() : try parseOr()
        guard isOp(.comma) else { return first }  // the usual case: not a tuple, no array
        var items = [first]
        while skipOp(.comma), !atEnd() {
            items.append(withConditional ? try parseExpression() : try parseOr())
        }
        return .tuple(items)
    }

    mutating func parseExpression() throws(TemplateError) -> Expr {
        try enter()
        defer { depth -= 1 }
        var expr = try parseOrFast()
        while skipName("if") {
            let test = try parseOr()
            var otherwise: Expr?
            if skipName("else") { otherwise = try parseExpression() }
            expr = .conditional(test: test, then: expr, otherwise: otherwise)
        }
        return expr
    }

    /// `parseOr`, with a shortcut for the most common expression of all: a single operand
    /// (`name`, `a.b.c`, `x | f`) that no operator follows. It is parsed first and, when no
    /// operator follows, returned without descending through the eight precedence levels.
    private mutating func parseOrFast() throws(TemplateError) -> Expr {
        if isName("not") { return try parseOr() }
        let at = offset
        let seed = try parseUnary()
        return continuesOperation ? try parseOr(seed: seed, at: at) : seed
    }

    /// Whether the current token is a binary or comparison operator (something a precedence
    /// level would consume after an operand).
    private var continuesOperation: Bool {
        switch tokens[index].kind {
        case .op(let o):
            switch o {
            case .eq, .ne, .lt, .lteq, .gt, .gteq, .add, .sub, .tilde, .mul, .div, .floorDiv, .mod, .pow: return true
            default: return false
            }
        case .name(let n):
            switch n.utf8.count {
            case 2: return n == "or" || n == "in"
            case 3: return n == "and" || n == "not"
            default: return false
            }
        default: return false
        }
    }

    // Each level below takes an optional `seed`: an already parsed leftmost operand (and the
    // offset where it started), handed down to the level that parses operands.

    private mutating func parseOr(seed: Expr? = nil, at seedAt: Int = 0) throws(TemplateError) -> Expr {
        var left = try parseAnd(seed: seed, at: seedAt)
        var levels = 0
        defer { depth -= levels }
        while skipName("or") {
            try link(&levels)
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd(seed: Expr? = nil, at seedAt: Int = 0) throws(TemplateError) -> Expr {
        var left = try parseNot(seed: seed, at: seedAt)
        var levels = 0
        defer { depth -= levels }
        while skipName("and") {
            try link(&levels)
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot(seed: Expr? = nil, at seedAt: Int = 0) throws(TemplateError) -> Expr {
        if seed == nil, skipName("not") {
            try enter()
            defer { depth -= 1 }
            return .not(try parseNot())
        }
        return try parseCompare(seed: seed, at: seedAt)
    }

    private mutating func parseCompare(seed: Expr? = nil, at seedAt: Int = 0) throws(TemplateError) -> Expr {
        let left = try parseMath1(seed: seed, at: seedAt)
        var ops: [(op: CompareOperator, operand: Expr, at: Int)] = []
        while true {
            let at = offset
            let op: CompareOperator
            switch current.kind {
            case .op(.eq): op = .eq
            case .op(.ne): op = .ne
            case .op(.lt): op = .lt
            case .op(.lteq): op = .lteq
            case .op(.gt): op = .gt
            case .op(.gteq): op = .gteq
            case .name("in"): op = .in
            case .name("not") where peekKind == .name("in"):
                advance()
                op = .notIn
            default:
                return ops.isEmpty ? left : .compare(left, ops)
            }
            advance()
            ops.append((op, try parseMath1(), at))
        }
    }

    private mutating func parseMath1(seed: Expr? = nil, at seedAt: Int = 0) throws(TemplateError) -> Expr {
        var left = try parseConcat(seed: seed, at: seedAt)
        var levels = 0
        defer { depth -= levels }
        while true {
            let at = offset
            let op: BinaryOperator
            if skipOp(.add) { op = .add } else if skipOp(.sub) { op = .sub } else { return left }
            try link(&levels)
            left = .binary(op, left, try parseConcat(), at: at)
        }
    }

    private mutating func parseConcat(seed: Expr? = nil, at seedAt: Int = 0) throws(TemplateError) -> Expr {
        let at = seed == nil ? offset : seedAt
        let first = try parseMath2(seed: seed)
        guard isOp(.tilde) else { return first }  // the usual case: no array for one operand
        var items = [first]
        while skipOp(.tilde) { items.append(try parseMath2()) }
        return .concat(items, at: at)
    }

    private mutating func parseMath2(seed: Expr? = nil) throws(TemplateError) -> Expr {
        var left = try parsePow(seed: seed)
        var levels = 0
        defer { depth -= levels }
        while true {
            let at = offset
            let op: BinaryOperator
            switch current.kind {
            case .op(.mul): op = .mul
            case .op(.div): op = .div
            case .op(.floorDiv): op = .floorDiv
            case .op(.mod): op = .mod
            default: return left
            }
            advance()
            try link(&levels)
            left = .binary(op, left, try parsePow(), at: at)
        }
    }

    private mutating func parsePow(seed: Expr? = nil) throws(TemplateError) -> Expr {
        var left: Expr
        if let seed { left = seed } else { left = try parseUnary() }
        var levels = 0
        defer { depth -= levels }
        while true {
            let at = offset
            guard skipOp(.pow) else { return left }
            try link(&levels)
            left = .binary(.pow, left, try parseUnary(), at: at)
        }
    }

    /// Unary minus binds tighter than filters on its operand but the filter applies to the
    /// result: `-1|abs` is `(-1)|abs`, as in Jinja.
    private mutating func parseUnary(withFilter: Bool = true) throws(TemplateError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let at = offset
        var node: Expr
        if skipOp(.sub) {
            node = .negate(try parseUnary(withFilter: false), at: at)
        } else if skipOp(.add) {
            node = .plus(try parseUnary(withFilter: false), at: at)
        } else {
            node = try parsePostfix(try parsePrimary())
        }
        if withFilter { node = try parseFilterExpr(node) }
        return node
    }

    private mutating func parsePrimary() throws(TemplateError) -> Expr {
        let token = current
        switch token.kind {
        case .name(let n):
            advance()
            let length = n.utf8.count  // only 4- and 5-letter names can be constants
            if length == 4 || length == 5 {
                switch n {
                case "true", "True": return .literal(.bool(true))
                case "false", "False": return .literal(.bool(false))
                case "none", "None": return .literal(.none)
                default: break
                }
            }
            noteLoad(n)
            return .name(n, at: token.offset)
        case .string(var s):
            advance()
            // Adjacent string literals concatenate, as in Python.
            while case .string(let more) = current.kind { s += more; advance() }
            return .literal(.string(s))
        case .integer(let i):
            advance()
            return .literal(.int(i))
        case .float(let d):
            advance()
            return .literal(.float(d))
        case .op(.lparen):
            advance()
            try enter()
            defer { depth -= 1 }
            if skipOp(.rparen) { return .tuple([]) }
            let first = try parseExpression()
            if skipOp(.rparen) { return first }
            var items = [first]
            while skipOp(.comma) {
                if isOp(.rparen) { break }
                items.append(try parseExpression())
            }
            try expectOp(.rparen, "to close the parenthesis")
            return .tuple(items)
        case .op(.lbracket):
            advance()
            try enter()
            defer { depth -= 1 }
            var items: [Expr] = []
            while !isOp(.rbracket) {
                if !items.isEmpty { try expectOp(.comma, "between list items") }
                if isOp(.rbracket) { break }
                items.append(try parseExpression())
            }
            advance()
            return .list(items)
        case .op(.lbrace):
            advance()
            try enter()
            defer { depth -= 1 }
            var items: [(key: Expr, value: Expr)] = []
            while !isOp(.rbrace) {
                if !items.isEmpty { try expectOp(.comma, "between dict items") }
                if isOp(.rbrace) { break }
                let key = try parseExpression()
                try expectOp(.colon, "after a dict key")
                items.append((key, try parseExpression()))
            }
            advance()
            return .dict(items)
        default:
            throw fail("unexpected \(token.describe), expected an expression")
        }
    }

    private mutating func parsePostfix(_ start: Expr) throws(TemplateError) -> Expr {
        var node = start
        var levels = 0
        defer { depth -= levels }
        while true {
            let at = offset
            if isOp(.dot) || isOp(.lbracket) || isOp(.lparen) { try link(&levels) }
            if skipOp(.dot) {
                switch current.kind {
                case .name(let n):
                    advance()
                    node = .attribute(node, n, at: at)
                case .integer(let i):
                    advance()
                    node = .item(node, .literal(.int(i)), at: at)
                default:
                    throw fail("expected a name after '.', found \(current.describe)")
                }
            } else if isOp(.lbracket) {
                node = try parseSubscript(node)
            } else if isOp(.lparen) {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    private mutating func parseSubscript(_ target: Expr) throws(TemplateError) -> Expr {
        let at = advance()
        var items: [Expr] = []
        var isTuple = false
        while !isOp(.rbracket) {
            if !items.isEmpty {
                try expectOp(.comma, "between subscripts")
                isTuple = true
                if isOp(.rbracket) { break }
            }
            items.append(try parseSubscribed(target, at: at))
        }
        advance()
        guard let first = items.first else { throw fail("expected a subscript", at: at) }
        if case .slice = first, !isTuple { return first }
        if isTuple { return .item(target, .tuple(items), at: at) }
        return .item(target, first, at: at)
    }

    /// One subscript: an expression or a `start:stop:step` slice.
    private mutating func parseSubscribed(_ target: Expr, at: Int) throws(TemplateError) -> Expr {
        var start: Expr?
        if !isOp(.colon) {
            let expr = try parseExpression()
            if !isOp(.colon) { return expr }
            start = expr
        }
        advance()
        var stop: Expr?
        if !isOp(.rbracket), !isOp(.comma), !isOp(.colon) { stop = try parseExpression() }
        var step: Expr?
        if skipOp(.colon), !isOp(.rbracket), !isOp(.comma) { step = try parseExpression() }
        return .slice(target, start: start, stop: stop, step: step, at: at)
    }

    private mutating func parseArguments() throws(TemplateError) -> Arguments {
        try expectOp(.lparen, "to start the arguments")
        var args = Arguments()
        while !isOp(.rparen) {
            if !args.positional.isEmpty || !args.keywords.isEmpty { try expectOp(.comma, "between arguments") }
            if isOp(.rparen) { break }
            if isOp(.mul) || isOp(.pow) { throw fail("'*args' and '**kwargs' in calls are not supported") }
            if case .name(let n) = current.kind, peekKind == .op(.assign) {
                advance(); advance()
                if args.keywords.contains(where: { $0.name == n }) { throw fail("keyword argument '\(n)' repeated") }
                args.keywords.append((n, try parseExpression()))
            } else {
                if !args.keywords.isEmpty { throw fail("positional argument follows keyword argument") }
                args.positional.append(try parseExpression())
            }
        }
        advance()
        return args
    }

    private mutating func parseCall(_ callee: Expr) throws(TemplateError) -> Expr {
        let at = offset
        return .call(callee, try parseArguments(), at: at)
    }

    private mutating func parseFilterExpr(_ start: Expr) throws(TemplateError) -> Expr {
        var node = start
        var levels = 0
        defer { depth -= levels }
        while true {
            if isOp(.pipe) || isName("is") || isOp(.lparen) { try link(&levels) }
            if skipOp(.pipe) {
                node = .filter(node, try parseFilterCall())
            } else if isName("is") {
                node = .test(node, try parseTestCall())
            } else if isOp(.lparen) {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    private mutating func parseDottedName(_ what: String) throws(TemplateError) -> (String, Int) {
        guard case .name = tokens[index].kind else { throw fail("expected a name as \(what) name, found \(current.describe)") }
        var (name, at) = try expectName("")
        while isOp(.dot), case .name(let more) = peekKind {
            advance(); advance()
            name += "." + more
        }
        return (name, at)
    }

    private mutating func parseFilterCall() throws(TemplateError) -> FilterCall {
        let (name, at) = try parseDottedName("a filter")
        guard let function = Filters.lookup(name) else {
            throw source.error(.unknown, "no filter named '\(name)'", at: at)
        }
        let args = isOp(.lparen) ? try parseArguments() : .none
        return FilterCall(name: name, function: function, arguments: args, at: at)
    }

    private mutating func parseTestCall() throws(TemplateError) -> TestCall {
        advance() // is
        let negated = skipName("not")
        let (name, at) = try parseDottedName("a test")
        guard let function = Tests.lookup(name) else {
            throw source.error(.unknown, "no test named '\(name)'", at: at)
        }
        var args = Arguments.none
        if isOp(.lparen) {
            args = try parseArguments()
        } else {
            switch current.kind {
            case .name("else"), .name("or"), .name("and"):
                break
            case .name("is"):
                throw fail("tests cannot be chained with 'is'")
            case .name, .string, .integer, .float, .op(.lparen), .op(.lbracket), .op(.lbrace):
                args.positional = [try parsePostfix(try parsePrimary())]
            default:
                break
            }
        }
        return TestCall(name: name, function: function, arguments: args, negated: negated, at: at)
    }
}

/// The end tags each block waits for (built once: array literals allocate on every use).
private enum EndTags {
    static let elifElseEndif = ["elif", "else", "endif"]
    static let endif = ["endif"]
    static let endforElse = ["endfor", "else"]
    static let endfor = ["endfor"]
    static let endset = ["endset"]
    static let endmacro = ["endmacro"]
    static let endcall = ["endcall"]
    static let endfilter = ["endfilter"]
    static let endwith = ["endwith"]
}
