import TemplateLanguage

/// Template strings and expressions inside manifests (parameter defaults like `"{{ name }}-db"`,
/// `when:` conditions, CI steps), evaluated with the golden path's undefined policy.
public struct ExpressionEngine: Sendable {
    let environment: Environment

    public init(undefined: UndefinedBehavior) {
        environment = Environment(options: TemplateOptions(undefined: undefined))
    }

    public func renderString(_ source: String, _ context: ValueDict) throws -> String {
        try environment.renderString(source, name: "<manifest>", context: context)
    }

    public func evaluateCondition(_ source: String, _ context: ValueDict) throws -> Bool {
        try environment.evaluate(try environment.compileExpression(source, name: "<when>"), context: context).isTruthy
    }
}
