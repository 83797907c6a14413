import CGit2

/// An open git repository: owns one `git_repository` and frees it when released.
///
/// Not `Sendable` on purpose: libgit2 objects of one repository must not be used from two threads
/// at once. Create one `Repository` per task (opening is cheap); separate repositories may be used
/// concurrently on separate threads.
public final class Repository {
    let pointer: OpaquePointer
    /// The store of `packNewObjects` (owned by the object database once added).
    var pendingObjects: UnsafeMutableRawPointer?

    /// Creates a new repository (and any missing parent folders) at `path`.
    /// Refuses a folder that is already a repository rather than silently re-initialising it.
    public init(creatingAt path: String, initialBranch: String = "main", bare: Bool = false) throws(GitError) {
        Git.initialize()
        let operation = "create repository at '\(path)'"
        guard Git.isValidBranchName(initialBranch) else {
            throw .invalidInput("'\(initialBranch)' is not a valid branch name", operation: operation)
        }
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                  operation)
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
            | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        var repository: OpaquePointer?
        let result = initialBranch.withCString { branch in
            options.initial_head = branch
            return path.withCString { git_repository_init_ext(&repository, $0, &options) }
        }
        try check(result, operation)
        guard let repository else { throw .invalidInput("libgit2 returned no repository", operation: operation) }
        pointer = repository
    }

    /// Opens the repository whose work tree or git folder is exactly `path`; with `searchParents`,
    /// also the nearest repository above it (as `git` does from a subfolder).
    public init(openingAt path: String, searchParents: Bool = false) throws(GitError) {
        Git.initialize()
        var repository: OpaquePointer?
        let flags = searchParents ? 0 : GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
        try check(path.withCString { git_repository_open_ext(&repository, $0, flags, nil) },
                  "open repository '\(path)'")
        guard let repository else {
            throw .invalidInput("libgit2 returned no repository", operation: "open repository '\(path)'")
        }
        pointer = repository
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The work tree folder, with a trailing slash; nil for a bare repository.
    public var workdir: String? { String(gitString: git_repository_workdir(pointer)) }

    /// The `.git` folder (or the repository itself when bare), with a trailing slash.
    public var gitdir: String { String(gitString: git_repository_path(pointer)) ?? "" }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// True when HEAD points to a branch with no commits yet. (Not `git_repository_is_empty`: in 1.5
    /// it only recognises the default branch name, so a fresh repository on `main` is "not empty".)
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    // MARK: Object lookup shared by the concept files

    /// Looks up an object of `type`, lends it to `body`, and frees it afterwards.
    func withObject<T>(_ oid: OID, _ type: git_object_t, _ operation: @autoclosure () -> String,
                       _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        var object: OpaquePointer?
        var raw = oid.raw
        try check(git_object_lookup(&object, pointer, &raw, type), operation())
        guard let object else { throw .invalidInput("libgit2 returned no object", operation: operation()) }
        defer { git_object_free(object) }
        return try body(object)
    }

    func withCommit<T>(_ oid: OID, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        try withObject(oid, GIT_OBJECT_COMMIT, "look up commit \(oid)", body)
    }

    func withTree<T>(_ oid: OID, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        try withObject(oid, GIT_OBJECT_TREE, "look up tree \(oid)", body)
    }

    /// Like `withTree`, but lends NULL for a nil id (libgit2's "empty side" in diffs and merges).
    func withOptionalTree<T>(_ oid: OID?, _ body: (OpaquePointer?) throws(GitError) -> T) throws(GitError) -> T {
        guard let oid else { return try body(nil) }
        return try withTree(oid) { tree throws(GitError) in try body(tree) }
    }

    /// Whether the object database holds `oid`.
    public func contains(_ oid: OID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0, let odb else { return false }
        defer { git_odb_free(odb) }
        var raw = oid.raw
        return git_odb_exists(odb, &raw) == 1
    }
}
