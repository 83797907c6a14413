import Foundation
import GitKit
import GoldenPath

/// Released versions never change: upgrades re-render an old version and expect the bytes its
/// services were made with. When the catalog is a git repository (the repository's root is the
/// catalog's, as for `acme/golden-paths.git`; a catalog folder inside another project's
/// repository is that project's history, not the catalog's), a version folder is compared
/// with the commit that first added it, and every file changed since (committed or not) is a lint
/// finding, unless the author allows that version's edit (`--allow-edit V`, a deliberate hotfix).
enum ReleasedVersions {
    static func findings(for version: AuthoredVersion, allowEdits: Set<SemanticVersion>) -> [LintFinding] {
        guard !allowEdits.contains(version.version),
              let repository = try? Repository(openingAt: version.directory, searchParents: true),
              let workdir = repository.workdir else { return [] }
        let root = URL(fileURLWithPath: workdir).resolvingSymlinksInPath().path
        let folder = URL(fileURLWithPath: version.directory).resolvingSymlinksInPath().path
        guard folder.hasPrefix(root + "/"), URL(fileURLWithPath: version.catalog.root).resolvingSymlinksInPath().path == root else { return [] }
        let path = String(folder.dropFirst(root.count + 1))
        do throws(GitError) {
            guard let head = try repository.head().commit else { return [] }
            let commits = try repository.log(from: head)
            // The oldest commit that has the folder: where this version was first released.
            var first: (commit: OID, tree: OID)?
            for commit in commits.reversed() {
                if let entry = try repository.entry(at: path, in: try repository.tree(ofCommit: commit)), entry.isTree {
                    first = (commit, entry.oid)
                    break
                }
            }
            guard let first else { return [] }  // not committed yet: a version being made
            var changed: Set<String> = []
            if let now = try repository.entry(at: path, in: try repository.tree(ofCommit: head)), now.oid != first.tree {
                for file in try repository.diff(from: first.tree, to: now.oid).files {
                    changed.insert(file.status == .deleted ? file.oldPath : file.newPath)
                }
            }
            for entry in try repository.status(includeUntracked: true) where entry.path.hasPrefix(path + "/") {
                changed.insert(String(entry.path.dropFirst(path.count + 1)))
            }
            return changed.sorted().map { file in
                LintFinding(file: version.directory + "/" + file, line: 1, column: 1,
                            message: "\(version.name) \(version.version) was released in \(first.commit.abbreviated()) and this file changed since: "
                                + "released versions never change (start \(version.name) with scaffold release, or lint with --allow-edit \(version.version) for a deliberate fix)")
            }
        } catch {
            return []
        }
    }
}
