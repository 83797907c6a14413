import Foundation
import TemplateLanguage
import YAMLKit

/// A cookiecutter template as a golden path version: `cookiecutter.json` and one
/// `{{cookiecutter.x}}` folder whose contents are the service, read as cookiecutter 2 reads them.
///
/// The variables become parameters (strings, choices, booleans; dicts and private `_`/`__` keys
/// are values the templates see but nobody is asked for), and `CookiecutterValues` builds the
/// `cookiecutter` namespace with cookiecutter's own order and rules.
public struct CookiecutterTemplate: Sendable {
    public static let configName = "cookiecutter.json"

    /// One top-level key of `cookiecutter.json`, in file order (`__prompts__` taken out).
    struct Variable: Sendable {
        enum Kind: Sendable {
            /// `_name`: passed to templates as written, never rendered or asked.
            case privateRaw
            /// `__name`: rendered over the earlier variables, never asked.
            case privateRendered
            case string, boolean, choice, dict
        }
        var key: String
        var kind: Kind
        var node: YAMLNode
    }

    let variables: [Variable]
    /// `hooks/pre_gen_project.*` and `hooks/post_gen_project.*`, by file name.
    let hooks: [(phase: TemplateCode.Phase, file: String)]
    /// The unrendered name of the project folder (`{{cookiecutter.project_slug}}`).
    public let projectFolder: String
    let file: String

    public static func isTemplate(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/" + configName)
    }

