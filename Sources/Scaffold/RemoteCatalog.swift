import CodeHost
import Foundation
import GitKit

/// A catalog that is a git repository (`--catalog https://github.com/acme/golden-paths.git#v3`,
/// or `$SCAFFOLD_CATALOG`): a bare clone in the workspace cache, fetched once per command, and the
/// files of the commit `#REF` names (a branch, tag or commit; the default branch without one)
/// exported once into `CLONE@COMMIT/`, which never changes afterwards, so concurrent runs and
/// later runs on the same commit share it.
enum RemoteCatalog {
    /// Whether `location` names a remote catalog rather than a folder.
    static func isRemote(_ location: String) -> Bool {
        location.contains("://")
    }

    /// The folder holding the catalog's files, and the commit they are.
    static func checkout(_ location: String, environment: [String: String]) throws(ScaffoldError) -> (folder: String, commit: OID) {
        let parts = location.split(separator: "#", maxSplits: 1).map(String.init)
        let url = parts[0]
        let ref = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        return try Workspace.withFetchedClone(of: url, location: location, environment: environment, what: "catalog") {
            (repository, state, folder) throws(GitError) in
            try files(of: repository, state: state, ref: ref, in: folder, location: location)
        }
    }

    /// Exports the commit `ref` names once, beside the clone at `folder`.
    private static func files(of repository: Repository, state: RemoteState, ref: String?, in folder: String,
                              location: String) throws(GitError) -> (folder: String, commit: OID) {
        let commit = try resolve(ref, in: repository, state: state, location: location)
        let files = folder + "@" + commit.hex
        if !FileManager.default.fileExists(atPath: files) {
            let partial = files + ".partial-\(getpid())"
            try? FileManager.default.removeItem(atPath: partial)
            try repository.export(commit, to: partial)
            do { try FileManager.default.moveItem(atPath: partial, toPath: files) } catch {
                try? FileManager.default.removeItem(atPath: partial)
                // Another run exported the same commit first: its folder is as good.
                if !FileManager.default.fileExists(atPath: files) {
                    throw GitError(code: .generic, errorClass: .os, message: error.localizedDescription, operation: "export the catalog")
                }
            }
        }
        return (files, commit)
    }

    /// `ref` as git reads it: a branch of the remote, a tag, or a commit; the default branch when nil.
    static func resolve(_ ref: String?, in repository: Repository, state: RemoteState, location: String) throws(GitError) -> OID {
        guard let ref else {
            guard let branch = state.defaultBranch, let tip = state.branches["refs/heads/" + branch] else {
                throw GitError(code: .notFound, errorClass: .reference, message: "the catalog repository has no default branch",
                               operation: "resolve the catalog")
            }
            return tip
        }
        for name in ["refs/remotes/origin/" + ref, "refs/tags/" + ref] {
            if let oid = try repository.reference(named: name) { return try repository.peelToCommit(oid) }
        }
        if ref.count == 40, let oid = try? OID(hex: ref), repository.contains(oid) { return try repository.peelToCommit(oid) }
        throw GitError(code: .notFound, errorClass: .reference,
                       message: "'\(ref)' is no branch, tag or commit of the catalog repository", operation: "resolve the catalog")
    }
}
