import Locations
import TemplateLanguage
import YAMLKit

/// `.scaffold.yaml`: which golden path and version made a service, from which catalog, when, and
/// with which answers. Explicit answers are kept apart from values that came from defaults, so an
/// upgrade re-resolves the defaults from the new version. Keys a developer added are kept as written.
public struct AnswersFile: Sendable {
    public static let fileName = ".scaffold.yaml"

    public var goldenPath: String
    public var version: SemanticVersion
    /// The catalog the golden path came from.
    public var source: String
    /// `YYYY-MM-DD`; the only clock reading of a render, so re-renders reproduce it.
    public var created: String
    /// What the user gave (values files, --set, prompts), including platform overrides as nested mappings.
    public var answers: AnswerEntries
    /// Parameter values that came from defaults.
    public var defaults: AnswerEntries
    /// Where an imported template's `uuid4()` and `random_ascii_string()` draw from: chosen once
    /// at `new`, so every re-render draws the same values. Nil for native golden paths.
    public var seed: UInt64?
    /// Top-level keys this engine does not know, preserved in order.
    public var extra: [YAMLPair]
    /// The file this was read from: `.scaffold.yaml`, or the answers file of the copier or cruft
    /// that made the project (renders then write that file instead of `.scaffold.yaml`).
    public var format: Format = .scaffold
    /// Where `golden_path` and `version` are written, for errors about them (a golden path or
    /// version the catalog does not have); nil for a file built in code.
    public var goldenPathLocation: SourceLocation?
    public var versionLocation: SourceLocation?

    static let knownKeys = ["golden_path", "version", "source", "created", "seed", "answers", "defaults"]

    public init(goldenPath: String, version: SemanticVersion, source: String, created: String,
                answers: AnswerEntries, defaults: AnswerEntries, extra: [YAMLPair] = []) {
        self.goldenPath = goldenPath
        self.version = version
        self.source = source
        self.created = created
        self.answers = answers
        self.defaults = defaults
        self.extra = extra
    }

    public static func parse(_ text: String, file: String) throws(GoldenPathError) -> AnswersFile {
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: file) } catch { throw GoldenPathError(error) }
        guard let pairs = node.mapping else {
            throw GoldenPathError(file: file, mark: node.mark, message: "expected a mapping with golden_path, version, source, created and answers")
        }
        let known = pairs.filter { knownKeys.contains($0.key.scalar?.value ?? "") }
        let r = try MappingReader(YAMLNode(.mapping(known), mark: node.mark), file: file, path: "", allowed: knownKeys,
                                  required: ["golden_path", "version", "created"])
        let versionText = try r.text("version") ?? ""
        guard let version = SemanticVersion(versionText) else {
            throw r.error("version", "'\(versionText)' is not a semantic version")
        }
        let created = try r.text("created") ?? ""
        guard isDate(created) else { throw r.error("created", "expected a date like 2026-11-28") }
        var parsed = AnswersFile(
            goldenPath: try r.string("golden_path") ?? "", version: version, source: try r.text("source") ?? "",
            created: created, answers: try entries(r, "answers"), defaults: try entries(r, "defaults"),
            extra: pairs.filter { !knownKeys.contains($0.key.scalar?.value ?? "") })
        let place = { (key: String) in r.value(key).map { SourceLocation(file: file, line: $0.mark.line, column: $0.mark.column) } }
        if let seed = try r.text("seed") {
            guard let value = UInt64(seed) else { throw r.error("seed", "expected a whole number, as scaffold wrote it") }
            parsed.seed = value
        }
        parsed.goldenPathLocation = place("golden_path")
        parsed.versionLocation = place("version")
        return parsed
    }

    private static func entries(_ r: MappingReader, _ key: String) throws(GoldenPathError) -> AnswerEntries {
        guard let v = r.value(key) else { return AnswerEntries() }
        guard let pairs = v.mapping else { throw r.error(key, "expected a mapping of answers, got \(v.kindDescription)") }
        return AnswerEntries(pairs)
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// The file's text, written with libyaml; every string reads back as the same string.
    public func serialized() throws(GoldenPathError) -> String {
        var pairs: [YAMLPair] = [
            YAMLPair(key: .string("golden_path"), value: .string(goldenPath)),
            YAMLPair(key: .string("version"), value: .string(version.description)),
            YAMLPair(key: .string("source"), value: .string(source)),
            YAMLPair(key: .string("created"), value: .string(created)),
        ]
        if let seed { pairs.append(YAMLPair(key: .string("seed"), value: .plain(String(seed)))) }
        pairs += [
            YAMLPair(key: .string("answers"), value: answers.node),
            YAMLPair(key: .string("defaults"), value: defaults.node),
        ]
        pairs += extra
        do {
            return try YAML.emit(YAMLNode(.mapping(pairs)))
        } catch {
            throw GoldenPathError(file: Self.fileName, message: error.message)
        }
    }

    /// The answers with every value recorded under `defaults:` for a parameter `manifest` marks
    /// `sticky` moved under `answers:`: a service made before the parameter became sticky keeps
    /// the value it has instead of resolving the new version's default.
    public func keepingSticky(of manifest: Manifest) -> AnswersFile {
        var copy = self
        for parameter in manifest.spec.parameters where parameter.sticky {
            guard copy.answers[parameter.name] == nil, let recorded = copy.defaults[parameter.name] else { continue }
            copy.answers[parameter.name] = recorded
            copy.defaults.remove(parameter.name)
        }
        return copy
    }
}
