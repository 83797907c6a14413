import CGit2

/// A commit read from the object database.
public struct Commit: Hashable, Sendable {
    public var oid: OID
    public var tree: OID
    public var parents: [OID]
    /// The full message, as stored (usually ending in a newline).
    public var message: String
    public var author: Signature
    public var committer: Signature

    /// The first line of the message.
    public var summary: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// The trailers (`Key: value` lines in the last paragraph), parsed as git does.
    public var trailers: [Trailer] { Trailer.parse(message) }
}

extension Repository {
    /// Reads the commit `oid`.
    public func commit(_ oid: OID) throws(GitError) -> Commit {
        try withCommit(oid) { commit in
            Commit(oid: oid,
                   tree: OID(git_commit_tree_id(commit)),
                   parents: (0..<git_commit_parentcount(commit)).compactMap { index in
                       git_commit_parent_id(commit, index).map { OID($0) }
                   },
                   message: String(gitString: git_commit_message_raw(commit)) ?? "",
                   author: Signature(git_commit_author(commit)),
                   committer: Signature(git_commit_committer(commit)))
        }
    }

    /// Writes a commit of `tree` with `parents` (in order: the first parent is the branch merged into),
    /// signed by `signer` when given. With `ref` (`HEAD`, `refs/heads/main`), moves that reference
    /// to the new commit, only from the first parent (or from nothing for a first commit), which
    /// guards against races.
    public func createCommit(tree: OID, parents: [OID], author: Signature, committer: Signature,
                             message: String, updating ref: String? = nil, signer: CommitSigner? = nil) throws(GitError) -> OID {
        var parentPointers: [OpaquePointer?] = []
        defer { for parent in parentPointers { git_commit_free(parent) } }
        for parent in parents {
            var commit: OpaquePointer?
            var raw = parent.raw
            try check(git_commit_lookup(&commit, pointer, &raw), "look up parent commit \(parent)")
            parentPointers.append(commit)
        }
        // With objects held for a pack, the commit is made first, the pack written, and only then
        // the reference moved: a reference never names an object that is not on disk.
        let moveAfter = pendingObjects != nil ? ref : nil
        let ref = moveAfter == nil ? ref : nil
        let oid = try withTree(tree) { tree throws(GitError) in
            try author.withGitSignature { author throws(GitError) in
                try committer.withGitSignature { committer throws(GitError) in
                    if let signer {
                        let oid = try createSignedCommit(tree: tree, parents: parentPointers, author: author, committer: committer,
                                                         message: message, signer: signer)
                        if let ref { try moveForCommit(ref, to: oid, parents: parents, message: message) }
                        return oid
                    }
                    var oid = git_oid()
                    let result = parentPointers.withUnsafeMutableBufferPointer { parents in
                        message.withCString { message in
                            if let ref {
                                return ref.withCString { ref in
                                    git_commit_create(&oid, pointer, ref, author, committer, nil, message, tree,
                                                      parents.count, parents.baseAddress)
                                }
                            }
                            return git_commit_create(&oid, pointer, nil, author, committer, nil, message, tree,
                                                     parents.count, parents.baseAddress)
                        }
                    }
                    try check(result, "create commit")
                    return OID(oid)
                }
            }
        }
        if let moveAfter { try moveForCommit(moveAfter, to: oid, parents: parents, message: message) }
        return oid
    }

    /// Moves `ref` (through HEAD to its branch) to a commit just made, with git's reflog message.
    private func moveForCommit(_ ref: String, to commit: OID, parents: [OID], message: String) throws(GitError) {
        try writePendingObjects()
        var name = ref
        if ref == "HEAD" {
            switch try head() {
            case .branch(let branch, _), .unborn(let branch):
                name = branch.hasPrefix("refs/") ? branch : "refs/heads/" + branch
            case .detached:
                name = "HEAD"
            }
        }
        let kind = parents.isEmpty ? "commit (initial)" : parents.count > 1 ? "commit (merge)" : "commit"
        let subject = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        if name == "HEAD" {
            try check(git_repository_set_head_detached(pointer, [commit.raw]), "detach HEAD")
            return
        }
        try updateReference(named: name, to: commit, expecting: parents.first, message: "\(kind): \(subject)")
    }
}
