import TemplateLanguage
import YAMLKit

extension Manifest {
    public static let apiVersion = "scaffold/v1"
    public static let kind = "GoldenPath"

    /// Reads and checks a `golden-path.yaml`. `folderName` and `folderVersion` are the names of the
    /// directories it was found in (`golden-paths/<name>/<version>/`); metadata must agree with them.
    /// Pass nil to skip that check (a manifest outside a catalog).
    public static func load(_ text: String, file: String, folderName: String?, folderVersion: String?) throws(GoldenPathError) -> Manifest {
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: file) } catch { throw GoldenPathError(error) }
        return try decode(node, file: file, folderName: folderName, folderVersion: folderVersion)
    }

    public static func decode(_ node: YAMLNode, file: String, folderName: String?, folderVersion: String?) throws(GoldenPathError) -> Manifest {
        if node.scalar?.resolved == .null {
            throw GoldenPathError(file: file, mark: node.mark, message: "the manifest is empty; expected apiVersion, kind, metadata and spec")
        }
        let r = try MappingReader(node, file: file, path: "", allowed: ["apiVersion", "kind", "metadata", "spec"],
                                  required: ["apiVersion", "kind", "metadata", "spec"])
        let api = try r.text("apiVersion") ?? ""
        guard api == apiVersion else { throw r.error("apiVersion", "expected '\(apiVersion)', got '\(api)'") }
        let k = try r.text("kind") ?? ""
        guard k == kind else { throw r.error("kind", "expected '\(kind)', got '\(k)'") }
        let metadata = try decodeMetadata(r.value("metadata") ?? node, file: file, folderName: folderName, folderVersion: folderVersion)
        let spec = try decodeSpec(r.value("spec") ?? node, file: file, version: metadata.version)
        return Manifest(file: file, metadata: metadata, spec: spec)
    }

    private static func decodeMetadata(_ node: YAMLNode, file: String, folderName: String?, folderVersion: String?) throws(GoldenPathError) -> Metadata {
        let r = try MappingReader(node, file: file, path: "metadata",
                                  allowed: ["name", "version", "description", "owner", "tags", "changelog"], required: ["name", "version"])
        let name = try r.string("name") ?? ""
        if let problem = ParameterFormat.dnsLabelProblem(name) { throw r.error("name", "golden path names \(problem.dropFirst(5))") }
        if let folderName, name != folderName {
            throw r.error("name", "'\(name)' must equal the golden path's folder name '\(folderName)'")
        }
        let versionText = try r.text("version") ?? ""
        guard let version = SemanticVersion(versionText) else {
            throw r.error("version", "'\(versionText)' is not a semantic version like 1.2.3")
        }
        if let folderVersion, versionText != folderVersion {
            throw r.error("version", "'\(versionText)' must equal the version folder name '\(folderVersion)'")
        }
        return Metadata(name: name, version: version, description: try r.text("description"), owner: try r.text("owner"),
                        tags: try r.stringList("tags") ?? [], changelog: try r.text("changelog"))
    }

    private static func decodeSpec(_ node: YAMLNode, file: String, version: SemanticVersion) throws(GoldenPathError) -> Spec {
        let r = try MappingReader(node, file: file, path: "spec", allowed: [
            "language", "framework", "labels", "parameters", "defaults", "cicd", "files", "template_options", "next_steps", "migrations",
        ])
        var parameters: [Parameter] = []
        if let list = r.value("parameters") {
            guard let items = list.sequence else { throw r.error("parameters", "expected a list of parameters, got \(list.kindDescription)") }
            for (i, item) in items.enumerated() {
                let p = try Parameter.decode(item, file: file, path: "spec.parameters[\(i)]")
                if let earlier = parameters.first(where: { $0.name == p.name }) {
                    throw GoldenPathError(file: file, mark: p.mark, keyPath: "spec.parameters[\(i)].name",
                                          message: "parameter '\(p.name)' is declared twice (first at \(earlier.mark))")
                }
                parameters.append(p)
            }
        }
        let defaults = r.value("defaults")
        if let defaults {
            let settings = try PlatformSettings.flatten(defaults, prefix: "", file: file) { _ in .goldenPathDefault }
            _ = try PlatformDefaults(settings: settings, crossChecks: false)
        }
        try checkTemplateSyntax(r, "next_steps")
        let language = try r.text("language")
        return Spec(
            language: language, framework: try r.text("framework"),
            labels: (try r.stringMap("labels") ?? []).map { Label(key: $0.key, value: $0.value) },
            parameters: parameters, defaults: defaults,
            cicd: try r.value("cicd").map { n throws(GoldenPathError) in try CICDSpec.decode(n, file: file, path: "spec.cicd", language: language) },
            files: try decodeFiles(r, suffix: try decodeSuffix(r)), templateOptions: try decodeTemplateOptions(r),
            nextSteps: zip(try r.stringList("next_steps") ?? [], r.value("next_steps")?.sequence ?? []).map {
                NextStep(template: $0, mark: $1.mark)
            },
            migrations: try decodeMigrations(r, version: version, parameters: parameters))
    }

    private static func decodeFiles(_ spec: MappingReader, suffix: String) throws(GoldenPathError) -> FileRules {
        guard let node = spec.value("files") else { return FileRules(suffix: suffix) }
        let r = try MappingReader(node, file: spec.file, path: "spec.files", allowed: ["exclude", "copy_without_render", "executable", "structured"])
        for key in ["exclude", "copy_without_render", "executable"] { try checkTemplateSyntax(r, key) }
        var rules = FileRules(exclude: try r.stringList("exclude") ?? [], copyWithoutRender: try r.stringList("copy_without_render") ?? [],
                              executable: try r.stringList("executable") ?? [], suffix: suffix)
        rules.structured = try r.stringList("structured") ?? []
        return rules
    }

    /// Globs and next steps are templates rendered late, away from the manifest: a syntax error
    /// is reported here, at its line, rather than without a file during a render.
    private static func checkTemplateSyntax(_ r: MappingReader, _ key: String) throws(GoldenPathError) {
        for (i, item) in (r.value(key)?.sequence ?? []).enumerated() {
            guard let text = item.scalar?.value, text.contains("{") else { continue }
            do throws(TemplateError) { _ = try Environment().parse(text, name: r.file) } catch {
                throw GoldenPathError(file: r.file, mark: item.mark, keyPath: "\(r.keyPath(key))[\(i)]", message: error.message)
            }
        }
    }

    private static func templateOptionsReader(_ spec: MappingReader) throws(GoldenPathError) -> MappingReader? {
        guard let node = spec.value("template_options") else { return nil }
        return try MappingReader(node, file: spec.file, path: "spec.template_options",
                                 allowed: ["trim_blocks", "lstrip_blocks", "undefined", "suffix"])
    }

    /// The engine's options, straight from `spec.template_options` (its `suffix` is a file rule).
    private static func decodeTemplateOptions(_ spec: MappingReader) throws(GoldenPathError) -> TemplateOptions {
        guard let r = try templateOptionsReader(spec) else { return TemplateOptions() }
        var options = TemplateOptions()
        options.trimBlocks = try r.bool("trim_blocks") ?? false
        options.lstripBlocks = try r.bool("lstrip_blocks") ?? false
        if let u = try r.string("undefined") {
            guard let mode = UndefinedBehavior(rawValue: u) else {
                throw r.error("undefined", DidYouMean.unknownMessage("mode", u, among: UndefinedBehavior.allCases.map(\.rawValue)))
            }
            options.undefined = mode
        }
        return options
    }

    private static func decodeSuffix(_ spec: MappingReader) throws(GoldenPathError) -> String {
        guard let r = try templateOptionsReader(spec) else { return "" }
        let suffix = try r.string("suffix") ?? ""
        if suffix.contains("/") { throw r.error("suffix", "a suffix cannot contain '/'") }
        return suffix
    }

    private static func decodeMigrations(_ spec: MappingReader, version: SemanticVersion, parameters: [Parameter]) throws(GoldenPathError) -> [Migration] {
        guard let node = spec.value("migrations") else { return [] }
        guard let items = node.sequence else { throw spec.error("migrations", "expected a list of migrations, got \(node.kindDescription)") }
        let names = parameters.map(\.name)
        var migrations: [Migration] = []
        for (i, item) in items.enumerated() {
            let r = try MappingReader(item, file: spec.file, path: "spec.migrations[\(i)]", allowed: ["version", "rename", "remove", "set"], required: ["version"])
            let text = try r.text("version") ?? ""
            guard let v = SemanticVersion(text) else { throw r.error("version", "'\(text)' is not a semantic version") }
            if v > version { throw r.error("version", "migration \(v) is newer than this golden path's version \(version)") }
            if migrations.contains(where: { $0.version == v }) { throw r.error("version", "there is already a migration for \(v)") }
            let rename = try r.stringMap("rename") ?? []
            for (_, to) in rename where !names.contains(to) {
                throw r.error("rename", "renames to '\(to)', which is not a parameter of this version: " + DidYouMean.unknownMessage("parameter", to, among: names))
            }
            var set: [(name: String, value: YAMLNode)] = []
            if let setNode = r.value("set") {
                guard let pairs = setNode.mapping else { throw r.error("set", "expected a mapping of parameter values") }
                for pair in pairs {
                    let name = pair.key.scalar?.value ?? ""
                    let keyPath = "\(r.keyPath("set")).\(name)"
                    guard let p = parameters.first(where: { $0.name == name }) else {
                        throw GoldenPathError(file: spec.file, mark: pair.key.mark, keyPath: keyPath, message: DidYouMean.unknownMessage("parameter", name, among: names))
                    }
                    if case .failure(let problem) = p.validated(yaml: pair.value) {
                        throw GoldenPathError(file: spec.file, mark: pair.value.mark, keyPath: keyPath, message: problem.message)
                    }
                    set.append((name, pair.value))
                }
            }
            migrations.append(Migration(version: v, rename: rename.map { ($0.key, $0.value) }, remove: try r.stringList("remove") ?? [],
                                        set: set, mark: item.mark))
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
