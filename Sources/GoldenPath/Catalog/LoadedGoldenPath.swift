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

    public var name: String { manifest.metadata.name }
    public var version: SemanticVersion { manifest.metadata.version }

    public init(catalog: Catalog, name: String, version: SemanticVersion) throws(GoldenPathError) {
        let manifest = try catalog.manifest(of: name, version: version)
        let directory = catalog.directory(of: name, version: version)
        self.manifest = manifest
        self.directory = directory
        self.templates = try GoldenPathTemplates(source: try TemplateSource.read(from: directory + "/template"),
                                                 rules: manifest.spec.files, options: manifest.spec.templateOptions,
                                                 platformOutputs: manifest.hasPlatformOutputs)
        self.expressions = ExpressionEngine(undefined: manifest.spec.templateOptions.undefined)
    }
}

/// A service's render: the resolved values, the context templates saw, the answers file and the tree.
public struct ServiceRender: Sendable {
    public let values: ResolvedValues
    public let context: ValueDict
    public let answers: AnswersFile
    public let tree: RenderedTree
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
