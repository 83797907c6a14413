/// Supplies the sources of included and imported templates. The caller decides what is
/// reachable (a golden path's own folder), which is how the sandbox keeps templates from
/// reading arbitrary files.
public protocol TemplateLoader: Sendable {
    /// The source of `name`, or nil when there is no such template (reported at the include site).
    func loadTemplate(named name: String) throws(TemplateError) -> String?
}

/// A loader over an in-memory map of names to sources (tests, previews).
public struct DictionaryLoader: TemplateLoader {
    public let templates: [String: String]

    public init(_ templates: [String: String]) { self.templates = templates }

    public func loadTemplate(named name: String) throws(TemplateError) -> String? { templates[name] }
}
