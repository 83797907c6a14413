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
    /// A version folder as its release commit had it, and what changed in it since.
    struct Release: Sendable {
        /// The oldest commit that has the folder.
        var commit: OID
        /// The catalog's repository (its root is the catalog's).
        var repositoryRoot: String
        /// Paths inside the version folder changed since, committed or not, sorted.
        var changed: [String]
    }

    /// The findings per version folder (`AuthoredVersion.directory`).
    static func findings(for versions: [AuthoredVersion], allowEdits: Set<SemanticVersion>) -> [String: [LintFinding]] {
        let checked = versions.filter { !allowEdits.contains($0.version) }
        var result: [String: [LintFinding]] = [:]
        for (directory, release) in releases(of: checked) {
            guard let version = checked.first(where: { $0.directory == directory }) else { continue }
            result[directory] = release.changed.map { file in
                LintFinding(file: directory + "/" + file, line: 1, column: 1,
                            message: "\(version.name) \(version.version) was released in \(release.commit.abbreviated()) and this file changed since: "
                                + "released versions never change (start \(version.name) with scaffold release, or lint with --allow-edit \(version.version) for a deliberate fix)")
            }
        }
        return result
    }

    /// The release of each version that has one, by version folder; the history is walked once
    /// for all of them. Versions not committed yet, or outside a catalog repository, have none.
    static func releases(of versions: [AuthoredVersion]) -> [String: Release] {
        guard let first = versions.first,
              let repository = try? Repository(openingAt: first.directory, searchParents: true),
              let workdir = repository.workdir else { return [:] }
        let root = URL(fileURLWithPath: workdir).resolvingSymlinksInPath().path
        // Each version's folder as a path of the repository, when the catalog is the repository.
        var paths: [String: AuthoredVersion] = [:]
        for version in versions where URL(fileURLWithPath: version.catalog.root).resolvingSymlinksInPath().path == root {
            let folder = URL(fileURLWithPath: version.directory).resolvingSymlinksInPath().path
            if folder.hasPrefix(root + "/") { paths[String(folder.dropFirst(root.count + 1))] = version }
        }
        guard !paths.isEmpty else { return [:] }
        do throws(GitError) {
            guard let head = try repository.head().commit else { return [:] }
            // The oldest commit that has each folder: where that version was first released.
            var released: [String: (commit: OID, tree: OID)] = [:]
            for commit in try repository.log(from: head).reversed() where released.count < paths.count {
                let tree = try repository.tree(ofCommit: commit)
                for path in paths.keys where released[path] == nil {
                    if let entry = try repository.entry(at: path, in: tree), entry.isTree { released[path] = (commit, entry.oid) }
                }
            }
            let headTree = try repository.tree(ofCommit: head)
            let status = try repository.status(includeUntracked: true)
            var result: [String: Release] = [:]
            for (path, first) in released {
                var changed: Set<String> = []
                if let now = try repository.entry(at: path, in: headTree), now.oid != first.tree {
                    for file in try repository.diff(from: first.tree, to: now.oid).files {
                        changed.insert(file.status == .deleted ? file.oldPath : file.newPath)
                    }
                }
                for entry in status where entry.path.hasPrefix(path + "/") { changed.insert(String(entry.path.dropFirst(path.count + 1))) }
                result[paths[path]!.directory] = Release(commit: first.commit, repositoryRoot: workdir, changed: changed.sorted())
            }
            return result
        } catch {
            return [:]
        }
    }
}
