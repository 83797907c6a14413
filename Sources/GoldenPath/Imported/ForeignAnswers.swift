import Foundation
import Locations
import TemplateLanguage
import YAMLKit

/// The answers files copier and cruft leave in the projects they make, read as a `.scaffold.yaml`
/// would be, so `upgrade`, `diff`, `check`, `status` and `upgrade --all` take those projects over
/// as they are. The project keeps its tool's file (copier's is rendered by the template itself;
/// cruft's scaffold writes back in cruft's format), so the team can go on using that tool.
extension AnswersFile {
    public static let copierName = ".copier-answers.yml"
    public static let cruftName = ".cruft.json"

    /// Which file records a service's template and answers.
    public enum Format: Sendable, Equatable {
        case scaffold
        /// `.copier-answers.yml`: `_src_path`, `_commit` (a version tag), the answers.
        case copier
        /// `.cruft.json`: `template`, `commit` (a hash; its version is the tag on it), the context;
        /// `pinned` when the project was made with `--checkout TAG` (cruft then records the tag),
        /// `skip` as recorded.
        case cruft(commit: String, pinned: Bool, skip: [String])
    }

    /// The file name a format is read from.
    public static func fileName(of format: Format) -> String {
        switch format {
        case .scaffold: return fileName
        case .copier: return copierName
        case .cruft: return cruftName
        }
    }

    /// `.copier-answers.yml`. `folderName` is copier's `_folder_name` (the project's folder).
    public static func parseCopier(_ text: String, file: String, folderName: String, created: String) throws(GoldenPathError) -> AnswersFile {
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: file) } catch { throw GoldenPathError(error) }
        guard let pairs = node.mapping else {
            throw GoldenPathError(file: file, mark: node.mark, message: "expected copier's answers: a mapping with _src_path and _commit")
        }
        func field(_ key: String) throws(GoldenPathError) -> (String, Mark) {
            guard let pair = pairs.first(where: { $0.key.scalar?.value == key }), let value = pair.value.scalar?.value else {
                throw GoldenPathError(file: file, mark: node.mark, message: "copier's answers have no \(key): the project was not made from a template repository scaffold can read")
            }
            return (value, pair.value.mark)
        }
        let (source, _) = try field("_src_path")
        let (commit, commitMark) = try field("_commit")
        guard let version = SemanticVersion.fromTag(commit) else {
            throw GoldenPathError(file: file, mark: commitMark, keyPath: "_commit",
                                  message: "'\(commit)' is not a version tag: scaffold upgrades between the template's tagged versions")
        }
        var answers = AnswerEntries()
        answers["_folder_name"] = .string(folderName)
        for pair in pairs {
            guard let key = pair.key.scalar?.value, !key.hasPrefix("_") else { continue }
            answers[key] = pair.value
        }
        var parsed = AnswersFile(goldenPath: ImportedTemplate.name(of: source), version: version, source: source, created: created,
                                 answers: answers, defaults: AnswerEntries())
        parsed.format = .copier
        parsed.goldenPathLocation = SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
        parsed.versionLocation = SourceLocation(file: file, line: commitMark.line, column: commitMark.column)
        return parsed
    }

    /// `.cruft.json`. Its version is not known from the file (a commit hash): it is 0.0.0 until
    /// the template repository says which tag is on that commit (`resolvingCruftVersion`).
    public static func parseCruft(_ text: String, file: String, created: String) throws(GoldenPathError) -> AnswersFile {
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: file) } catch { throw GoldenPathError(error) }
        guard let template = node["template"]?.scalar?.value, let commit = node["commit"]?.scalar?.value,
              let context = node["context"]?["cookiecutter"]?.mapping else {
            throw GoldenPathError(file: file, mark: node.mark, message: "expected cruft's state: template, commit and context.cookiecutter")
        }
        if let directory = node["directory"]?.scalar, directory.resolved != .null {
            throw GoldenPathError(file: file, mark: node.mark, keyPath: "directory", message: "cruft's 'directory' (a template in a subfolder) is not supported yet")
        }
        var answers = AnswerEntries()
        // What cruft passes again on update: the context without its `_` entries.
        for pair in context {
            guard let key = pair.key.scalar?.value, !key.hasPrefix("_") else { continue }
            answers[key] = pair.value
        }
        var parsed = AnswersFile(goldenPath: ImportedTemplate.name(of: template), version: SemanticVersion(major: 0, minor: 0, patch: 0),
                                 source: template, created: created, answers: answers, defaults: AnswerEntries())
        let pinned = node["checkout"]?.scalar.map { $0.resolved != .null } ?? false
        let skip = (node["skip"]?.sequence ?? []).compactMap { $0.scalar?.value }
        parsed.format = .cruft(commit: commit, pinned: pinned, skip: skip)
        parsed.goldenPathLocation = SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
        parsed.versionLocation = parsed.goldenPathLocation
        return parsed
    }

    /// `.cruft.json` as cruft writes it (`json.dumps(state, ensure_ascii=False, indent=2,
    /// separators=(",", ": "))` and a newline), for a render of the version at `commit`.
    static func cruftState(template: String, commit: String, checkout: String?, context: ValueDict,
                           skip: [String]) throws(GoldenPathError) -> String {
        var state = ValueDict([
            ("template", .string(template)), ("commit", .string(commit)), ("checkout", checkout.map(Value.string) ?? .none),
            ("context", .dict(context)), ("directory", .none),
        ])
        if !skip.isEmpty { state["skip"] = .list(skip.map(Value.string)) }
        do throws(TemplateError) { return try PythonJSON.dumps(.dict(state), indent: 2, ensureASCII: false) + "\n" }
        catch { throw GoldenPathError(file: cruftName, message: error.message) }
    }
}
