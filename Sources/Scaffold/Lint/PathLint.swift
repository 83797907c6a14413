import TemplateLanguage

/// Checks one template file's name, which is itself a template (`cmd/{{ name }}/main.go`),
/// without answers: it must parse, and the parts that do not depend on answers must not make
/// the path absolute, climb out with `..`, or land in `.git/` (each would fail every render).
struct PathLint {
    let path: String
    let file: String
    let environment: Environment
    private(set) var findings: [LintFinding] = []
    /// The names the path reads.
    private(set) var references: [NameReference] = []

    init(path: String, file: String, environment: Environment) {
        self.path = path
        self.file = file
        self.environment = environment
    }

    mutating func run() {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard path.contains("{") else {
            for segment in segments { checkRendered(segment, first: false) }
            return
        }
        // Each name is parsed on its own, as rendering does; a tag spanning a slash makes the path one template.
        var templates: [(segment: Int?, template: Template)] = []
        for (i, segment) in segments.enumerated() where segment.contains("{") {
            guard let template = try? environment.parse(segment, name: file) else {
                templates = []
                do throws(TemplateError) {
                    templates = [(nil, try environment.parse(path, name: file))]
                } catch {
                    add("file name: \(error.message)")
                    return
                }
                break
            }
            templates.append((i, template))
        }
        let probe = Environment(options: TemplateOptions(undefined: .lenient))
        for (segment, template) in templates {
            references += template.referencedNames
            // Rendered with no answers: only what every render produces is checked.
            guard let rendered = try? probe.render(template, context: ValueDict()) else { continue }
            if let segment {
                checkRendered(rendered, first: segment == 0)
            } else {
                // A leading slash here means the first name rendered empty: the file is skipped, not absolute.
                for part in rendered.split(separator: "/") { checkRendered(String(part), first: false) }
            }
        }
        for (i, segment) in segments.enumerated() where !segment.contains("{") { checkRendered(segment, first: i == 0) }
    }

    private mutating func checkRendered(_ name: String, first: Bool) {
        if first, name.hasPrefix("/") {
            add("file name renders an absolute path ('\(name)') whatever the answers")
        }
        if name == ".." || name == "." {
            add("file name renders a '\(name)' folder whatever the answers")
        } else if name.lowercased() == ".git" {
            add("file name lands in a .git folder, which scaffold never writes")
        }
    }

    private mutating func add(_ message: String) {
        findings.append(LintFinding(file: file, line: 1, column: 1, message: message))
    }

    /// A stand-in for the rendered path, for "does this glob match anything": each `{{ ... }}`
    /// becomes `x` and each `{% ... %}` tag disappears (`cmd/{{ name }}/main.go` gives `cmd/x/main.go`).
    static func probe(_ path: String) -> String {
        var result = ""
        var rest = Substring(path)
        while let open = rest.firstRange(of: "{") {
            result += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            if after.hasPrefix("{"), let close = after.firstRange(of: "}}") {
                result += "x"
                rest = after[close.upperBound...]
            } else if after.hasPrefix("%"), let close = after.firstRange(of: "%}") {
                rest = after[close.upperBound...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }
}
