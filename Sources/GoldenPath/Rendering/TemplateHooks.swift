import TemplateLanguage

/// Renders a template string against a context. Injected so that manifest and value handling do not
/// depend on the template engine's construction (the lead wires TemplateLanguage in).
public typealias RenderString = (String, ValueDict) throws -> String

/// Evaluates a template expression (a parameter's `when`) to its truthiness.
public typealias EvaluateCondition = (String, ValueDict) throws -> Bool
