import Foundation

typealias FilterFunction = @Sendable (Interpreter, Value, CallArguments) throws(TemplateError) -> Value
typealias TestFunction = @Sendable (Interpreter, Value, CallArguments) throws(TemplateError) -> Bool

/// Renders one template: a tree-walking interpreter over the immutable syntax tree.
/// One instance per render, used on one thread; all mutable render state lives here.
final class Interpreter {
    let environment: Environment
    let strict: Bool
    let limits: Limits
    /// The output being built; macros, `set` blocks and `filter` blocks capture by swapping it.
    // Unchecked exclusivity: the interpreter is single-threaded and never holds overlapping
    // accesses to these; the runtime checks cost several percent of render time.
    /// Bytes, not a String: appending to an array is a plain copy, while appending to a String
    /// also merges its ASCII/NFC flags (callgrind: a sixth of the instructions of a macro-heavy render).
    @exclusivity(unchecked) var output: [UInt8] = []
    @exclusivity(unchecked) var scope: Scope {
        didSet { scopeRef = Unmanaged.passUnretained(scope) }
    }
    /// `scope` without reference counting, for name lookups (the most frequent operation):
    /// `scope` itself keeps the object alive.
    @exclusivity(unchecked) private(set) var scopeRef: Unmanaged<Scope>
    /// The render's context (what `import ... with context` sees).
    let contextScope: Scope
    /// The template whose nodes are running (errors are located in it).
    @exclusivity(unchecked) var source: SourceText {
        didSet { sourceRef = Unmanaged.passUnretained(source) }
    }
    /// `source` without reference counting, for copying template text (the most frequent node):
    /// `source` itself keeps the object alive.
    @exclusivity(unchecked) private var sourceRef: Unmanaged<SourceText>
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var loopIterations = 0
    @exclusivity(unchecked) private var calls = 0
    /// Byte offset of the statement running, for errors that have no better spot.
    @exclusivity(unchecked) var statementOffset = 0
    private var templateCache: [String: Template] = [:]
    /// `ToolExtensions`' random stream (SplitMix64), seeded by the recorded seed and the text of the
    /// template that first draws: each file gets its own values, and a re-render the same ones.
    private var randomState: UInt64?
    private var stack = StackGuard()

    init(environment: Environment, context: ValueDict, source: SourceText) {
        self.environment = environment
        self.strict = environment.options.undefined == .strict
        self.limits = environment.options.limits
        self.contextScope = Scope(context: context)
        let templateScope = Scope(parent: contextScope)
        self.scope = templateScope
        self.scopeRef = Unmanaged.passUnretained(templateScope)
        self.source = source
        self.sourceRef = Unmanaged.passUnretained(source)
    }

