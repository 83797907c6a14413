import TemplateLanguage

/// A file path whose folder and file names are templates (`cmd/{{ name }}/main.go`).
///
/// Each name renders on its own, as cookiecutter does, so a name that renders empty skips the file
/// (`{% if database == 'postgres' %}migrations{% endif %}/001.sql`) and a name that renders to an
/// absolute path is an error rather than a silent skip. A tag that spans a slash
/// (`{% if ci %}.github/workflows/ci.yaml{% endif %}`) cannot be split, so such a path renders whole.
struct PathTemplate: Sendable {
    private enum Form: Sendable {
        case literal(String)
        case segments([Segment])
        case whole(Template)
    }

    private enum Segment: Sendable {
        case literal(String)
        case template(Template)
    }

    private let form: Form

    init(_ path: String, name: String, environment: Environment) throws(TemplateError) {
        guard path.contains("{") else { form = .literal(path); return }
        var segments: [Segment] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            guard part.contains("{") else { segments.append(.literal(part)); continue }
            guard let template = try? environment.parse(part, name: name) else {
                form = .whole(try environment.parse(path, name: name))
                return
            }
            segments.append(.template(template))
        }
        form = .segments(segments)
    }

    /// The rendered path, or nil when a name rendered empty. Not yet checked (see `PathCheck`).
    func render(_ environment: Environment, _ context: ValueDict) throws(TemplateError) -> String? {
        switch form {
        case .literal(let path):
            return path
        case .whole(let template):
            let path = try environment.render(template, context: context)
            // An empty name skips the file, but a path that renders absolute is an error (PathCheck).
            if path.hasPrefix("/") { return path }
            return path.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) ? nil : path
        case .segments(let segments):
            var parts: [String] = []
            for segment in segments {
                switch segment {
                case .literal(let text): parts.append(text)
                case .template(let template):
                    let text = try environment.render(template, context: context)
                    if text.isEmpty { return nil }
                    parts.append(text)
                }
            }
            return parts.joined(separator: "/")
        }
    }
}
