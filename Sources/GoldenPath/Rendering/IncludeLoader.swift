import TemplateLanguage

/// Serves `{% include %}` and `{% import %}` from the golden path's own template folder,
/// already in memory: names are relative to `template/`, and nothing outside it can be named.
/// Names are looked up under each of `roots` in turn (cookiecutter: its project folder, then `templates/`).
struct IncludeLoader: TemplateLoader {
    let source: TemplateSource
    var roots = [""]

    func loadTemplate(named name: String) throws(TemplateError) -> String? {
        guard let path = TemplateSource.includePath(name) else { return nil }
        for root in roots {
            if let entry = source[root.isEmpty ? path : root + "/" + path], entry.mode != .symlink {
                return String(validating: entry.bytes, as: UTF8.self)
            }
        }
        return nil
    }
}
