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
    /// `Scaffold-Template`) and whose trailers `accept` takes, with that trailer's value; nil when
    /// none has it.
    public func newestCommit(from start: OID, withTrailer key: String, firstParentOnly: Bool = false,
                             accept: ([Trailer]) -> Bool = { _ in true }) throws(GitError) -> (commit: Commit, value: String)? {
        var found: (commit: Commit, value: String)?
        try walk(from: start, firstParentOnly: firstParentOnly) { oid throws(GitError) in
            let commit = try commit(oid)
            guard let trailer = commit.trailers.last(where: { $0.key == key }), accept(commit.trailers) else { return true }
            found = (commit, trailer.value)
            return false
        }
        return found
    }

    /// The commits whose parents a shallow clone does not have (`.git/shallow`, one id per line);
    /// empty for a complete repository.
    public var shallowBoundary: Set<OID> {
        guard let text = try? String(contentsOfFile: gitdir + "shallow", encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { try? OID(hex: String($0)) })
    }

    /// Walks history from `start`, calling `visit` per commit until it returns false.
    ///
    /// libgit2 1.5.1 cannot walk a shallow clone (a missing parent is "object not found"), so
    /// there the walk is done here: newest commit time first, never past the shallow boundary.
    private func walk(from start: OID, firstParentOnly: Bool,
                      _ visit: (OID) throws(GitError) -> Bool) throws(GitError) {
        let boundary = shallowBoundary
        if !boundary.isEmpty {
            try walkShallow(from: start, firstParentOnly: firstParentOnly, boundary: boundary, visit)
            return
        }
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

    private func walkShallow(from start: OID, firstParentOnly: Bool, boundary: Set<OID>,
                             _ visit: (OID) throws(GitError) -> Bool) throws(GitError) {
        var pending = [try commit(start)]
        var seen: Set<OID> = [start]
        while !pending.isEmpty {
            // Newest first: the frontier is small (the branches of history being walked).
            let newest = pending.indices.max { pending[$0].committer.time < pending[$1].committer.time }!
            let current = pending.remove(at: newest)
            guard try visit(current.oid) else { return }
            if boundary.contains(current.oid) { continue }
            for parent in firstParentOnly ? Array(current.parents.prefix(1)) : current.parents where !seen.contains(parent) {
                seen.insert(parent)
                pending.append(try commit(parent))
            }
        }
    }
}
