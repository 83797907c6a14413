import Foundation
import TemplateLanguage
import YAMLKit

/// A copier template as a golden path version: `copier.yml` (questions and `_` settings) and the
/// files of the template root (or `_subdirectory`), read as copier 9 reads them: paths rendered part
/// by part, files ending in `_templates_suffix` rendered (and losing it), the others copied,
/// `_exclude` as gitignore patterns over the rendered paths.
public struct CopierTemplate: Sendable {
    public static let configNames = ["copier.yml", "copier.yaml"]

    /// One question, as declared. Templated fields stay text; `CopierValues` renders them in order.
    struct Question: Sendable {
        var name: String
        /// The declared type (`str`, `int`, `float`, `bool`, `json`, `yaml`); nil: from the default.
        var type: String?
        var defaultNode: YAMLNode?
        var choices: YAMLNode?
        var multiselect = false
        var when: YAMLNode?
        var validator: String?
        var secret = false
        var help: String?
        var mark: Mark
    }

    let questions: [Question]
    /// `_tasks`, as written.
    let tasks: [YAMLNode]
    /// Where a version exported from a template repository came from: copier's `_src_path` and
    /// `_commit`. Nil for a plain folder.
    let origin: ImportedTemplate.Origin?
    /// The answers file's path, a template (`_answers_file`, default `.copier-answers.yml`).
    let answersFile: String
    let file: String

