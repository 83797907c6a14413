import Foundation
import GoldenPath
import Locations
import TemplateLanguage
import YAMLKit

/// Lints one golden path version without rendering it: the manifest, every template string in it
/// (defaults, conditions, CI steps, next steps, globs), every file name and every file's content.
/// Collects every finding rather than stopping at the first, so an author fixes them in one pass.
struct VersionLinter {
    /// Which names an embedded template may read, and how to explain a name it may not.
    enum Scope {
        /// Files, file names, globs, next steps: the whole render context.
        case context
        /// A parameter's default or condition: only the answers before it exist yet.
        case earlierParameters(of: String)
        /// `spec.cicd` strings: rendered against the answers and `defaults` only.
        case cicd
    }

    let target: AuthoredVersion
    private(set) var findings: [LintFinding] = []
    /// The manifest is missing or is not YAML at all: nothing else could be checked.
    private(set) var unreadable = false
    private var used: Set<String> = []
    private var manifest: Manifest?
    private var yaml: YAMLNode?
    private var environment = Environment()
    /// Some template or embedded string did not parse, so which names are read is not known.
    private var unparsed = false

    init(_ target: AuthoredVersion) {
        self.target = target
    }

    mutating func run() {
        let file = target.manifestFile
        if !FileManager.default.fileExists(atPath: file), ImportedTemplate.isTemplate(target.directory) {
            lintImported()
            findings = Array(Set(findings)).sorted()
            return
        }
        do throws(GoldenPathError) {
            let text = try Catalog.readText(file)
            do { yaml = try YAML.parseDocument(text, file: file) } catch { throw GoldenPathError(error) }
        } catch {
            unreadable = true
            add(error)
            return
        }
        do throws(GoldenPathError) {
            let text = try Catalog.readText(file)
            manifest = try Manifest.load(text, file: file, folderName: target.name, folderVersion: target.version.description)
        } catch {
            add(error)
        }
        if let options = manifest?.spec.templateOptions {
            environment = Environment(options: options)
        }
        lintParameters()
        lintCICD()
        lintNextSteps()
        let candidates = lintTemplates()
        lintGlobs(candidates: candidates)
        recordPlatformOutputUses()
        // A template that does not parse may read any parameter: "never used" would be a knock-on finding.
        if !unparsed { lintUnusedParameters() }
        findings = Array(Set(findings)).sorted()
    }

    // MARK: - Manifest

    private var parameterNames: [String] { manifest?.spec.parameters.map(\.name) ?? [] }

    /// Everything templates see (docs/golden-paths.md, "The render context").
    private var contextNames: Set<String> {
        var names = Set(parameterNames + ["defaults", "golden_path"])
        if manifest?.spec.cicd != nil { names.insert("cicd") }
        return names
    }

