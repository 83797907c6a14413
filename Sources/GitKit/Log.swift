import CGit2

extension Repository {
    /// Commit ids reachable from `start`, newest first (topological, then by time), optionally
    /// following only first parents (the history of the branch itself, not of what was merged in).
    public func log(from start: OID, firstParentOnly: Bool = false, limit: Int? = nil) throws(GitError) -> [OID] {
        var ids: [OID] = []
        try walk(from: start, firstParentOnly: firstParentOnly) { oid throws(GitError) in
            ids.append(oid)
            return limit.map { ids.count < $0 } ?? true
        }
        return ids
    }

    /// The newest commit reachable from `start` whose message has the trailer `key` (e.g.
    /// `Scaffold-Template`), with that trailer's value; nil when none has it.
    public func newestCommit(from start: OID, withTrailer key: String,
                             firstParentOnly: Bool = false) throws(GitError) -> (commit: Commit, value: String)? {
        var found: (commit: Commit, value: String)?
        try walk(from: start, firstParentOnly: firstParentOnly) { oid throws(GitError) in
            let commit = try commit(oid)
            guard let trailer = commit.trailers.last(where: { $0.key == key }) else { return true }
            found = (commit, trailer.value)
            return false
        }
        return found
    }

    /// Walks history from `start`, calling `visit` per commit until it returns false.
    private func walk(from start: OID, firstParentOnly: Bool,
                      _ visit: (OID) throws(GitError) -> Bool) throws(GitError) {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, pointer), "start history walk")
        defer { git_revwalk_free(walker) }
        try check(git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue),
                  "sort history walk")
        if firstParentOnly {
            try check(git_revwalk_simplify_first_parent(walker), "first-parent history walk")
        }
        var raw = start.raw
        try check(git_revwalk_push(walker, &raw), "walk history from \(start)")
        var oid = git_oid()
        while true {
            let result = git_revwalk_next(&oid, walker)
            if result == GIT_ITEROVER.rawValue { return }
            try check(result, "walk history from \(start)")
            guard try visit(OID(oid)) else { return }
        }
    }
}
