/// The entry point: holds options and the loader; parses templates and renders them.
/// Parse once, render many times: `Template` is immutable and Sendable.
public struct Environment: Sendable {
    public let options: TemplateOptions
    public let loader: (any TemplateLoader)?

    public init(options: TemplateOptions = TemplateOptions(), loader: (any TemplateLoader)? = nil) {
        self.options = options
        self.loader = loader
    }

    /// Lexes and parses `source`. Syntax errors, unknown filters and unknown tests are reported here.
    public func parse(_ source: String, name: String) throws(TemplateError) -> Template {
        let text = SourceText(name: name, source: source)
        let tokens = try Lexer.tokenize(text, options: options)
        var parser = Parser(tokens: tokens, source: text, limits: options.limits, nowTag: options.extensions != nil)
        return Template(name: name, source: text, nodes: try parser.parseTemplate())
    }

    public func render(_ template: Template, context: ValueDict) throws(TemplateError) -> String {
        let interpreter = Interpreter(environment: self, context: context, source: template.source)
        return try interpreter.render(template.nodes)
    }

    public func renderString(_ source: String, name: String, context: ValueDict) throws(TemplateError) -> String {
        try render(try parse(source, name: name), context: context)
    }

    /// Compiles a bare expression (what goes between `{{` and `}}`), e.g. a `when:` condition.
    public func compileExpression(_ source: String, name: String) throws(TemplateError) -> Expression {
        let text = SourceText(name: name, source: source)
        let tokens = try Lexer.tokenizeExpression(text)
        var parser = Parser(tokens: tokens, source: text, limits: options.limits)
        return Expression(source: text, expr: try parser.parseStandaloneExpression())
    }

    /// Evaluates a compiled expression. A strict undefined result is an error.
    public func evaluate(_ expression: Expression, context: ValueDict) throws(TemplateError) -> Value {
        let interpreter = Interpreter(environment: self, context: context, source: expression.source)
        let value = try interpreter.eval(expression.expr)
        if case .undefined(let message) = value, options.undefined == .strict, !message.isEmpty {
            throw expression.source.error(.undefined, message, at: interpreter.expressionOffset(expression.expr))
        }
        return value
    }
}

/// A parsed template.
public struct Template: Sendable {
    public let name: String
    let source: SourceText
    let nodes: [Node]

    /// Every name the template reads from its context (not bound inside it by set, for,
    /// macro parameters, imports or with), in source order, with locations and attribute paths.
    public var referencedNames: [NameReference] { NameCollector.references(in: nodes, source: source) }

    /// The templates this one includes or imports by name, and the names it binds for them.
    public var links: TemplateLinks { NameCollector.links(in: nodes, source: source) }

    /// `referencedNames` with the conditions each read sits under.
    public var guardedReferences: [GuardedReference] { NameCollector.guardedReferences(in: nodes, source: source) }
}

/// A compiled standalone expression.
public struct Expression: Sendable {
    let source: SourceText
    let expr: Expr

    /// The context names the expression reads, as `Template.referencedNames`.
    public var referencedNames: [NameReference] { NameCollector.references(in: expr, source: source) }
}