    private func node(_ path: [Any]) -> YAMLNode? {
        var current = yaml
        for step in path {
            if let key = step as? String { current = current?[key] } else if let index = step as? Int {
                guard let items = current?.sequence, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        return current
    }

    private mutating func lintParameters() {
        guard let manifest else { return }
        for (i, p) in manifest.spec.parameters.enumerated() {
            let earlier = Set(manifest.spec.parameters[..<i].map(\.name))
            if let text = p.templatedDefault {
                lintEmbedded(text, node: node(["spec", "parameters", i, "default"]), fallback: p.mark,
                             expression: false, allowed: earlier, scope: .earlierParameters(of: p.name))
            }
            if let condition = p.when {
                lintEmbedded(condition, node: node(["spec", "parameters", i, "when"]), fallback: p.mark,
                             expression: true, allowed: earlier, scope: .earlierParameters(of: p.name))
            }
        }
    }

    private mutating func lintCICD() {
        guard let cicd = manifest?.spec.cicd else { return }
        let allowed = Set(parameterNames + ["defaults", "golden_path"])
        lintEmbedded(cicd.provider, node: node(["spec", "cicd", "provider"]), fallback: cicd.providerMark,
                     expression: false, allowed: allowed, scope: .cicd)
        for (i, stage) in cicd.stages.enumerated() {
            for (j, step) in stage.steps.enumerated() {
                let stepNode = node(["spec", "cicd", "stages", i, "steps", j])
                let runNode = stepNode?.mapping == nil ? stepNode : stepNode?["run"]
                lintEmbedded(step.run, node: runNode, fallback: step.mark, expression: false, allowed: allowed, scope: .cicd)
                if let name = step.name {
                    lintEmbedded(name, node: stepNode?["name"], fallback: step.mark, expression: false, allowed: allowed, scope: .cicd)
                }
            }
        }
    }

    private mutating func lintNextSteps() {
        guard let steps = manifest?.spec.nextSteps else { return }
        for (i, step) in steps.enumerated() {
            lintEmbedded(step.template, node: node(["spec", "next_steps", i]), fallback: step.mark, expression: false,
                         allowed: contextNames, scope: .context)
        }
    }

    /// A template or expression written inside the manifest, located at its YAML node.
    private mutating func lintEmbedded(_ text: String, node: YAMLNode?, fallback: Mark, expression: Bool,
                                       allowed: Set<String>, scope: Scope) {
        let file = target.manifestFile
        let place = { (location: SourceLocation) -> (String, Int, Int) in
            let (line, column) = Self.position(location, in: node, fallback: fallback)
            return (file, line, column)
        }
        let references: [NameReference]
        do throws(TemplateError) {
            references = expression ? try environment.compileExpression(text, name: file).referencedNames
                : try environment.parse(text, name: file).referencedNames
        } catch {
            let (f, line, column) = place(error.location ?? SourceLocation(file: file))
            findings.append(LintFinding(file: f, line: line, column: column, message: error.message))
            unparsed = true
            return
        }
        check(references, allowed: allowed, scope: scope, place: place)
    }

    /// Where a location inside a YAML string lands in the manifest.
    static func position(_ location: SourceLocation, in node: YAMLNode?, fallback: Mark) -> (Int, Int) {
        guard let node, node.mark.line > 0 else { return (fallback.line, fallback.column) }
        let location = location.position ?? SourceLocation.Position(line: 1, column: 1)
        switch node.scalar?.style {
        case .literal?, .folded?:
            return (node.mark.line + location.line, location.column)
        case let style:
            let quote = style == .singleQuoted || style == .doubleQuoted ? 1 : 0
            return location.line == 1 ? (node.mark.line, node.mark.column + quote + location.column - 1)
                : (node.mark.line + location.line - 1, location.column)
        }
    }

    // MARK: - Names

    private mutating func check(_ references: [NameReference], allowed: Set<String>, scope: Scope,
                                place: (SourceLocation) -> (String, Int, Int)) {
        for reference in references {
            used.insert(reference.name)
            let (file, line, column) = place(reference.location)
            if allowed.contains(reference.name) {
                if let message = Self.shapeProblem(reference) {
                    findings.append(LintFinding(file: file, line: line, column: column, message: message))
                }
                continue
            }
            guard manifest != nil else { continue }
            findings.append(LintFinding(file: file, line: line, column: column,
                                        message: undefinedMessage(reference.name, allowed: allowed, scope: scope)))
        }
    }

    private func undefinedMessage(_ name: String, allowed: Set<String>, scope: Scope) -> String {
        let builtins = ["defaults", "cicd", "golden_path"]
        switch scope {
        case .earlierParameters(let parameter):
            if parameterNames.contains(name) {
                return "'\(name)' is declared after '\(parameter)': defaults and conditions see only earlier parameters"
            }
            if builtins.contains(name) {
                return "'\(name)' is not available to '\(parameter)': defaults and conditions see only earlier parameters"
            }
        case .cicd:
            if builtins.contains(name) || parameterNames.contains(name) {
                return "'\(name)' is not available in spec.cicd: CI strings see the parameters, `defaults` and `golden_path`"
            }
        case .context:
            if name == "cicd" { return "'cicd' is defined only when the manifest has spec.cicd" }
        }
        var message = "'\(name)' is undefined: no parameter, platform default or built-in has this name"
        if let suggestion = DidYouMean.suggestion(for: name, among: Array(allowed)) { message += "; did you mean '\(suggestion)'?" }
        return message
    }

    /// `defaults.resources.request.cpu`: a key the built-in entry does not have.
    static func shapeProblem(_ reference: NameReference) -> String? {
        let shape: ContextShape
        switch reference.name {
        case "defaults": shape = .defaults
        case "cicd": shape = .cicd
        case "golden_path": shape = .goldenPath
        default: return nil
        }
        guard let (index, known) = shape.unknownKey(in: reference.path) else { return nil }
        let written = ([reference.name] + reference.path[...index]).joined(separator: ".")
        let key = reference.path[index]
        var message = "'\(written)' does not exist"
        if let suggestion = DidYouMean.suggestion(for: key, among: known) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; '\(([reference.name] + reference.path[..<index]).joined(separator: "."))' has "
                + known.map { "'\($0)'" }.joined(separator: ", ")
        }
        return message
    }

    // MARK: - Templates

    /// Lints every file name and content; returns the paths globs are matched against.
    private mutating func lintTemplates() -> [String] {
        let source: TemplateSource
        do throws(GoldenPathError) { source = try TemplateSource.read(from: target.directory + "/template") } catch {
            add(error)
            return []
        }
        let rules = manifest?.spec.files ?? Manifest.FileRules()
        let copied = rules.copyWithoutRender.filter { !$0.contains("{") }.map(Glob.init)
        // Where each entry lands (as the renderer places it), and whether its content is a
        // template (not kept verbatim by placement or by copy_without_render).
        let placed = source.entries.compactMap { entry -> (entry: TemplateSource.Entry, output: String, isTemplate: Bool)? in
            guard let (output, verbatim) = rules.placement(of: entry) else { return nil }
            return (entry: entry, output: output, isTemplate: !verbatim && !copied.contains { $0.matches(output) })
        }
        // Every template parsed once, first: a template another one includes or imports reads
        // that one's scope too (its loop variables, sets, macro parameters), so those names are
        // not undefined there.
        var parsed: [String: Result<Template, TemplateError>] = [:]
        var includerNames: [String: Set<String>] = [:]
        for (entry, _, isTemplate) in placed where isTemplate {
            guard let text = String(validating: entry.bytes, as: UTF8.self) else { continue }
            do throws(TemplateError) {
                let template = try environment.parse(text, name: source.displayPath(entry.path))
                parsed[entry.path] = .success(template)
                let links = template.links
                for name in links.loads.map(\.name) {
                    guard let path = TemplateSource.includePath(name), source[path] != nil else {
                        missingInclude(name, in: text, file: source.displayPath(entry.path))
                        continue
                    }
                    includerNames[path, default: []].formUnion(links.boundNames)
                }
            } catch {
                parsed[entry.path] = .failure(error)
            }
        }
        // Files the literal `exclude` globs keep out of the service are rendered only through includes.
        let excluded = rules.exclude.filter { !$0.contains("{") }.map(Glob.init)
        var readFiles: [ConditionalReads.File] = []
        for (entry, output, _) in placed {
            guard case .success(let template)? = parsed[entry.path] else { continue }
            let isExcluded = rules.ignoreStyleExclude ? Glob.ignores(excluded, output) : excluded.contains { $0.matches(output) }
            readFiles.append(ConditionalReads.File(path: entry.path, output: output, template: template, isRendered: !isExcluded))
        }
        if let manifest {
            findings += ConditionalReads(manifest: manifest, environment: environment, files: readFiles)
                .findings(contextNames: contextNames)
        }
        var outputs: [String: String] = [:]
        var candidates: [String] = []
        for (entry, output, _) in placed {
            let display = source.displayPath(entry.path)
            var lint = PathLint(path: output, file: display, environment: environment)
            lint.run()
            findings += lint.findings
            check(lint.references, allowed: contextNames, scope: .context) { _ in (display, 1, 1) }
            candidates.append(PathLint.probe(output))
            if !output.contains("{") {
                if let other = outputs[output] {
                    findings.append(LintFinding(file: display, line: 1, column: 1, message: "renders to '\(output)', as \(other) does"))
                }
                outputs[output] = display
            }
            switch parsed[entry.path] {
            case .success(let template)?:
                check(template.referencedNames, allowed: contextNames.union(includerNames[entry.path] ?? []), scope: .context) {
                    ($0.file, $0.line ?? 1, $0.column ?? 1)
                }
            case .failure(let error)?:
                let at = error.location ?? SourceLocation(file: display)
                findings.append(LintFinding(file: at.file, line: at.line ?? 1, column: at.column ?? 1, message: error.message))
                unparsed = true
            case nil:
                break
            }
        }
        for (path, display) in outputs {
            var prefix = Substring(path)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if let file = outputs[String(prefix)] {
                    findings.append(LintFinding(file: display, line: 1, column: 1,
                                                message: "renders inside '\(prefix)', which \(file) renders as a file"))
                }
            }
        }
        if manifest?.hasPlatformOutputs == true {
            candidates += BuiltinTemplates.all.map { PathLint.probe($0.path) }
        }
        return candidates + [AnswersFile.fileName]
    }

