import Foundation
import GoldenPath
import TemplateLanguage

/// Resolves `{% include %}` and `{% import %}` names relative to one folder, for
/// `scaffold render`: like a golden path's loader, it never serves a file outside that folder,
/// links included (`pw -> /etc/passwd` is not found).
struct FolderLoader: TemplateLoader {
    let folder: String

    func loadTemplate(named name: String) throws(TemplateError) -> String? {
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else { return nil }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path
        guard let resolved = TemplateSource.realPath(path), let root = TemplateSource.realPath(folder),
              resolved.hasPrefix(root + "/") else { return nil }
        guard let data = FileManager.default.contents(atPath: resolved) else { return nil }
        return String(validating: [UInt8](data), as: UTF8.self)
    }
}
