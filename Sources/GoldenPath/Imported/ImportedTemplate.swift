import Foundation
import TemplateLanguage

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

extension Value {
    var listItems: [Value] { if case .list(let items) = self { return items } else { return [] } }
}
