import TemplateLanguage

/// A golden path version's templates, parsed once: file names, contents, globs and the built-in
/// platform outputs. Immutable and Sendable, so a fleet run renders hundreds of services from one.
public struct GoldenPathTemplates: Sendable {
    struct File: Sendable {
        let entry: TemplateSource.Entry
        let name: PathTemplate
        /// The parsed content; a parse error is kept, and reported only if the file is rendered
        /// (a file copied without rendering may contain anything).
        let content: Result<Template, TemplateError>?
        /// Copied verbatim because of `suffix` or because the bytes are not UTF-8 text.
        let verbatim: Bool
        /// The output path before rendering: the suffix removed.
        let outputName: String
    }

    public let source: TemplateSource
    let environment: Environment
    let files: [File]
    let globs: (exclude: [Template], copy: [Template], executable: [Template])
    let builtins: [(origin: String, name: PathTemplate, content: Template)]
    /// How files land (exclusions read as gitignore patterns, template line endings kept).
    let rules: Manifest.FileRules

    /// `platformOutputs`: render the built-in Kubernetes manifests and CI pipeline too.
    public init(source: TemplateSource, rules: Manifest.FileRules, options: TemplateOptions,
                platformOutputs: Bool) throws(GoldenPathError) {
        self.source = source
        self.rules = rules
        let environment = Environment(options: options, loader: IncludeLoader(source: source, roots: rules.includeRoots))
        self.environment = environment

        var files: [File] = []
        for entry in source.entries {
            let display = source.displayPath(entry.path)
            guard let placed = rules.placement(of: entry) else { continue }
            let outputName = placed.output
            var verbatim = placed.verbatim
            if rules.siblingTemplateWins, !rules.suffix.isEmpty, !entry.path.hasSuffix(rules.suffix),
               source[entry.path + rules.suffix] != nil { continue }
            let text = verbatim ? nil : String(validating: entry.bytes, as: UTF8.self)
            if text == nil { verbatim = true }
            let name = try Self.parsePath(outputName, name: display, environment)
            let content: Result<Template, TemplateError>? = text.map { text in
                do throws(TemplateError) { return .success(try environment.parse(text, name: display)) }
                catch { return .failure(error) }
            }
            files.append(File(entry: entry, name: name, content: content, verbatim: verbatim, outputName: outputName))
        }
        self.files = files

        func parseGlobs(_ patterns: [String], _ key: String) throws(GoldenPathError) -> [Template] {
            var result: [Template] = []
            for p in patterns { result.append(try Self.parse(p, name: "spec.files.\(key)", environment)) }
            return result
        }
        globs = (try parseGlobs(rules.exclude, "exclude"), try parseGlobs(rules.copyWithoutRender, "copy_without_render"),
                 try parseGlobs(rules.executable, "executable"))

        var builtins: [(String, PathTemplate, Template)] = []
        if platformOutputs {
            let builtinEnvironment = Environment()
            for (path, text) in BuiltinTemplates.all {
                let origin = "builtin:\(path)"
                builtins.append((origin, try Self.parsePath(path, name: origin, builtinEnvironment),
                                 try Self.parse(text, name: origin, builtinEnvironment)))
            }
        }
        self.builtins = builtins
    }

    /// The syntax errors of files whose content would be rendered, in path order.
    public var syntaxErrors: [TemplateError] {
        files.compactMap { file in
            if case .failure(let error)? = file.content, !file.verbatim { return error }
            return nil
        }
    }

    private static func parsePath(_ path: String, name: String, _ env: Environment) throws(GoldenPathError) -> PathTemplate {
        do throws(TemplateError) { return try PathTemplate(path, name: name + " (file name)", environment: env) }
        catch { throw GoldenPathError(templateError: error) }
    }

    static func parse(_ text: String, name: String, _ env: Environment) throws(GoldenPathError) -> Template {
        do throws(TemplateError) { return try env.parse(text, name: name) }
        catch { throw GoldenPathError(templateError: error) }
    }
}
