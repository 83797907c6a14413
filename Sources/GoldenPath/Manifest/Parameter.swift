import YAMLKit

public enum ParameterType: String, Sendable, CaseIterable {
    case string, integer, number, boolean, choice, multichoice, list
}

/// One question a golden path asks, as declared under `spec.parameters`.
public struct Parameter: Sendable {
    public var name: String
    public var description: String?
    public var type: ParameterType
    /// The default as written; a string containing `{{` or `{%` is a template over earlier answers.
    public var defaultNode: YAMLNode?
    public var required: Bool
    public var choices: [String]?
    /// A regular expression the whole string must match.
    public var pattern: String?
    public var min: Double?
    public var max: Double?
    /// String length in characters, or item count for lists.
    public var minLength: Int?
    public var maxLength: Int?
    public var format: ParameterFormat?
    /// An expression over earlier answers; when false the parameter is absent.
    public var when: String?
    /// Resolved once, at creation, and recorded as an answer: later versions never re-resolve
    /// it (identity-like values such as a Go module path must not move under a team's feet).
    public var sticky = false
    /// Where the parameter is declared, for errors.
    public var mark: Mark
    /// `spec.parameters[N]`.
    public var keyPath: String

    public init(name: String, type: ParameterType, description: String? = nil, defaultNode: YAMLNode? = nil,
                required: Bool = false, choices: [String]? = nil, pattern: String? = nil, min: Double? = nil,
                max: Double? = nil, minLength: Int? = nil, maxLength: Int? = nil, format: ParameterFormat? = nil,
                when: String? = nil, mark: Mark = .none, keyPath: String = "") {
        self.name = name
        self.type = type
        self.description = description
        self.defaultNode = defaultNode
        self.required = required
        self.choices = choices
        self.pattern = pattern
        self.min = min
        self.max = max
        self.minLength = minLength
        self.maxLength = maxLength
        self.format = format
        self.when = when
        self.mark = mark
        self.keyPath = keyPath
    }

    /// The default's template text, when the default is a template rather than a literal.
    public var templatedDefault: String? {
        guard let scalar = defaultNode?.scalar, case .string(let text) = scalar.resolved,
              text.contains("{{") || text.contains("{%") else { return nil }
        return text
    }
}
