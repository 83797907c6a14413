import CodeHost
import Foundation
import GitKit

/// The cache of remote repositories a fleet run works in: one full bare clone per repository
/// under `root/HOST/PATH` (libgit2 1.5 cannot clone shallow), cloned on the first run and
/// fetched on later ones. Bare, because upgrades there only ever commit on branches: no work
/// tree is written or scanned. The clones are scaffold's own: each run puts the default branch and the `scaffold/`
/// branches exactly where the remote has them, so a service is always upgraded from the remote's
/// tip, never from a stale local state. No token is ever written here: the remote URL stays as
/// given and credentials go to libgit2 in memory.
public struct Workspace: Sendable {
    public var root: String

    public init(root: String) { self.root = root }

    /// `--workspace`, else `$XDG_CACHE_HOME/scaffold/repositories`, else `~/.cache/scaffold/repositories`.
    public static func standard(_ option: String?, environment: [String: String]) -> Workspace {
        if let option { return Workspace(root: NewService.absolutePath(option)) }
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return Workspace(root: cache + "/scaffold/repositories")
    }

    /// Held while one run works on the clone at `folder` (beside it, `FOLDER.lock`): a second run
    /// on the same workspace waits its turn per repository instead of racing. Nil when held.
    func lock(_ folder: String) throws(ScaffoldError) -> AnyObject? {
        try UpgradeLock.acquire(file: folder + ".lock")
    }

    /// `index.lock`, `HEAD.lock`, `packed-refs.lock` and reference locks a killed run left in a clone.
    static func removeStaleLocks(in gitdir: String) {
        for name in ["index.lock", "HEAD.lock", "packed-refs.lock"] { try? FileManager.default.removeItem(atPath: gitdir + "/" + name) }
        let refs = gitdir + "/refs"
        let enumerator = FileManager.default.enumerator(atPath: refs)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".lock") { try? FileManager.default.removeItem(atPath: refs + "/" + path) }
        }
    }

    /// The bare clone of `url` at `folder` brought to the remote's state, swept of what a killed
    /// run left: fetched, or cloned when there is none (whatever else is there is replaced; the
    /// clone's own fetch is the only request). Call it holding `lock(folder)`.
    static func fetchedClone(_ url: String, at folder: String, credentials: RemoteCredentials?,
                             tags: Bool = false) throws(GitError) -> (Repository, RemoteState) {
        if let existing = clone(at: folder) {
            removeStaleLocks(in: folder)
            return (existing, try existing.fetch(remote: "origin", credentials: credentials, tags: tags))
        }
        if FileManager.default.fileExists(atPath: folder) { try? FileManager.default.removeItem(atPath: folder) }
        removePartialClones(of: folder)
        return try Repository.clone(url, into: folder, credentials: credentials, bare: true, tags: tags)
    }

    /// The bare clone at `folder`, or nil when there is none (or something else is there).
    static func clone(at folder: String) -> Repository? {
        guard FileManager.default.fileExists(atPath: folder + "/HEAD"),
              let repository = try? Repository(openingAt: folder), repository.workdir == nil else { return nil }
        return repository
    }

    /// What a clone killed before its rename left beside `folder` (`Repository.clone`'s `.partial-NAME-PID`).
    static func removePartialClones(of folder: String) {
        let parent = (folder as NSString).deletingLastPathComponent
        let prefix = ".partial-" + (folder as NSString).lastPathComponent + "-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
    }

    /// Where the clone of `url` lives: `root/HOST[_PORT]/PATH` (without `.git`). A URL whose path
    /// would leave the workspace (`..`) has none.
    public func folder(for url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty || components.scheme == "file" else {
            return nil
        }
        var path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if path.hasSuffix(".git") { path = String(path.dropLast(4)) }
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { return nil }
        let hostFolder = host.isEmpty ? "local" : host.lowercased() + (components.port.map { "_\($0)" } ?? "")
        return ([root, hostFolder] + parts).joined(separator: "/")
    }

    /// The repository's clone, brought to the remote's state: cloned when absent, else fetched
    /// (pruned); the default branch (`defaultBranch`, else the remote's HEAD) checked out at the
    /// remote's tip; local `scaffold/` branches set to the remote's or deleted when the remote
    /// has none. Returns the default branch.
    ///
    /// Call it holding `lock(folder)`: a lock file git or libgit2 left in the clone is then one a
    /// killed run left, and is removed.
    public func sync(_ url: String, at folder: String, credentials: RemoteCredentials?,
                     defaultBranch: String?) throws(ScaffoldError) -> String {
        do throws(GitError) {
            let (repository, remote) = try Self.fetchedClone(url, at: folder, credentials: credentials)
            guard let branch = defaultBranch ?? remote.defaultBranch,
                  let tip = remote.branches["refs/heads/" + branch] else {
                throw GitError(code: .notFound, errorClass: .reference,
                               message: "the remote has no default branch (an empty repository?)", operation: "sync \(url)")
            }
            // Each reference is written only when it moves: a re-run with nothing new writes nothing.
            let message = "scaffold: sync with \(url)"
            func point(_ name: String, at commit: OID) throws(GitError) {
                if try repository.reference(named: name) != commit {
                    try repository.updateReference(named: name, to: commit, message: message)
                }
            }
            try point("refs/heads/" + branch, at: tip)
            if try repository.head().branchName != branch { try repository.setHead(branch: branch) }
            for local in try repository.branches() where local.name.hasPrefix("scaffold/") && remote.branches["refs/heads/" + local.name] == nil {
                try repository.deleteReference(named: "refs/heads/" + local.name)
            }
            for (name, commit) in remote.branches where name.hasPrefix("refs/heads/scaffold/") {
                try point(name, at: commit)
            }
            return branch
        } catch {
            throw ScaffoldError(error, path: url, kind: .operationFailed)
        }
    }

    /// The workspace's bare clone of `url` (a catalog, a template), cloned or fetched with its tags,
    /// `body` run on it while the clone is locked against other runs. A token goes along only to a
    /// host scaffold knows (a private repository); `location` is the URL as the user wrote it.
    static func withFetchedClone<T>(of url: String, location: String, environment: [String: String], what: String,
                                    _ body: (Repository, RemoteState, String) throws(GitError) -> T) throws(ScaffoldError) -> T {
        if let problem = FleetDiscovery.remoteProblem(url) { throw ScaffoldError(file: location, message: problem) }
        let workspace = Workspace.standard(nil, environment: environment)
        guard let folder = workspace.folder(for: url) else {
            throw ScaffoldError(file: location, message: "expected a clone URL like https://HOST/OWNER/NAME.git")
        }
        var credentials: RemoteCredentials?
        if case .success(let hosted) = HostedRepository.parse(url, environment: environment), let token = hosted.token(in: environment) {
            credentials = RemoteCredentials(username: hosted.host.gitUser, password: token)
        }
        guard let lock = try workspace.lock(folder) else {
            throw ScaffoldError(.operationFailed, file: location, message: "another scaffold run is fetching this \(what)")
        }
        defer { withExtendedLifetime(lock) {} }
        do throws(GitError) {
            let (repository, state) = try fetchedClone(url, at: folder, credentials: credentials, tags: true)
            return try body(repository, state, folder)
        } catch {
            throw ScaffoldError(error, path: location, kind: .operationFailed)
        }
    }
}
