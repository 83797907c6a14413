import GoldenPath

/// `scaffold preview`: renders a golden path with no git and nothing written except what
/// `--output` asks for, so a template author sees exactly what `new` would create.
///
/// `name` gets no special default: it is an ordinary parameter, and a made-up value would end
/// up in `.scaffold.yaml` and every file that uses it, looking like a real answer. As with
/// `new`, a missing required value is asked for at a terminal and is an error otherwise.
public enum PreviewGoldenPath {
    public struct Request: Sendable {
        public var goldenPath: String
        public var version: String?
        public var values: ValueArguments
        /// Also write the rendered files into this folder (missing or empty).
        public var output: String?
        /// Render this version too, from the same answers, and diff the two renders.
        public var compareTo: String?

        public init(goldenPath: String, version: String? = nil, values: ValueArguments = ValueArguments(),
                    output: String? = nil, compareTo: String? = nil) {
            self.goldenPath = goldenPath
            self.version = version
            self.values = values
            self.output = output
            self.compareTo = compareTo
        }
    }

    public struct Comparison: Sendable {
        public var version: String
        /// Unified diff from the render of `--version` to the render of `--compare-to`.
        public var difference: TreeDifference
        /// Answers the other version has no parameter or migration for, left out of its render.
        public var droppedAnswers: [String]
    }

    public struct Result: Sendable {
        public var goldenPath: String
        public var version: String
        public var tree: RenderedTree
        /// The folder written, when `--output` was given.
        public var output: String?
        public var comparison: Comparison?
    }

    public static func run(_ request: Request, catalog: CatalogContext, prompt: Prompter? = nil) throws(ScaffoldError) -> Result {
        let target = request.output.map(NewService.absolutePath)
        if let target { try NewService.checkTarget(target) }
        let version = try catalog.resolve(request.goldenPath, version: request.version)
        let goldenPath = try catalog.goldenPath(request.goldenPath, version: version)
        let inputs = try request.values.inputs(catalog: catalog.catalog)
        let created = LoadedGoldenPath.today()
        let render = try mapErrors {
            try goldenPath.render(inputs: inputs, source: catalog.sourceLabel, created: created, prompt: prompt)
        }

        var comparison: Comparison?
        if let other = request.compareTo {
            comparison = try compare(render, of: goldenPath, with: other, catalog: catalog, created: created)
        }
        if let target {
            let staging = try Staging(beside: target)
            do {
                try TreeWriter.write(render.tree, to: staging.path)
                try staging.move(to: target)
            } catch {
                staging.remove()
                throw error
            }
        }
        return Result(goldenPath: goldenPath.name, version: version.description, tree: render.tree,
                      output: target, comparison: comparison)
    }

    /// Renders `otherVersion` from the answers `render` recorded, migrated when moving forward
    /// (as an upgrade would carry them), and diffs the two trees.
    static func compare(_ render: ServiceRender, of goldenPath: LoadedGoldenPath, with otherVersion: String,
                        catalog: CatalogContext, created: String) throws(ScaffoldError) -> Comparison {
        let version = try catalog.resolve(goldenPath.name, version: otherVersion)
        let other = try catalog.goldenPath(goldenPath.name, version: version)
        var answers = render.answers
        if version > goldenPath.version {
            answers = Migration.migrate(answers, with: other.manifest.spec.migrations, to: version)
        }
        let platformRoots = PlatformKey.allCases.map { String($0.rawValue.prefix { $0 != "." }) }
        let known = Set(other.manifest.spec.parameters.map(\.name) + platformRoots)
        let dropped = answers.answers.names.filter { !known.contains($0) }
        var kept = AnswerEntries()
        for name in answers.answers.names where known.contains(name) { kept[name] = answers.answers[name] }
        answers.answers = kept
        answers.version = version
        let inputs = ValueInputs(platform: try catalog.platformFile(),
                                 answersFile: (answers, AnswersFile.fileName))
        let otherRender = try mapErrors {
            try other.render(inputs: inputs, source: catalog.sourceLabel, created: created)
        }
        let difference = try TreeDifference.between(render.tree, otherRender.tree)
        return Comparison(version: version.description, difference: difference, droppedAnswers: dropped)
    }
}
