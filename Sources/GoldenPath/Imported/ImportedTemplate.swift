import Foundation
import TemplateLanguage
import YAMLKit

/// A template another tool made, used as it is: a cookiecutter or a copier template. Each reads its
/// own configuration into a manifest (parameters, file rules, template options) and resolves its
/// values by its own tool's rules; the renderer, the merge and everything above are shared.
public enum ImportedTemplate: Sendable {
    case cookiecutter(CookiecutterTemplate)
    case copier(CopierTemplate)

    /// The imported template in `directory`, or nil for a native golden path (a folder with a
    /// `golden-path.yaml` is native whatever else it holds).
    static func load(directory: String, name: String, version: SemanticVersion) throws(GoldenPathError) -> (ImportedTemplate, Manifest)? {
        guard !FileManager.default.fileExists(atPath: directory + "/" + Catalog.manifestName) else { return nil }
        if CookiecutterTemplate.isTemplate(directory) {
            let (template, manifest) = try CookiecutterTemplate.load(directory: directory, name: name, version: version)
            return (.cookiecutter(template), manifest)
        }
        if CopierTemplate.configFile(in: directory) != nil {
            let (template, manifest) = try CopierTemplate.load(directory: directory, name: name, version: version)
            return (.copier(template), manifest)
        }
        return nil
    }

    /// Whether `directory` holds a cookiecutter or copier template.
    public static func isTemplate(_ directory: String) -> Bool {
        CookiecutterTemplate.isTemplate(directory) || CopierTemplate.configFile(in: directory) != nil
    }

    /// The tool's name, for messages.
    public var tool: String {
        switch self {
        case .cookiecutter: return "cookiecutter"
        case .copier: return "copier"
        }
    }
}

extension ImportedTemplate {
    /// Where a version exported from a template repository came from: the repository as named
    /// (copier's `_src_path`, cruft's `template`), the tag (copier's `_commit`) and the commit
    /// (cruft's `commit`). Written by the Scaffold layer beside the version folder as
    /// `.VERSION.origin`; nil for a plain folder.
    public struct Origin: Sendable, Equatable {
        public var srcPath: String
        public var tag: String
        public var commit: String

        public init(srcPath: String, tag: String, commit: String) {
            self.srcPath = srcPath
            self.tag = tag
            self.commit = commit
        }
    }

    public static func originFile(of directory: String) -> String {
        (directory as NSString).deletingLastPathComponent + "/." + (directory as NSString).lastPathComponent + ".origin"
    }

    public static func origin(of directory: String) -> Origin? {
        guard let text = try? String(contentsOfFile: originFile(of: directory), encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        guard let src = fields["src_path"], let tag = fields["commit"], let commit = fields["commit_hash"] else { return nil }
        return Origin(srcPath: src, tag: tag, commit: commit)
    }

    public static func originText(_ origin: Origin) -> String {
        "src_path: \(origin.srcPath)\ncommit: \(origin.tag)\ncommit_hash: \(origin.commit)\n"
    }

    /// `gh:OWNER/NAME` and `gl:OWNER/NAME` as the clone URLs copier and cruft expand them to.
    public static func cloneURL(_ location: String) -> String {
        for (prefix, host) in [("gh:", "github.com"), ("gl:", "gitlab.com")] where location.hasPrefix(prefix) {
            let path = location.dropFirst(prefix.count)
            return "https://\(host)/\(path)" + (path.hasSuffix(".git") ? "" : ".git")
        }
        return location
    }

    /// A template repository's golden path name: its last path component, without `.git`.
    public static func name(of location: String) -> String {
        var last = (cloneURL(location).trimmingCharacters(in: CharacterSet(charactersIn: "/")) as NSString).lastPathComponent
        if last.hasSuffix(".git") { last.removeLast(4) }
        return last.isEmpty ? "template" : last
    }
}

extension TemplateOptions {
    /// Jinja environment settings a tool's config passes through (cookiecutter's
    /// `_jinja2_env_vars`, copier's `_envops`): `trim_blocks` and `lstrip_blocks`, the defaults
    /// that are scaffold's own, and `undefined` where the tool lets templates choose.
    mutating func apply(jinjaSettings node: YAMLNode, file: String, key: String, undefinedChoice: Bool) throws(GoldenPathError) {
        for setting in node.mapping ?? [] {
            let name = setting.key.scalar?.value ?? ""
            let text = setting.value.scalar?.value
            switch (name, setting.value.scalar?.resolved) {
            case ("trim_blocks", .bool(let b)?): trimBlocks = b
            case ("lstrip_blocks", .bool(let b)?): lstripBlocks = b
            case ("keep_trailing_newline", .bool(true)?), ("autoescape", .bool(false)?): break
            case ("undefined", _) where undefinedChoice && text == "jinja2.StrictUndefined": undefined = .strict
            case ("undefined", _) where undefinedChoice && text == "jinja2.Undefined": undefined = .lenient
            default:
                throw GoldenPathError(file: file, mark: setting.key.mark, keyPath: "\(key).\(name)",
                                      message: "not supported: scaffold takes trim_blocks and lstrip_blocks (true or false)"
                                        + (undefinedChoice ? " and undefined" : "") + " here, with Jinja's own delimiters")
            }
        }
    }
}

extension Value {
    var listItems: [Value] { if case .list(let items) = self { return items } else { return [] } }
}