    /// Reads `cookiecutter.json` and finds the project folder. What scaffold does not run is an
    /// error here, at its place: hooks, extensions other than cookiecutter's own, nested templates.
    public static func load(directory: String, name: String, version: SemanticVersion) throws(GoldenPathError) -> (CookiecutterTemplate, Manifest) {
        let file = directory + "/" + configName
        let text = try Catalog.readText(file)
        try refuseInvalidJSON(text, file: file)
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: file) } catch { throw GoldenPathError(error) }
        try ValuesFile.refuseOversizedIntegers(in: node, file: file)
        guard let pairs = node.mapping else {
            throw GoldenPathError(file: file, mark: node.mark, message: "expected a JSON object of variables, got \(node.kindDescription)")
        }
        var variables: [Variable] = []
        var prompts: [String: String] = [:]
        var options = TemplateOptions(extensions: ToolExtensions(clock: 0, seed: 0))
        var copyUnrendered: [String] = []
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            let value = pair.value
            switch key {
            case "__prompts__":
                for prompt in value.mapping ?? [] {
                    // A choice's prompt may be a mapping with `__prompt__` and labels for the options.
                    let text = prompt.value.scalar?.value ?? prompt.value["__prompt__"]?.scalar?.value
                    if let name = prompt.key.scalar?.value, let text { prompts[name] = text }
                }
                continue
            case "template", "templates":
                throw GoldenPathError(file: file, mark: pair.key.mark, keyPath: key,
                                      message: "nested cookiecutter templates are not supported: put each template in the catalog as its own golden path")
            case "_extensions":
                for item in value.sequence ?? [] {
                    let name = item.scalar?.value ?? ""
                    guard builtInExtensions.contains(name) else {
                        throw GoldenPathError(file: file, mark: item.mark, keyPath: key,
                                              message: "extension '\(name)' is Python code from the template, which scaffold does not run; "
                                                + "built in are " + builtInExtensions.sorted().joined(separator: ", "))
                    }
                }
            case "_copy_without_render":
                copyUnrendered = (value.sequence ?? []).compactMap { $0.scalar?.value }
            case "_jinja2_env_vars":
                try options.apply(jinjaSettings: value, file: file, key: key, undefinedChoice: false)
            case "_new_lines":
                throw GoldenPathError(file: file, mark: pair.key.mark, keyPath: key, message: "_new_lines is not supported yet")
            default:
                break
            }
            variables.append(Variable(key: key, kind: kind(of: key, value), node: value))
        }

        // Hooks are code: kept, rendered with each service, run only with --trust. `pre_prompt`
        // rewrites the template before it is read, which scaffold does not do at all.
        var hooks: [(phase: TemplateCode.Phase, file: String)] = []
        let hooksFolder = directory + "/hooks"
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: hooksFolder)) ?? []).sorted() where !name.hasSuffix("~") {
            switch (name as NSString).deletingPathExtension {
            case "pre_prompt":
                throw GoldenPathError(file: hooksFolder + "/" + name, message: "the pre_prompt hook changes the template before it is read, "
                                      + "which scaffold does not support; do its work in the template")
            case "pre_gen_project": hooks.append((.beforeFiles, name))
            case "post_gen_project": hooks.append((.afterFiles, name))
            default: break
            }
        }

        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().filter { name in
            name.contains("cookiecutter") && name.contains("{{") && name.contains("}}") && CatalogLocator.isDirectory(directory + "/" + name)
        }
        guard let projectFolder = folders.first else {
            throw GoldenPathError(file: directory, message: "no project folder: a cookiecutter template has one folder named like {{cookiecutter.project_slug}}")
        }

        var parameters: [Parameter] = []
        for v in variables {
            let type: ParameterType
            var choices: [String]?
            switch v.kind {
            case .string: type = .string
            case .boolean: type = .boolean
            case .choice:
                type = .choice
                choices = (v.node.sequence ?? []).map { $0.scalar.map { Value(yaml: YAMLNode(.scalar($0))).pythonString } ?? "" }
            case .privateRaw, .privateRendered, .dict: continue
            }
            parameters.append(Parameter(name: v.key, type: type, description: prompts[v.key], defaultNode: v.node, choices: choices,
                                        mark: v.node.mark, keyPath: v.key))
        }
        var rules = Manifest.FileRules()
        rules.root = projectFolder
        rules.copyUnrendered = copyUnrendered
        rules.includeRoots = [projectFolder, "templates"]
        rules.keepsTemplateNewlines = true
        let manifest = Manifest(
            file: file,
            metadata: .init(name: name, version: version, description: nil, owner: nil, tags: [], changelog: nil),
            spec: .init(language: nil, framework: nil, labels: [], parameters: parameters, defaults: nil, cicd: nil, files: rules,
                        templateOptions: options, nextSteps: [], migrations: []))
        return (CookiecutterTemplate(variables: variables, hooks: hooks, projectFolder: projectFolder, file: file), manifest)
    }

    /// cookiecutter 2's default extensions, always on (`_extensions` may name them again).
    static let builtInExtensions: Set<String> = [
        "cookiecutter.extensions.JsonifyExtension", "cookiecutter.extensions.RandomStringExtension",
        "cookiecutter.extensions.SlugifyExtension", "cookiecutter.extensions.TimeExtension",
        "cookiecutter.extensions.UUIDExtension", "jinja2_time.TimeExtension",
    ]

    /// The hooks, each script rendered with the service's context as cookiecutter renders them.
    func code(context: ValueDict, environment: Environment, directory: String) throws(GoldenPathError) -> [TemplateCode] {
        var code: [TemplateCode] = []
        for hook in hooks {
            let path = directory + "/hooks/" + hook.file
            let text = try Catalog.readText(path)
            let rendered: String
            do throws(TemplateError) { rendered = try environment.renderString(text, name: path, context: context) }
            catch { throw GoldenPathError(templateError: error) }
            code.append(TemplateCode(phase: hook.phase, command: .script(fileExtension: (hook.file as NSString).pathExtension, text: rendered),
                                     workingDirectory: "", environment: [:], origin: "hooks/" + hook.file))
        }
        return code
    }

    /// cookiecutter reads the file as JSON, which YAML (scaffold's reader) would extend: what is
    /// not JSON (`"key": }`, comments, single quotes) is refused where JSON's reader stopped.
    private static func refuseInvalidJSON(_ text: String, file: String) throws(GoldenPathError) {
        do { _ = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "not valid JSON"
            var line = 1, column = 1
            if let range = detail.range(of: #"character \d+"#, options: .regularExpression),
               let at = Int(detail[range].dropFirst("character ".count)) {
                for c in text.unicodeScalars.prefix(at) {
                    if c == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            throw GoldenPathError(file: file, line: line, column: column,
                                  message: "not valid JSON, as cookiecutter requires: " + detail.replacingOccurrences(of: " around character \\d+", with: "", options: .regularExpression))
        }
    }

    private static func kind(of key: String, _ node: YAMLNode) -> Variable.Kind {
        if key.hasPrefix("__") { return .privateRendered }
        if key.hasPrefix("_") { return .privateRaw }
        if node.sequence != nil { return .choice }
        if node.mapping != nil { return .dict }
        if case .bool? = node.scalar?.resolved { return .boolean }
        return .string
    }
}
