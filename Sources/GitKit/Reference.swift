import CGit2

/// Where HEAD points.
public enum Head: Hashable, Sendable {
    /// On a branch that has commits.
    case branch(name: String, commit: OID)
    /// On a branch with no commits yet (a fresh repository).
    case unborn(branch: String)
    /// Directly at a commit.
    case detached(commit: OID)

    /// The commit HEAD resolves to; nil when unborn.
    public var commit: OID? {
        switch self {
        case .branch(_, let commit), .detached(let commit): commit
        case .unborn: nil
        }
    }

    /// The branch HEAD is on (born or not); nil when detached.
    public var branchName: String? {
        switch self {
        case .branch(let name, _), .unborn(let name): name
        case .detached: nil
        }
    }
}

extension Repository {
    /// Where HEAD points.
    public func head() throws(GitError) -> Head {
        let symbolic = try withReference("HEAD") { reference in
            git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC
                ? String(gitString: git_reference_symbolic_target(reference)) : nil
        }
        guard let target = symbolic else {
            guard let commit = try reference(named: "HEAD") else {
                throw .invalidInput("HEAD does not resolve", operation: "read HEAD")
            }
            return .detached(commit: commit)
        }
        let name = target.hasPrefix("refs/heads/") ? String(target.dropFirst("refs/heads/".count)) : target
        guard let commit = try reference(named: target) else { return .unborn(branch: name) }
        return .branch(name: name, commit: commit)
    }

    /// The commit a reference (`HEAD`, `refs/heads/main`, `refs/tags/v1`) resolves to, following
    /// symbolic references; nil when it does not exist.
    public func reference(named name: String) throws(GitError) -> OID? {
        var oid = git_oid()
        let result = name.withCString { git_reference_name_to_id(&oid, pointer, $0) }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "resolve reference '\(name)'")
        return OID(oid)
    }

    /// The names of the references a glob matches (`refs/tags/*`), sorted.
    public func referenceNames(matching glob: String) throws(GitError) -> [String] {
        var iterator: OpaquePointer?
        try check(glob.withCString { git_reference_iterator_glob_new(&iterator, pointer, $0) }, "list references")
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        while true {
            var name: UnsafePointer<CChar>?
            let result = git_reference_next_name(&name, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "list references")
            if let name { names.append(String(cString: name)) }
        }
        return names.sorted()
    }

    /// Creates or moves the direct reference `name` to `oid`. With `expecting`, only moves it when it
    /// currently points there (compare-and-swap: concurrent writers fail instead of losing updates).
    public func updateReference(named name: String, to oid: OID, expecting current: OID? = nil,
                                message: String) throws(GitError) {
        guard Git.isValidReferenceName(name) else {
            throw .invalidInput("'\(name)' is not a valid reference name", operation: "update reference")
        }
        try writePendingObjects()
        var reference: OpaquePointer?
        var raw = oid.raw
        let result = name.withCString { name in
            message.withCString { message in
                if var expected = current?.raw {
                    return git_reference_create_matching(&reference, pointer, name, &raw, 1, &expected, message)
                }
                return git_reference_create(&reference, pointer, name, &raw, 1, message)
            }
        }
        try check(result, "update reference '\(name)'")
        git_reference_free(reference)
    }

    /// Deletes the reference `name`; does nothing when it does not exist.
    public func deleteReference(named name: String) throws(GitError) {
        var reference: OpaquePointer?
        let result = name.withCString { git_reference_lookup(&reference, pointer, $0) }
        if result == GIT_ENOTFOUND.rawValue { return }
        try check(result, "look up reference '\(name)'")
        defer { git_reference_free(reference) }
        try check(git_reference_delete(reference), "delete reference '\(name)'")
    }

    func withReference<T>(_ name: String, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        var reference: OpaquePointer?
        try check(name.withCString { git_reference_lookup(&reference, pointer, $0) },
                  "look up reference '\(name)'")
        guard let reference else { throw .invalidInput("libgit2 returned no reference", operation: name) }
        defer { git_reference_free(reference) }
        return try body(reference)
    }
}