    private mutating func lintGlobs(candidates: [String]) {
        guard let files = manifest?.spec.files else { return }
        for (key, patterns) in [("exclude", files.exclude), ("copy_without_render", files.copyWithoutRender),
                                ("executable", files.executable)] {
            for (i, pattern) in patterns.enumerated() {
                let patternNode = node(["spec", "files", key, i])
                if pattern.contains("{{") || pattern.contains("{%") {
                    lintEmbedded(pattern, node: patternNode, fallback: .none, expression: false, allowed: contextNames, scope: .context)
                    continue
                }
                let mark = patternNode?.mark ?? .none
                for problem in GlobLint.problems(pattern, candidates: candidates) {
                    findings.append(LintFinding(file: target.manifestFile, line: mark.line, column: mark.column,
                                                message: "spec.files.\(key)[\(i)]: \(problem)"))
                }
                if let unmatched = GlobLint.unmatched(pattern, candidates: candidates) {
                    findings.append(LintFinding(file: target.manifestFile, line: mark.line, column: mark.column,
                                                message: "spec.files.\(key)[\(i)]: \(unmatched)", isWarning: true))
                }
            }
        }
    }

    // MARK: - Parameters nobody reads

    /// The engine's own Kubernetes manifests and pipeline read `name`, `port` and `image`.
    private mutating func recordPlatformOutputUses() {
        guard manifest?.hasPlatformOutputs == true else { return }
        let plain = Environment()
        for builtin in BuiltinTemplates.all {
            for text in [builtin.path, builtin.source] {
                if let template = try? plain.parse(text, name: "builtin") {
                    used.formUnion(template.referencedNames.map(\.name))
                }
            }
        }
    }

