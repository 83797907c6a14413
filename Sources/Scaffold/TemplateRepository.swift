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

    static func cloneURL(_ location: String) -> String { ImportedTemplate.cloneURL(location) }

    static func name(of location: String) -> String { ImportedTemplate.name(of: location) }

    /// The catalog of the template's version tags. `location` as the user or the answers file
    /// names it (kept as the catalog's source label and as copier's `_src_path`).
    static func catalog(_ location: String, environment: [String: String]) throws(ScaffoldError) -> CatalogContext {
        let workspace = Workspace.standard(nil, environment: environment)
        let name = name(of: location)
        func fail(_ error: GitError) -> ScaffoldError { ScaffoldError(error, path: location, kind: .operationFailed) }
        let repository: Repository
        let root: String
        if location.contains("://") || location.hasPrefix("gh:") || location.hasPrefix("gl:") {
            let url = cloneURL(location)
            if let problem = FleetDiscovery.remoteProblem(url) { throw ScaffoldError(file: location, message: problem) }
            guard let folder = workspace.folder(for: url) else {
                throw ScaffoldError(file: location, message: "expected a clone URL like https://HOST/OWNER/NAME.git")
            }
            var credentials: RemoteCredentials?
            if case .success(let hosted) = HostedRepository.parse(url, environment: environment), let token = hosted.token(in: environment) {
                credentials = RemoteCredentials(username: hosted.host.gitUser, password: token)
            }
            guard let lock = try workspace.lock(folder) else {
                throw ScaffoldError(.operationFailed, file: location, message: "another scaffold run is fetching this template")
            }
            defer { withExtendedLifetime(lock) {} }
            do throws(GitError) {
                repository = try Workspace.openOrClone(url, at: folder, credentials: credentials)
                _ = try repository.fetch(remote: "origin", credentials: credentials, tags: true)
            } catch { throw fail(error) }
            root = folder + "@versions"
        } else {
            let path = NewService.absolutePath(location)
            do throws(GitError) { repository = try Repository(openingAt: path) } catch { throw fail(error) }
            root = workspace.root + "/local/" + String(StableHash.fnv1a64(path), radix: 16) + "@versions"
        }
        var exported = 0
        do throws(GitError) {
            for tag in try repository.referenceNames(matching: "refs/tags/*") {
                let tagName = String(tag.dropFirst("refs/tags/".count))
                guard let version = SemanticVersion(tagName.hasPrefix("v") ? String(tagName.dropFirst()) : tagName),
                      let oid = try repository.reference(named: tag) else { continue }
                let commit = try repository.peelToCommit(oid)
                try exportOnce(repository, commit, to: "\(root)/\(name)/\(version)",
                               origin: ImportedTemplate.Origin(srcPath: location, tag: tagName, commit: commit.hex))
                exported += 1
            }
        } catch { throw fail(error) }
        guard exported > 0 else {
            throw ScaffoldError(file: location, message: "the template repository has no version tags (like v1.0.0 or 1.0.0)")
        }
        return CatalogContext(catalog: Catalog(root: root), origin: .flag, sourceLabel: location)
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