    public static func configFile(in directory: String) -> String? {
        configNames.map { directory + "/" + $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// copier's default `_exclude` when the template has no `_subdirectory`.
    static let defaultExclude = ["copier.yaml", "copier.yml", "~*", "*.py[co]", "__pycache__", ".git", ".DS_Store", ".svn"]

    static let questionKeys: Set<String> = ["type", "default", "help", "choices", "multiselect", "when", "validator", "secret",
                                            "placeholder", "multiline", "qmark", "ask"]

    public static func load(directory: String, name: String, version: SemanticVersion) throws(GoldenPathError) -> (CopierTemplate, Manifest) {
        let configs = configNames.filter { FileManager.default.fileExists(atPath: directory + "/" + $0) }
        guard let first = configs.first else { throw GoldenPathError(file: directory, message: "no copier.yml") }
        let file = directory + "/" + first
        if configs.count > 1 {
            throw GoldenPathError(file: file, message: "both copier.yml and copier.yaml exist; copier refuses that too: keep one")
        }
        let pairs = try readConfig(file, directory: directory)

        var questions: [Question] = []
        // The recorded clock for `strftime` and jinja2_time's `{% now %}`.
        var options = TemplateOptions(undefined: .lenient, extensions: ToolExtensions(clock: 0, seed: 0))
        var rules = Manifest.FileRules()
        rules.suffix = ".jinja"
        rules.ignoreStyleExclude = true
        rules.siblingTemplateWins = true
        var exclude: [String]?
        var subdirectory = ""
        var answersFile = ".copier-answers.yml"
        var secretNames: Set<String> = []
        var tasks: [YAMLNode] = []
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            let value = pair.value
            func fail(_ message: String) -> GoldenPathError { GoldenPathError(file: file, mark: pair.key.mark, keyPath: key, message: message) }
            func strings() throws(GoldenPathError) -> [String] {
                guard let items = value.sequence else { throw fail("expected a list") }
                return items.compactMap { $0.scalar?.value }
            }
            guard key.hasPrefix("_") else {
                questions.append(try question(key, value, mark: pair.key.mark, file: file))
                continue
            }
            switch key {
            case "_subdirectory":
                subdirectory = value.scalar?.value ?? ""
                if subdirectory.contains("{") { throw fail("a templated _subdirectory is not supported") }
                subdirectory = TemplateSource.includePath(subdirectory) ?? ""
            case "_exclude": exclude = try strings()
            case "_skip_if_exists": break  // only matters when updating a project in place
            case "_templates_suffix": rules.suffix = value.scalar?.value ?? ""
            case "_answers_file": answersFile = value.scalar?.value ?? answersFile
            case "_secret_questions": secretNames = Set(try strings())
            case "_envops":
                try options.apply(jinjaSettings: value, file: file, key: key, undefinedChoice: true)
            case "_jinja_extensions":
                for item in value.sequence ?? [] {
                    let extensionName = item.scalar?.value ?? ""
                    switch extensionName {
                    case "jinja2_time.TimeExtension", "cookiecutter.extensions.TimeExtension":
                        break  // built in
                    case "jinja2_ansible_filters.AnsibleCoreFiltersExtension": break  // built in
                    default:
                        throw GoldenPathError(file: file, mark: item.mark, keyPath: key,
                                              message: "extension '\(extensionName)' is Python code scaffold does not run; built in are copier's "
                                                + "default filters (jinja2-ansible-filters) and jinja2_time.TimeExtension")
                    }
                }
            case "_tasks":
                guard let items = value.sequence else { throw fail("expected a list of tasks") }
                tasks = items  // code: rendered with each service, run only with --trust
            case "_migrations":
                guard value.sequence?.isEmpty ?? (value.mapping?.isEmpty ?? true) else {
                    throw fail("_migrations run commands while updating between versions, which scaffold does not do; "
                               + "scaffold's upgrades merge the versions' renders instead")
                }
            case "_external_data":
                throw fail("_external_data is not supported")
            case "_min_copier_version", "_preserve_symlinks", "_message_before_copy", "_message_after_copy",
                 "_message_before_update", "_message_after_update", "_skip_tasks":
                break
            default:
                throw fail(DidYouMean.unknownMessage("copier setting", key, among: [
                    "_subdirectory", "_exclude", "_skip_if_exists", "_templates_suffix", "_answers_file", "_secret_questions",
                    "_envops", "_jinja_extensions", "_tasks", "_migrations", "_min_copier_version", "_preserve_symlinks"]))
            }
        }
        for i in questions.indices where secretNames.contains(questions[i].name) { questions[i].secret = true }
        rules.root = subdirectory
        rules.exclude = (exclude ?? []) + (subdirectory.isEmpty ? defaultExclude : [])

        let parameters = questions.map { q in
            Parameter(name: q.name, type: q.multiselect ? .multichoice : .string, description: q.help, mark: q.mark, keyPath: q.name)
        }
        let manifest = Manifest(
            file: file,
            metadata: .init(name: name, version: version, description: nil, owner: nil, tags: [], changelog: nil),
            spec: .init(language: nil, framework: nil, labels: [], parameters: parameters, defaults: nil, cicd: nil, files: rules,
                        templateOptions: options, nextSteps: [], migrations: []))
        return (CopierTemplate(questions: questions, tasks: tasks, origin: ImportedTemplate.origin(of: directory), answersFile: answersFile,
                               file: file), manifest)
    }

    /// The tasks, rendered with the service's context as copier renders them: a string is a shell
    /// command, a list a program and its arguments, a mapping adds `when` and `working_directory`.
    func code(context: ValueDict, environment: Environment) throws(GoldenPathError) -> [TemplateCode] {
        var code: [TemplateCode] = []
        for (index, task) in tasks.enumerated() {
            let origin = "copier.yml _tasks[\(index)]"
            func render(_ text: String) throws(GoldenPathError) -> String {
                do throws(TemplateError) { return try environment.renderString(text, name: file, context: context) }
                catch { throw GoldenPathError(file: file, mark: task.mark, keyPath: "_tasks[\(index)]", message: "cannot render: \(error.message)") }
            }
            var command = task
            var folder = "."
            if task.mapping != nil {
                guard let given = task["command"] else {
                    throw GoldenPathError(file: file, mark: task.mark, keyPath: "_tasks[\(index)]", message: "a task given as a mapping needs 'command'")
                }
                command = given
                if let when = task["when"] {
                    let value = Value(yaml: when)
                    let active = if case .string(let text) = value { Self.castToBool(.string(try render(text))) } else { Self.castToBool(value) }
                    if !active { continue }
                }
                if let directory = task["working_directory"]?.scalar?.value { folder = try render(directory) }
            }
            let rendered: TemplateCode.Command
            if let items = command.sequence {
                var arguments: [String] = []
                for item in items { arguments.append(try render(item.scalar?.value ?? "")) }
                rendered = .arguments(arguments)
            } else {
                rendered = .shell(try render(command.scalar?.value ?? ""))
            }
            code.append(TemplateCode(phase: .afterFiles, command: rendered, workingDirectory: folder,
                                     environment: ["COPIER_OPERATION": "copy"], origin: origin))
        }
        return code
    }

    /// The config's top-level pairs: every document of the stream in order, `!include FILE`
    /// documents (globs allowed) read from the template folder, later keys winning.
    private static func readConfig(_ file: String, directory: String) throws(GoldenPathError) -> [YAMLPair] {
        let text = try Catalog.readText(file)
        let documents: [YAMLNode]
        do { documents = try YAML.parse(text, file: file) } catch { throw GoldenPathError(error) }
        for document in documents { try ValuesFile.refuseOversizedIntegers(in: document, file: file) }
        var pairs: [YAMLPair] = []
        func merge(_ more: [YAMLPair]) {
            for pair in more {
                pairs.removeAll { $0.key.scalar?.value == pair.key.scalar?.value }
                pairs.append(pair)
            }
        }
        for document in documents {
            if let scalar = document.scalar, scalar.tag == "!include" {
                let pattern = scalar.value
                guard let relative = TemplateSource.includePath(pattern) else {
                    throw GoldenPathError(file: file, mark: document.mark, message: "!include must name a file inside the template: \(pattern)")
                }
                let folder = (relative as NSString).deletingLastPathComponent
                let base = (relative as NSString).lastPathComponent
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []).sorted()
                    .filter { Glob.fnmatch(base, $0) }
                guard !names.isEmpty else {
                    throw GoldenPathError(file: file, mark: document.mark, message: "!include \(pattern) matches no file")
                }
                for name in names {
                    let included = directory + "/" + (folder.isEmpty ? name : folder + "/" + name)
                    merge(try readConfig(included, directory: directory))
                }
            } else if let mapping = document.mapping {
                merge(mapping)
            } else if document.scalar?.resolved != .null {
                throw GoldenPathError(file: file, mark: document.mark, message: "expected a mapping of questions and settings, got \(document.kindDescription)")
            }
        }
        return pairs
    }