    func nextRandom() -> UInt64 {
        var state = randomState ?? {
            var hash: UInt64 = 0xcbf29ce484222325  // FNV-1a of the template's text
            for byte in source.bytes { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
            return hash ^ (environment.options.extensions?.seed ?? 0)
        }()
        state &+= 0x9e3779b97f4a7c15
        randomState = state
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }

    // MARK: Statements

    func render(_ nodes: [Node]) throws(TemplateError) -> String {
        output.reserveCapacity(source.bytes.count)
        try renderNodes(nodes)
        return String(decoding: output, as: UTF8.self)
    }

    func renderNodes(_ nodes: [Node]) throws(TemplateError) {
        // Text and output, most of any template, are matched in place in the array: passing a
        // node on (or `for node in nodes`) copies it, and copying a node retains its payload.
        for i in nodes.indices {
            do {
                switch nodes[i] {
                case .text(let range): try renderText(range)
                case .output(let expr, let at): try renderOutput(expr, at: at)
                default: try renderNode(nodes[i])
                }
            } catch {
                throw error.located(at: statementOffset, in: source)
            }
        }
    }

    private func checkOutputSize() throws(TemplateError) {
        if output.count > limits.maxOutputBytes {
            throw TemplateError(.limit, "output exceeds the limit of \(limits.maxOutputBytes) bytes")
        }
    }

    private func renderText(_ range: Range<Int>) throws(TemplateError) {
        // Nodes always render with their own template as `source`.
        sourceRef._withUnsafeGuaranteedRef { text in
            text.bytes.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
        }
        try checkOutputSize()
    }

    private func renderOutput(_ expr: Expr, at: Int) throws(TemplateError) {
        statementOffset = at
        // `{{ macro(...) }}` renders the macro straight into the output: the same bytes,
        // without building the string the call returns and copying it in.
        if case .call(.name(let name, _), let args, _) = expr,
           case .object(let object) = lookup(name), let macro = object as? Macro {
            do {
                try renderMacro(macro, try evalArguments(args))
            } catch {
                throw error.located(at: expressionOffset(expr), in: source)
            }
            try checkOutputSize()
            return
        }
        let value = try eval(expr)
        if case .undefined(let message) = value {
            if strict && !message.isEmpty {
                throw source.error(.undefined, message, at: expressionOffset(expr))
            }
            return
        }
        value.writeString(into: &output)
        try checkOutputSize()
    }

    private func renderNode(_ node: Node) throws(TemplateError) {
        switch node {
        case .text(let range):
            try renderText(range)
        case .output(let expr, let at):
            try renderOutput(expr, at: at)
        case .ifChain(let branches, let otherwise):
            for branch in branches where try truthy(try eval(branch.condition), branch.condition) {
                try renderNodes(branch.body)
                return
            }
            try renderNodes(otherwise)
        case .forLoop(let loop):
            statementOffset = loop.at
            try renderFor(loop)
        case .set(let target, let expr, let at):
            statementOffset = at
            try assign(target, try eval(expr))
        case .setBlock(let target, let body, let filters, let at):
            var value = Value.string(try capture(body))
            statementOffset = at
            value = try applyFilters(filters, to: value)
            try assign(target, value)
        case .macro(let definition):
            scope.set(definition.name, .object(Macro(definition: definition, closure: scope, source: source)))
        case .callBlock(let call, let callerDefinition, let at):
            statementOffset = at
            guard case .call(let callee, let args, let callAt) = call else { return }
            let caller = Macro(definition: callerDefinition, closure: scope, source: source)
            let result: Value
            do {
                let function = try eval(callee)
                // Jinja passes the block as the keyword argument `caller`: a macro that reads
                // `caller` takes it, one with `kwargs` finds it there, any other callee refuses it.
                var arguments = try evalArguments(args)
                arguments.keywords.append((name: "caller", value: .object(caller)))
                result = try callValue(function, arguments)
            } catch {
                throw error.located(at: callAt, in: source)
            }
            try writeValue(result, at: at)
        case .filterBlock(let body, let filters, let at):
            let text = try capture(body)
            statementOffset = at
            try writeValue(try applyFilters(filters, to: .string(text)), at: at)
        case .with(let assignments, let body):
            let values = try assignments.map { (a) throws(TemplateError) in try eval(a.value) }
            let outer = scope
            scope = Scope(parent: outer)
            for (a, v) in zip(assignments, values) { try assign(a.target, v) }
            defer { scope = outer }
            try renderNodes(body)
        case .include(let nameExpr, let ignoreMissing, let withContext, let at):
            statementOffset = at
            try include(nameExpr, ignoreMissing: ignoreMissing, withContext: withContext, at: at)
        case .importModule(let nameExpr, let alias, let withContext, let at):
            statementOffset = at
            scope.set(alias, .object(try importModule(nameExpr, withContext: withContext, at: at)))
        case .fromImport(let nameExpr, let names, let withContext, let at):
            statementOffset = at
            let module = try importModule(nameExpr, withContext: withContext, at: at)
            for (name, alias, _) in names {
                scope.set(alias, module.exports[name]
                    ?? .undefined("the template '\(module.name)' does not export the requested name '\(name)'"))
            }
        }
    }

    private func writeValue(_ value: Value, at: Int) throws(TemplateError) {
        if case .undefined(let message) = value {
            if strict && !message.isEmpty { throw source.error(.undefined, message, at: at) }
            return
        }
        value.writeString(into: &output)
        try checkOutputSize()
    }

    /// Renders `nodes` into a separate buffer and returns it.
    func capture(_ nodes: [Node]) throws(TemplateError) -> String {
        let saved = output
        output = []
        defer { output = saved }
        try renderNodes(nodes)
        return String(decoding: output, as: UTF8.self)
    }

    func applyFilters(_ filters: [FilterCall], to input: Value) throws(TemplateError) -> Value {
        var value = input
        for filter in filters {
            do {
                value = try filter.function(self, value, try evalArguments(filter.arguments))
            } catch {
                throw error.located(at: filter.at, in: source)
            }
        }
        return value
    }

    private func renderFor(_ loop: ForLoop) throws(TemplateError) {
        let iterable = try eval(loop.iterable)
        var items: [Value]
        do { items = try iterate(iterable) } catch { throw error.located(at: expressionOffset(loop.iterable), in: source) }
        let outer = scope
        defer { scope = outer }
        // One scope per loop, emptied each iteration: a `set` in the body never outlives its
        // iteration (as in Jinja) and no scope is allocated per item.
        let iterationScope = Scope(parent: outer, capacity: 4)  // loop, the target, a few sets
        scope = iterationScope
        if let condition = loop.condition {
            var kept: [Value] = []
            for item in items {
                iterationScope.reset()
                try assign(loop.target, item)
                if try truthy(try eval(condition), condition) { kept.append(item) }
            }
            items = kept
            iterationScope.reset()  // `beginIteration` expects `loop` to be the first binding
        }
        if items.isEmpty {
            scope = outer
            try renderNodes(loop.otherwise)
            return
        }
        let loopObject = LoopObject(items: items)
        let loopValue = Value.object(loopObject)
        for (i, item) in items.enumerated() {
            loopIterations += 1
            if loopIterations > limits.maxLoopIterations {
                throw source.error(.limit, "too many loop iterations (limit \(limits.maxLoopIterations))", at: loop.at)
            }
            loopObject.index0 = i
            iterationScope.beginIteration(loop: loopValue)
            if case .name(let name, _) = loop.target {
                iterationScope.set(name, item)
            } else {
                try assign(loop.target, item)
            }
            try renderNodes(loop.body)
            scope = iterationScope
        }
    }

    func assign(_ target: AssignTarget, _ value: Value) throws(TemplateError) {
        switch target {
        case .name(let name, _):
            scope.set(name, value)
        case .tuple(let targets, let at):
            let items: [Value]
            do { items = try iterate(value) } catch { throw error.located(at: at, in: source) }
            guard items.count == targets.count else {
                let message = items.count > targets.count
                    ? "too many values to unpack (expected \(targets.count))"
                    : "not enough values to unpack (expected \(targets.count), got \(items.count))"
                throw source.error(.value, message, at: at)
            }
            for (t, v) in zip(targets, items) { try assign(t, v) }
        case .namespaceAttribute(let name, let attribute, let at):
            guard case .object(let object)? = scope.lookup(name), let namespace = object as? NamespaceObject else {
                throw source.error(.type, "cannot assign attribute on non-namespace object '\(name)'", at: at)
            }
            namespace.attributes[attribute] = value
        }
    }

    // MARK: Includes and imports

    private func loadTemplate(_ name: String, at: Int) throws(TemplateError) -> Template? {
        if let cached = templateCache[name] { return cached }
        guard let loader = environment.loader else {
            throw source.error(.include, "cannot load template '\(name)': no loader is configured", at: at)
        }
        let text: String?
        do { text = try loader.loadTemplate(named: name) } catch { throw error.located(at: at, in: source) }
        guard let text else { return nil }
        let template = try environment.parse(text, name: name)
        templateCache[name] = template
        return template
    }

    private func templateNames(_ value: Value, at: Int) throws(TemplateError) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .list(let items), .tuple(let items):
            return try items.map { (item) throws(TemplateError) in
                guard case .string(let s) = item else { throw source.error(.type, "template names must be strings", at: at) }
                return s
            }
        case .undefined(let message): throw source.error(.undefined, message.isEmpty ? "template name is undefined" : message, at: at)
        default: throw source.error(.type, "template name must be a string, not '\(value.typeName)'", at: at)
        }
    }

    private func enterNested(at: Int) throws(TemplateError) {
        calls += 1
        if calls > limits.maxCalls {
            throw source.error(.limit, "too many macro calls and includes (limit \(limits.maxCalls))", at: at)
        }
        depth += 1
        if depth > limits.maxRecursionDepth || stack.isExhausted(depth: depth) {
            throw source.error(.limit, "maximum recursion depth exceeded (limit \(limits.maxRecursionDepth))", at: at)
        }
    }

    private func include(_ nameExpr: Expr, ignoreMissing: Bool, withContext: Bool, at: Int) throws(TemplateError) {
        let names = try templateNames(try eval(nameExpr), at: at)
        for name in names {
            guard let template = try loadTemplate(name, at: at) else { continue }
            try enterNested(at: at)
            let (savedScope, savedSource) = (scope, source)
            scope = Scope(parent: withContext ? scope : nil)
            source = template.source
            defer { scope = savedScope; source = savedSource; depth -= 1 }
            do { try renderNodes(template.nodes) } catch {
                throw error.included(from: savedSource.location(at), template: template.name)
            }
            return
        }
        if !ignoreMissing {
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            throw source.error(.include, names.count == 1 ? "template \(list) not found" : "none of the templates \(list) found", at: at)
        }
    }

    private func importModule(_ nameExpr: Expr, withContext: Bool, at: Int) throws(TemplateError) -> ModuleObject {
        let names = try templateNames(try eval(nameExpr), at: at)
        guard let name = names.first, let template = try loadTemplate(name, at: at) else {
            throw source.error(.include, "template '\(names.first ?? "")' not found", at: at)
        }
        try enterNested(at: at)
        let (savedScope, savedSource, savedOutput) = (scope, source, output)
        let moduleScope = Scope(parent: withContext ? contextScope : nil)
        scope = moduleScope
        source = template.source
        output = []
        defer { scope = savedScope; source = savedSource; output = savedOutput; depth -= 1 }
        try renderNodes(template.nodes)
        return ModuleObject(name: name, exports: moduleScope.vars.filter { !$0.key.hasPrefix("_") })
    }

    // MARK: Macros and calls

    func callValue(_ function: Value, _ args: CallArguments) throws(TemplateError) -> Value {
        switch function {
        case .object(let object):
            if let macro = object as? Macro { return try callMacro(macro, args) }
            if let builtin = object as? BuiltinFunction { return try builtin.function(self, args) }
            if let method = object as? BoundMethod {
                if let result = try Methods.call(method.receiver, method.name, args, self) { return result }
            }
            if let joiner = object as? JoinerObject {
                if !joiner.used { joiner.used = true; return .string("") }
                return .string(joiner.separator)
            }
            throw TemplateError(.type, "'\(object.displayName)' object is not callable")
        case .undefined(let message):
            throw TemplateError(.undefined, message.isEmpty ? "undefined value is not callable" : message)
        default:
            throw TemplateError(.type, "'\(function.typeName)' object is not callable")
        }
    }

    /// Calls a macro: its output, as a string.
    func callMacro(_ macro: Macro, _ args: CallArguments) throws(TemplateError) -> Value {
        let saved = output
        output = []
        output.reserveCapacity(256)  // one allocation for a typical macro's text, not a series of regrowths
        defer { output = saved }
        try renderMacro(macro, args)
        return .string(String(decoding: output, as: UTF8.self))
    }

    /// Binds a macro call's arguments and renders its body into the current output.
    func renderMacro(_ macro: Macro, _ args: CallArguments) throws(TemplateError) {
        let definition = macro.definition
        let parameters = definition.parameters
        if args.positional.count > parameters.count && !definition.usesVarargs {
            throw TemplateError(.type, "macro '\(definition.name)' takes not more than \(parameters.count) argument(s)")
        }
        try enterNested(at: statementOffset)
        let callScope = Scope(parent: macro.closure, capacity: parameters.count + 1)
        let (savedScope, savedSource) = (scope, source)
        scope = callScope
        source = macro.source
        defer { scope = savedScope; source = savedSource; depth -= 1 }

        var kwargs = ValueDict()
        var callerValue: Value?
        for (name, value) in args.keywords {
            if let i = parameters.firstIndex(where: { $0.name == name }) {
                if i < args.positional.count {
                    throw TemplateError(.type, "macro '\(definition.name)' got multiple values for argument '\(name)'")
                }
            } else if name == "caller" && definition.usesCaller {
                callerValue = value
            } else if definition.usesKwargs {
                kwargs[name] = value
            } else {
                throw TemplateError(.type, "macro '\(definition.name)' takes no keyword argument '\(name)'")
            }
        }
        for (i, parameter) in parameters.enumerated() {
            let value: Value
            if i < args.positional.count {
                value = args.positional[i]
            } else if let kw = args.keywords.first(where: { $0.name == parameter.name }) {
                value = kw.value
            } else if let defaultValue = parameter.defaultValue {
                value = try eval(defaultValue)
            } else {
                value = .undefined("parameter '\(parameter.name)' was not provided")
            }
            callScope.set(parameter.name, value)
        }
        if definition.usesVarargs {
            callScope.set("varargs", .tuple(Array(args.positional.dropFirst(parameters.count))))
        }
        if definition.usesKwargs { callScope.set("kwargs", .dict(kwargs)) }
        if definition.usesCaller {
            callScope.set("caller", callerValue ?? .undefined("no caller defined"))
        }
        try renderNodes(definition.body)
    }

    // MARK: Conversions that enforce strict undefined

    func undefinedError(_ message: String) -> TemplateError {
        TemplateError(.undefined, message.isEmpty ? "value is undefined" : message)
    }

    /// Python's `bool(v)`; strict undefined is an error.
    func truthy(_ value: Value) throws(TemplateError) -> Bool {
        if case .undefined(let message) = value, strict, !message.isEmpty { throw undefinedError(message) }
        return value.isTruthy
    }

    func truthy(_ value: Value, _ expr: Expr) throws(TemplateError) -> Bool {
        do { return try truthy(value) } catch { throw error.located(at: expressionOffset(expr), in: source) }
    }

    /// Python's `str(v)`; strict undefined is an error, lenient undefined is "".
    func string(_ value: Value) throws(TemplateError) -> String {
        switch value {
        case .string(let s): return s
        case .undefined(let message):
            if strict && !message.isEmpty { throw undefinedError(message) }
            return ""
        default: return value.pythonString
        }
    }

    /// Python's `list(v)`: lists and tuples as they are, dict keys, string characters.
    func iterate(_ value: Value) throws(TemplateError) -> [Value] {
        switch value {
        case .list(let items), .tuple(let items): return items
        case .dict(let d): return d.keys
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .undefined(let message):
            if strict && !message.isEmpty { throw undefinedError(message) }
            return []
        case .object(let o):
            if let ns = o as? NamespaceObject { return ns.attributes.keys }
            throw TemplateError(.type, "'\(o.displayName)' object is not iterable")
        default:
            throw TemplateError(.type, "'\(value.typeName)' object is not iterable")
        }
    }

    /// Rejects undefined values where Jinja2 raises even for its lenient `Undefined` (arithmetic,
    /// attribute access, calls).
    func defined(_ value: Value) throws(TemplateError) -> Value {
        if case .undefined(let message) = value { throw undefinedError(message) }
        return value
    }
}
