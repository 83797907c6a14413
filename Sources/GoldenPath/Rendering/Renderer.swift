import TemplateLanguage

extension GoldenPathTemplates {
    /// Renders every file for one set of values. `extraFiles` (the answers file) are added as
    /// given. Fails before producing anything if any name, content or path is wrong.
    /// `extensions`: the clock and seed of this service, for templates that use cookiecutter's extensions.
    public func render(context: ValueDict, extensions: ToolExtensions? = nil, extraFiles: [RenderedFile] = []) throws(GoldenPathError) -> RenderedTree {
        var environment = self.environment
        if let extensions {
            var options = environment.options
            options.extensions = extensions
            environment = Environment(options: options, loader: environment.loader)
        }
        let exclude = try renderGlobs(globs.exclude, context, environment)
        let copy = try renderGlobs(globs.copy, context, environment)
        let executable = try renderGlobs(globs.executable, context, environment)

        var output: [String: (file: RenderedFile, origin: String)] = [:]
        func add(_ file: RenderedFile, origin: String) throws(GoldenPathError) {
            if let existing = output[file.path] {
                throw GoldenPathError(file: origin, message: "renders to '\(file.path)', which \(existing.origin) also renders to")
            }
            output[file.path] = (file, origin)
        }

        for file in files {
            let display = source.displayPath(file.entry.path)
            guard let path = try renderPath(file.name, context, environment, origin: display) else { continue }
            if excluded(path, exclude) { continue }

            var bytes = file.entry.bytes
            if !file.verbatim, !copy.contains(where: { $0.matches(path) }), let content = file.content {
                switch content {
                case .success(let template):
                    bytes = Array(try renderText(template, context, environment).utf8)
                    if rules.keepsTemplateNewlines { bytes = Self.withNewlines(of: file.entry.bytes, bytes) }
                case .failure(let error): throw GoldenPathError(templateError: error)
                }
            }
            var mode = file.entry.mode
            if mode == .regular, executable.contains(where: { $0.matches(path) }) { mode = .executable }
            try add(RenderedFile(path: path, bytes: bytes, mode: mode), origin: display)
        }

        // Built-in platform outputs fill in what the golden path does not ship itself.
        for builtin in builtins {
            let origin = builtin.origin
            guard let path = try renderPath(builtin.name, context, environment, origin: origin),
                  output[path] == nil, !excluded(path, exclude) else { continue }
            try add(RenderedFile(path: path, bytes: Array(try renderText(builtin.content, context, environment).utf8)), origin: origin)
        }
        for file in extraFiles {
            guard output[file.path] == nil else {
                throw GoldenPathError(file: output[file.path]!.origin, message: "renders to '\(file.path)', which scaffold writes itself")
            }
            output[file.path] = (file, "scaffold")
        }

        let tree = RenderedTree(output.values.map(\.file))
        try checkFolderCollisions(tree, origins: output.mapValues(\.origin))
        return tree
    }

    private func excluded(_ path: String, _ exclude: [Glob]) -> Bool {
        rules.ignoreStyleExclude ? Glob.ignores(exclude, path) : exclude.contains { $0.matches(path) }
    }

    /// `text` with each `\n` written as the first line ending of `template` (Python's
    /// `open(newline=...)` after reading one line: `\r\n` or `\r`, else unchanged).
    static func withNewlines(of template: [UInt8], _ text: [UInt8]) -> [UInt8] {
        guard let end = template.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }), template[end] == 0x0D else { return text }
        let newline: [UInt8] = end + 1 < template.count && template[end + 1] == 0x0A ? [0x0D, 0x0A] : [0x0D]
        var out: [UInt8] = []
        out.reserveCapacity(text.count + text.count / 16)
        for b in text { if b == 0x0A { out += newline } else { out.append(b) } }
        return out
    }

    private func renderText(_ template: Template, _ context: ValueDict, _ environment: Environment) throws(GoldenPathError) -> String {
        do throws(TemplateError) { return try environment.render(template, context: context) }
        catch { throw GoldenPathError(templateError: error) }
    }

    private func renderGlobs(_ templates: [Template], _ context: ValueDict, _ environment: Environment) throws(GoldenPathError) -> [Glob] {
        var result: [Glob] = []
        for t in templates { result.append(Glob(try renderText(t, context, environment))) }
        return result
    }

    /// The rendered, checked path; nil when the file is skipped.
    private func renderPath(_ template: PathTemplate, _ context: ValueDict, _ environment: Environment, origin: String) throws(GoldenPathError) -> String? {
        let rendered: String?
        do throws(TemplateError) { rendered = try template.render(environment, context) }
        catch { throw GoldenPathError(templateError: error) }
        guard let rendered else { return nil }
        switch PathCheck.check(rendered) {
        case .ok(let path): return path
        case .skip: return nil
        case .invalid(let message): throw GoldenPathError(file: origin, message: message)
        }
    }

    /// A file `a` and a file `a/b` cannot both exist: one would have to be a folder.
    private func checkFolderCollisions(_ tree: RenderedTree, origins: [String: String]) throws(GoldenPathError) {
        let paths = Set(tree.paths)
        for path in tree.paths {
            var prefix = Substring(path)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if paths.contains(String(prefix)) {
                    throw GoldenPathError(file: origins[path] ?? path,
                        message: "renders '\(path)' inside '\(prefix)', which \(origins[String(prefix)] ?? "another file") renders as a file")
                }
            }
        }
    }
}
