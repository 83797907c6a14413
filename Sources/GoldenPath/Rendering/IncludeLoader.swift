import TemplateLanguage

/// Serves `{% include %}` and `{% import %}` from the golden path's own template folder,
/// already in memory: names are relative to `template/`, and nothing outside it can be named.
struct IncludeLoader: TemplateLoader {
    let source: TemplateSource

    func loadTemplate(named name: String) throws(TemplateError) -> String? {
        guard let path = TemplateSource.includePath(name), let entry = source[path], entry.mode != .symlink else { return nil }
        return String(validating: entry.bytes, as: UTF8.self)
    }
}
