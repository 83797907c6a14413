import CGit2

/// A local branch and the commit it points to.
public struct Branch: Hashable, Sendable {
    /// The short name (`main`, `scaffold/upgrade-go-microservice-1.1.0`).
    public var name: String
    public var commit: OID

    public init(name: String, commit: OID) {
        self.name = name
        self.commit = commit
    }

    /// The full reference name (`refs/heads/main`).
    public var referenceName: String { "refs/heads/" + name }
}

extension Repository {
    /// The local branches, sorted by name.
    public func branches() throws(GitError) -> [Branch] {
        var iterator: OpaquePointer?
        try check(git_branch_iterator_new(&iterator, pointer, GIT_BRANCH_LOCAL), "list branches")
        defer { git_branch_iterator_free(iterator) }
        var branches: [Branch] = []
        while true {
            var reference: OpaquePointer?
            var type = GIT_BRANCH_LOCAL
            let result = git_branch_next(&reference, &type, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "list branches")
            defer { git_reference_free(reference) }
            var name: UnsafePointer<CChar>?
            try check(git_branch_name(&name, reference), "read branch name")
            guard let name = String(gitString: name), let target = git_reference_target(reference) else { continue }
            branches.append(Branch(name: name, commit: OID(target)))
        }
        return branches.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// The local branch `name`, or nil.
    public func branch(named name: String) throws(GitError) -> Branch? {
        guard Git.isValidBranchName(name) else {
            throw .invalidInput("'\(name)' is not a valid branch name", operation: "look up branch")
        }
        return try reference(named: "refs/heads/" + name).map { Branch(name: name, commit: $0) }
    }

    /// Creates the branch `name` at `commit` without touching HEAD, the index or the work tree.
    /// Without `force`, an existing branch of that name is an error (`.exists`).
    @discardableResult
    public func createBranch(named name: String, at commit: OID, force: Bool = false) throws(GitError) -> Branch {
        guard Git.isValidBranchName(name) else {
            throw .invalidInput("'\(name)' is not a valid branch name", operation: "create branch")
        }
        try writePendingObjects()
        try withCommit(commit) { target throws(GitError) in
            var reference: OpaquePointer?
            try check(name.withCString { git_branch_create(&reference, pointer, $0, target, force ? 1 : 0) },
                      "create branch '\(name)'")
            git_reference_free(reference)
        }
        return Branch(name: name, commit: commit)
    }

    /// Points HEAD at the branch `name` (which need not exist yet). Touches neither index nor work tree.
    public func setHead(branch name: String) throws(GitError) {
        guard Git.isValidBranchName(name) else {
            throw .invalidInput("'\(name)' is not a valid branch name", operation: "set HEAD")
        }
        try check(("refs/heads/" + name).withCString { git_repository_set_head(pointer, $0) },
                  "set HEAD to '\(name)'")
    }
}
