import Foundation
import GitKit
import GoldenPath

/// Pristine renders in a service's history: commits whose tree is exactly what the golden path
/// rendered, marked with a `Scaffold-Template: <name> <version>` trailer. `new` makes the first;
/// each upgrade adds one on top of the previous, so a merge base is always at hand.
enum Pristine {
    static let trailerKey = "Scaffold-Template"
    static let folderTrailerKey = "Scaffold-Folder"

    static func trailerValue(goldenPath: String, version: SemanticVersion) -> String {
        "\(goldenPath) \(version)"
    }
}

/// Rendered trees as git objects.
enum GitTree {
    /// Writes every file as a blob and returns the tree's entries.
    static func entries(of tree: RenderedTree, in repository: Repository) throws(GitError) -> [TreeEntry] {
        var entries: [TreeEntry] = []
        entries.reserveCapacity(tree.files.count)
        for file in tree.files {
            let mode: GitKit.FileMode
            switch file.mode {
            case .regular: mode = .file
            case .executable: mode = .executable
            case .symlink: mode = .symlink
            }
            entries.append(TreeEntry(path: file.path, oid: try repository.writeBlob(file.bytes), mode: mode))
        }
        return entries
    }
}

extension Signature {
    /// `Name <email>`, as `--author` takes it.
    init?(parsing text: String) {
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard !name.isEmpty, !email.isEmpty, !email.contains(where: { $0 == "<" || $0 == ">" || $0.isNewline }),
              !name.contains(where: { $0 == "<" || $0 == ">" || $0.isNewline }) else { return nil }
        self.init(name: name, email: email)
    }
}
