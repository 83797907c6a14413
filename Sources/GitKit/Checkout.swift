import CGit2

/// How checkout treats files in the work tree that differ from what it writes.
public enum CheckoutStrategy: Sendable {
    /// Update only files that are unmodified; fail on a change that would be lost.
    case safe
    /// Make the work tree match, overwriting changes (untracked files are left alone).
    case force

    var flags: UInt32 {
        switch self {
        case .safe: GIT_CHECKOUT_SAFE.rawValue
        case .force: GIT_CHECKOUT_FORCE.rawValue
        }
    }
}

extension Repository {
    /// Writes HEAD's tree into the work tree and the index. Use `.force` right after creating the
    /// first commit of a fresh repository: `.safe` treats the missing files as deliberate deletions.
    public func checkoutHead(strategy: CheckoutStrategy) throws(GitError) {
        try writePendingObjects()  // the index written names them
        var options = try Self.checkoutOptions(strategy.flags)
        try check(git_checkout_head(pointer, &options), "check out HEAD")
    }

    static func checkoutOptions(_ strategy: UInt32) throws(GitError) -> git_checkout_options {
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "checkout options")
        options.checkout_strategy = strategy
        return options
    }

    /// Writes the files of `commit`'s tree into `directory` (created), leaving this repository's
    /// own work tree, index and HEAD alone: a read-only export, as `git archive | tar x` makes.
    public func export(_ commit: OID, to directory: String) throws(GitError) {
        let operation = "export \(commit.abbreviated()) to '\(directory)'"
        var object: OpaquePointer?
        var raw = commit.raw
        try check(git_object_lookup(&object, pointer, &raw, GIT_OBJECT_COMMIT), operation)
        defer { git_object_free(object) }
        var options = try Self.checkoutOptions(GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue)
        let result = directory.withCString { path in
            options.target_directory = path
            return git_checkout_tree(pointer, object, &options)
        }
        try check(result, operation)
    }

    /// The commit `oid` names: itself, or what an annotated tag points at.
    public func peelToCommit(_ oid: OID) throws(GitError) -> OID {
        var object: OpaquePointer?
        var raw = oid.raw
        try check(git_object_lookup(&object, pointer, &raw, GIT_OBJECT_ANY), "look up \(oid.abbreviated())")
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        try check(git_object_peel(&peeled, object, GIT_OBJECT_COMMIT), "\(oid.abbreviated()) is not a commit")
        defer { git_object_free(peeled) }
        return OID(git_object_id(peeled).pointee)
    }
}
