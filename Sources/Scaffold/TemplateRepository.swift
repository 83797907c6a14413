import CodeHost
import Foundation
import GitKit
import GoldenPath

/// A cookiecutter or copier template kept in git, whose version tags (`v1.2.0`, `1.2.0`; copier's
/// convention) are its versions: `scaffold new https://github.com/acme/copier-uv.git --version
/// 1.2.0`, and the template a copier- or cruft-made project names.
///
/// It is read as a catalog of one golden path: each version tag's files exported once into
/// `CLONE@versions/NAME/VERSION/` in the workspace cache, beside `.VERSION.origin` (the repository
/// as named and the tag, which copier records as `_src_path` and `_commit`). Every command then
/// works on it as on any catalog.
enum TemplateRepository {
    /// Whether `location` names a template repository rather than a folder or a catalog name: a
    /// URL (`https://`, `file://`, copier's and cruft's `gh:` and `gl:`), or a folder that is a
    /// git repository with no `cookiecutter.json`/`copier.yml` of its own work tree to use as is.
    static func names(_ location: String) -> Bool {
        if location.contains("://") || location.hasPrefix("gh:") || location.hasPrefix("gl:") { return true }
        guard NewService.templateFolder(location) != nil else { return false }
        return FileManager.default.fileExists(atPath: NewService.absolutePath(location) + "/.git")
    }

    /// The catalog of the template's version tags. `location` as the user or the answers file
    /// names it (kept as the catalog's source label and as copier's `_src_path`).
    static func catalog(_ location: String, environment: [String: String]) throws(ScaffoldError) -> CatalogContext {
        let name = ImportedTemplate.name(of: location)
        func fail(_ error: GitError) -> ScaffoldError { ScaffoldError(error, path: location, kind: .operationFailed) }
        let root: String
        let exported: Int
        if location.contains("://") || location.hasPrefix("gh:") || location.hasPrefix("gl:") {
            // Exported while the clone is locked: concurrent runs share one export.
            (root, exported) = try Workspace.withFetchedClone(of: ImportedTemplate.cloneURL(location), location: location, environment: environment,
                                                               what: "template") { (repository, _, folder) throws(GitError) in
                (folder + "@versions", try exportVersions(of: repository, to: folder + "@versions/" + name, location: location))
            }
        } else {
            let path = NewService.absolutePath(location)
            root = Workspace.standard(nil, environment: environment).root + "/local/" + String(StableHash.fnv1a64(path), radix: 16) + "@versions"
            do throws(GitError) {
                exported = try exportVersions(of: try Repository(openingAt: path), to: root + "/" + name, location: location)
            } catch { throw fail(error) }
        }
        guard exported > 0 else {
            throw ScaffoldError(file: location, message: "the template repository has no version tags (like v1.0.0 or 1.0.0)")
        }
        return CatalogContext(catalog: Catalog(root: root), origin: .flag, sourceLabel: location)
    }

    /// Each version tag's files into `folder/VERSION`; how many tags are versions.
    private static func exportVersions(of repository: Repository, to folder: String, location: String) throws(GitError) -> Int {
        var exported = 0
        for tag in try repository.referenceNames(matching: "refs/tags/*") {
            let tagName = String(tag.dropFirst("refs/tags/".count))
            guard let version = SemanticVersion.fromTag(tagName),
                  let oid = try repository.reference(named: tag) else { continue }
            let commit = try repository.peelToCommit(oid)
            try exportOnce(repository, commit, to: "\(folder)/\(version)",
                           origin: ImportedTemplate.Origin(srcPath: location, tag: tagName, commit: commit.hex))
            exported += 1
        }
        return exported
    }

    /// Exports `commit` to `folder` unless a folder of that commit is there already (a moved tag
    /// is exported again): written under a temporary name and renamed, so a reader never sees half.
    private static func exportOnce(_ repository: Repository, _ commit: OID, to folder: String,
                                   origin: ImportedTemplate.Origin) throws(GitError) {
        let fm = FileManager.default
        let originFile = ImportedTemplate.originFile(of: folder)
        if fm.fileExists(atPath: folder), ImportedTemplate.origin(of: folder) == origin { return }
        let partial = folder + ".partial-\(getpid())"
        try? fm.removeItem(atPath: partial)
        InterruptCleanup.register(partial)
        defer { InterruptCleanup.unregister(partial) }
        do { try fm.createDirectory(atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true) } catch {
            throw GitError(code: .generic, errorClass: .os, message: error.localizedDescription, operation: "export the template")
        }
        try repository.export(commit, to: partial)
        try? fm.removeItem(atPath: folder)
        do {
            try fm.moveItem(atPath: partial, toPath: folder)
            try ImportedTemplate.originText(origin).write(toFile: originFile, atomically: true, encoding: .utf8)
        } catch {
            try? fm.removeItem(atPath: partial)
            throw GitError(code: .generic, errorClass: .os, message: error.localizedDescription, operation: "export the template")
        }
    }
}
