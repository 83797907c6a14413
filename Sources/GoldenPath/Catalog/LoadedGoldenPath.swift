import Foundation
import TemplateLanguage
import YAMLKit

/// One version of a golden path, ready to render: its validated manifest and its templates,
/// parsed once. Immutable and Sendable, so a fleet run shares one per version across services.
public struct LoadedGoldenPath: Sendable {
    public let manifest: Manifest
    public let directory: String
    public let templates: GoldenPathTemplates
    /// Parses parameter defaults, `when` conditions and CI strings with the golden path's options.
    public let expressions: ExpressionEngine
    /// A template another tool made, rendered by that tool's rules; nil for a native golden path.
    public let imported: ImportedTemplate?

    public var name: String { manifest.metadata.name }
    public var version: SemanticVersion { manifest.metadata.version }

    public init(catalog: Catalog, name: String, version: SemanticVersion) throws(GoldenPathError) {
        let directory = catalog.directory(of: name, version: version)
        try self.init(directory: directory, name: name, version: version) { () throws(GoldenPathError) in
            try catalog.manifest(of: name, version: version)
        }
    }

    /// A template folder used directly (`scaffold new ./cookiecutter-pypackage`), not from a catalog.
    public init(templateFolder directory: String) throws(GoldenPathError) {
        let name = (directory as NSString).lastPathComponent
        guard ImportedTemplate.isTemplate(directory) else {
            throw GoldenPathError(file: directory, message: "not a template folder: it has no cookiecutter.json or copier.yml")
        }
        try self.init(directory: directory, name: name, version: SemanticVersion(major: 0, minor: 0, patch: 0)) { () throws(GoldenPathError) in
            throw GoldenPathError(file: directory, message: "not a template folder")
        }
    }

    private init(directory: String, name: String, version: SemanticVersion,
                 manifest load: () throws(GoldenPathError) -> Manifest) throws(GoldenPathError) {
        if let (template, manifest) = try ImportedTemplate.load(directory: directory, name: name, version: version) {
            self.manifest = manifest
            self.imported = template
            self.templates = try GoldenPathTemplates(source: try TemplateSource.read(from: directory), rules: manifest.spec.files,
                                                     options: manifest.spec.templateOptions, platformOutputs: false)
        } else {
            let manifest = try load()
            self.manifest = manifest
            self.imported = nil
            self.templates = try GoldenPathTemplates(source: try TemplateSource.read(from: directory + "/template"),
                                                     rules: manifest.spec.files, options: manifest.spec.templateOptions,
                                                     platformOutputs: manifest.hasPlatformOutputs)
        }
        self.directory = directory
        self.expressions = ExpressionEngine(undefined: manifest.spec.templateOptions.undefined)
    }
}

/// A service's render: the resolved values, the context templates saw, the answers file and the tree.
public struct ServiceRender: Sendable {
    public let values: ResolvedValues
    public let context: ValueDict
    public let answers: AnswersFile
    public let tree: RenderedTree
    /// The folder name the template gives its project (cookiecutter's rendered
    /// `{{cookiecutter.project_slug}}`); nil for a native golden path, whose folder is NAME.
    public var projectFolder: String? = nil
    /// Code the template runs around this render (hooks, tasks), rendered, not run: the caller
    /// runs it only when trusted, on `tree`, and records what it leaves.
    public var code: [TemplateCode] = []
}

extension LoadedGoldenPath {
    /// Resolves values through every layer, validates them, and renders the whole tree,
    /// `.scaffold.yaml` included. Nothing is written anywhere.
    ///
    /// - Parameters:
    ///   - source: the catalog as recorded in `.scaffold.yaml`.
    ///   - created: the creation date recorded in `.scaffold.yaml`; the only clock reading, so
    ///     re-renders of an existing service reproduce it.
    ///   - extraAnswers: keys a developer added to `.scaffold.yaml`, carried over unchanged.
    public func render(inputs: ValueInputs, source: String, created: String, prompt: Prompter? = nil,
                       extraAnswers: [YAMLPair] = []) throws(GoldenPathError) -> ServiceRender {
        if let imported {
            return try renderImported(imported, inputs: inputs, source: source, created: created, prompt: prompt, extraAnswers: extraAnswers)
        }
        let render = expressions.renderString
        let values = try ValueResolver.resolve(manifest, inputs: inputs, render: render,
                                               evaluate: expressions.evaluateCondition, prompt: prompt)
        let context = try values.renderContext(manifest: manifest, created: created, render: render)
        var answers = AnswersFile(manifest: manifest, source: source, created: created, values: values)
        answers.extra = extraAnswers
        let answersText = try answers.serialized()
        let tree = try templates.render(context: context, extraFiles: [
            RenderedFile(path: AnswersFile.fileName, bytes: Array(answersText.utf8)),
        ])
        return ServiceRender(values: values, context: context, answers: answers, tree: tree)
    }