    private mutating func lintUnusedParameters() {
        guard let manifest else { return }
        for p in manifest.spec.parameters where !used.contains(p.name) {
            findings.append(LintFinding(file: target.manifestFile, line: p.mark.line, column: p.mark.column,
                message: "parameter '\(p.name)' is never used: no template, file name, glob, default, condition, CI step or next step reads it"))
        }
    }

    /// A golden path error as a finding; one that points nowhere is about the manifest.
    /// An include or import of a name the template folder does not have: the render would fail
    /// there. Located at the name as written; `ignore missing` includes are left alone.
    private mutating func missingInclude(_ name: String, in text: String, file: String) {
        var line = 1, column = 1
        for (number, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let found = content.range(of: "'\(name)'") ?? content.range(of: "\"\(name)\"") else { continue }
            if content.contains("ignore missing") { return }
            line = number + 1
            column = content.unicodeScalars.distance(from: content.unicodeScalars.startIndex, to: found.lowerBound) + 1
            break
        }
        findings.append(LintFinding(file: file, line: line, column: column,
                                    message: "'\(name)' is not in the template folder: the include or import would fail at render time"))
    }

    /// An imported (cookiecutter or copier) template: what would stop `scaffold new` with its defaults. Its
    /// configuration (what scaffold refuses to run is an error there), every template's
    /// syntax, and a render with the defaults (undefined variables, filters that fail).
    private mutating func lintImported() {
        let loaded: LoadedGoldenPath
        do throws(GoldenPathError) { loaded = try LoadedGoldenPath(catalog: target.catalog, name: target.name, version: target.version) } catch {
            add(error)
            return
        }
        for error in loaded.templates.syntaxErrors { add(GoldenPathError(templateError: error)) }
        guard loaded.templates.syntaxErrors.isEmpty else { return }
        do throws(GoldenPathError) {
            _ = try loaded.render(inputs: ValueInputs(), source: target.catalog.root, created: "2000-01-01")
        } catch {
            add(error)
        }
    }

    private mutating func add(_ error: GoldenPathError) {
        let location = error.location ?? SourceLocation(file: target.manifestFile)
        findings.append(LintFinding(file: location.file, line: location.line ?? 1, column: location.column ?? 1,
                                    message: error.text))
    }
}