    private static func question(_ name: String, _ node: YAMLNode, mark: Mark, file: String) throws(GoldenPathError) -> Question {
        var q = Question(name: name, mark: mark)
        guard let pairs = node.mapping, pairs.contains(where: { questionKeys.contains($0.key.scalar?.value ?? "") }) else {
            q.defaultNode = node  // `name: value` is a question whose default is the value
            return q
        }
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            let value = pair.value
            switch key {
            case "type": q.type = value.scalar?.value
            case "default": q.defaultNode = value
            case "choices": q.choices = value
            case "multiselect": q.multiselect = value.scalar?.resolved == .bool(true)
            case "when": q.when = value
            case "validator": q.validator = value.scalar?.value
            case "secret": q.secret = value.scalar?.resolved == .bool(true)
            case "help": q.help = value.scalar?.value
            case "placeholder", "multiline", "qmark", "ask": break
            default:
                throw GoldenPathError(file: file, mark: pair.key.mark, keyPath: "\(name).\(key)",
                                      message: DidYouMean.unknownMessage("question key", key, among: questionKeys.sorted()))
            }
        }
        if let type = q.type, !["str", "int", "float", "bool", "json", "yaml"].contains(type) {
            throw GoldenPathError(file: file, mark: mark, keyPath: "\(name).type", message: "unsupported type '\(type)' (str, int, float, bool, json, yaml)")
        }
        if q.secret, q.defaultNode == nil {
            throw GoldenPathError(file: file, mark: mark, keyPath: name, message: "a secret question needs a default, as copier requires")
        }
        return q
    }
}