    /// An imported template's render: its tool's value rules and context, the clock and random
    /// seed the service records.
    private func renderImported(_ template: ImportedTemplate, inputs: ValueInputs, source: String, created: String,
                                prompt: Prompter?, extraAnswers: [YAMLPair]) throws(GoldenPathError) -> ServiceRender {
        let seed = inputs.answersFile?.file.seed ?? UInt64.random(in: 1...UInt64.max)
        var options = manifest.spec.templateOptions
        let extensions = ToolExtensions(clock: Self.epoch(of: created), seed: seed)
        let format = inputs.answersFile?.file.format ?? .scaffold
        let values: ResolvedValues
        let context: ValueDict
        var projectFolder: String?
        var ownFile: RenderedFile?
        var code: [TemplateCode] = []
        // Imported templates read the recorded clock and seed; one environment for their values,
        // folder name and code.
        options.extensions = extensions
        let environment = Environment(options: options)
        switch template {
        case .cookiecutter(let cookiecutter):
            var cruft: (template: String, commit: String)?
            var checkout: String?
            var skip: [String] = []
            if case .cruft(_, let pinned, let skipped) = format {
                guard let origin = ImportedTemplate.origin(of: directory) else {
                    throw GoldenPathError(file: directory, message: "a cruft project's template must come from its git repository")
                }
                cruft = (source, origin.commit)
                // A project pinned to a tag records the tag of the version rendered, as `cruft update --checkout TAG`.
                checkout = pinned ? origin.tag : nil
                skip = skipped
            }
            let resolved = try cookiecutter.resolve(manifest: manifest, inputs: inputs, environment: environment,
                                                    directory: directory, cruft: cruft, prompt: prompt)
            (values, context) = (resolved.values, resolved.context)
            do throws(TemplateError) {
                projectFolder = try environment.renderString(cookiecutter.projectFolder, name: directory + "/" + cookiecutter.projectFolder,
                                                             context: context)
            } catch { throw GoldenPathError(templateError: error) }
            code = try cookiecutter.code(context: context, environment: environment, directory: directory)
            if let cruft, case .dict(let dict)? = context["cookiecutter"] {
                ownFile = RenderedFile(path: AnswersFile.cruftName, bytes: Array(try AnswersFile.cruftState(
                    template: cruft.template, commit: cruft.commit, checkout: checkout, context: ValueDict([("cookiecutter", .dict(dict))]),
                    skip: skip).utf8))
            }
        case .copier(let copier):
            let resolved = try copier.resolve(manifest: manifest, inputs: inputs, environment: environment,
                                              source: directory, prompt: prompt)
            (values, context) = (resolved.values, resolved.context)
            code = try copier.code(context: context, environment: environment)
        }
        var answers = AnswersFile(manifest: manifest, source: source, created: created, values: values)
        answers.seed = options.extensions == nil ? nil : seed
        answers.extra = extraAnswers
        answers.format = format
        if case .cruft(_, let pinned, let skip) = format, let origin = ImportedTemplate.origin(of: directory) {
            answers.format = .cruft(commit: origin.commit, pinned: pinned, skip: skip)
        }
        // The project's own record: `.scaffold.yaml`, or (a project copier or cruft made) that
        // tool's file, which copier's templates render themselves.
        let record: [RenderedFile]
        switch format {
        case .scaffold: record = [RenderedFile(path: AnswersFile.fileName, bytes: Array(try answers.serialized().utf8))]
        case .copier: record = []
        case .cruft: record = ownFile.map { [$0] } ?? []
        }
        let tree = try templates.render(context: context, extensions: options.extensions, extraFiles: record)
        var render = ServiceRender(values: values, context: context, answers: answers, tree: tree)
        render.projectFolder = projectFolder
        render.code = code
        return render
    }

    /// Midnight UTC of a `YYYY-MM-DD` date: the time an imported template's `{% now %}` reads.
    static func epoch(of date: String) -> Int64 {
        let parts = date.split(separator: "-").compactMap { Int32($0) }
        guard parts.count == 3 else { return 0 }
        var t = tm()
        t.tm_year = parts[0] - 1900; t.tm_mon = parts[1] - 1; t.tm_mday = parts[2]
        return Int64(timegm(&t))
    }

    /// One template text rendered as a file of this version would be (its options and
    /// extensions, includes from its template folder), with the context a render of `inputs`
    /// gives: for authors iterating on one file (`scaffold render --golden-path`).
    public func renderFile(_ text: String, name: String, inputs: ValueInputs, created: String) throws(GoldenPathError) -> String {
        let context: ValueDict
        if imported != nil {
            context = try render(inputs: inputs, source: directory, created: created).context
        } else {
            let values = try ValueResolver.resolve(manifest, inputs: inputs, render: expressions.renderString,
                                                   evaluate: expressions.evaluateCondition)
            context = try values.renderContext(manifest: manifest, created: created, render: expressions.renderString)
        }
        var environment = templates.environment
        if environment.options.extensions != nil {
            var options = environment.options
            options.extensions = ToolExtensions(clock: Self.epoch(of: created), seed: 0)
            environment = Environment(options: options, loader: environment.loader)
        }
        do throws(TemplateError) { return try environment.renderString(text, name: name, context: context) }
        catch { throw GoldenPathError(templateError: error) }
    }

    /// Today's date as `.scaffold.yaml` records it (UTC, so it does not depend on the machine's zone).
    /// (gmtime rather than DateFormatter, which loads ICU's calendar data on every run.)
    public static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let year = Int(parts.tm_year) + 1900, month = Int(parts.tm_mon) + 1, day = Int(parts.tm_mday)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
