import CGit2

/// One index entry at a stage: 0 when resolved; 1 (ancestor), 2 (ours), 3 (theirs) in a conflict.
struct IndexEntry: Hashable, Sendable {
    var path: String
    var oid: OID
    var mode: UInt32
    var stage: Int

    var treeEntry: TreeEntry? {
        FileMode(git: mode).map { TreeEntry(path: path, oid: oid, mode: $0) }
    }

    /// Lends a libgit2 entry (path valid only inside `body`).
    func withGitEntry<T>(_ body: (UnsafePointer<git_index_entry>) -> T) -> T {
        path.withCString { path in
            var entry = git_index_entry()
            entry.path = path
            entry.id = oid.raw
            entry.mode = mode
            entry.flags = UInt16(truncatingIfNeeded: stage << Int(GIT_INDEX_ENTRY_STAGESHIFT))
            return body(&entry)
        }
    }
}

/// A rename conflict record (the index NAME extension): the paths one file had on each side.
struct IndexNameEntry: Hashable, Sendable {
    var ancestor: String?
    var ours: String?
    var theirs: String?

    var paths: [String] { [ancestor, ours, theirs].compactMap { $0 } }
}

/// Owns one `git_index` (a repository's, or an in-memory one) and frees it once.
final class GitIndex {
    let pointer: OpaquePointer

    /// An empty in-memory index with no repository.
    init() throws(GitError) {
        var index: OpaquePointer?
        try check(git_index_new(&index), "create in-memory index")
        guard let index else { throw .invalidInput("libgit2 returned no index", operation: "create index") }
        pointer = index
    }

    /// The repository's index (`.git/index`), freshly read from disk.
    init(of repository: Repository) throws(GitError) {
        var index: OpaquePointer?
        try check(git_repository_index(&index, repository.pointer), "open index")
        guard let index else { throw .invalidInput("libgit2 returned no index", operation: "open index") }
        pointer = index
        try check(git_index_read(index, 1), "read index")
    }

    /// Takes ownership of an index libgit2 handed back.
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// An in-memory index holding `entries` (all stages) and rename records `names`.
    convenience init(entries: [IndexEntry], names: [IndexNameEntry]) throws(GitError) {
        try self.init()
        let byPath = Dictionary(grouping: entries, by: \.path)
        for (path, stages) in byPath {
            if let resolved = stages.first(where: { $0.stage == 0 }) {
                try check(resolved.withGitEntry { git_index_add(pointer, $0) }, "add '\(path)' to index")
                continue
            }
            func side(_ stage: Int) -> IndexEntry? { stages.first { $0.stage == stage } }
            let result = withOptionalEntry(side(1)) { ancestor in
                withOptionalEntry(side(2)) { ours in
                    withOptionalEntry(side(3)) { theirs in
                        git_index_conflict_add(pointer, ancestor, ours, theirs)
                    }
                }
            }
            try check(result, "add conflict '\(path)' to index")
        }
        for name in names {
            let strings = CStringArray([name.ancestor, name.ours, name.theirs].map { $0 ?? "" })
            let result = git_index_name_add(pointer, name.ancestor == nil ? nil : strings[0],
                                            name.ours == nil ? nil : strings[1],
                                            name.theirs == nil ? nil : strings[2])
            try check(result, "add rename record to index")
        }
    }

    deinit {
        git_index_free(pointer)
    }

    /// Every entry, all stages, in index order (path, then stage).
    var entries: [IndexEntry] {
        (0..<git_index_entrycount(pointer)).compactMap { position in
            guard let entry = git_index_get_byindex(pointer, position)?.pointee,
                  let path = String(gitString: entry.path) else { return nil }
            let stage = (Int(entry.flags) & Int(GIT_INDEX_ENTRY_STAGEMASK)) >> Int(GIT_INDEX_ENTRY_STAGESHIFT)
            return IndexEntry(path: path, oid: OID(entry.id), mode: entry.mode, stage: stage)
        }
    }

    var names: [IndexNameEntry] {
        (0..<git_index_name_entrycount(pointer)).compactMap { position in
            guard let name = git_index_name_get_byindex(pointer, position)?.pointee else { return nil }
            return IndexNameEntry(ancestor: String(gitString: name.ancestor), ours: String(gitString: name.ours),
                                  theirs: String(gitString: name.theirs))
        }
    }

    var hasConflicts: Bool { git_index_has_conflicts(pointer) == 1 }

    /// Writes the (conflict-free) index as trees into `repository`'s object database.
    func writeTree(to repository: Repository) throws(GitError) -> OID {
        var oid = git_oid()
        try check(git_index_write_tree_to(&oid, pointer, repository.pointer), "write merged tree")
        return OID(oid)
    }
}

func withOptionalEntry<T>(_ entry: IndexEntry?, _ body: (UnsafePointer<git_index_entry>?) -> T) -> T {
    guard let entry else { return body(nil) }
    return entry.withGitEntry { body($0) }
}

extension Repository {
    /// The conflicts recorded in the repository's index (after an in-place merge), sorted by path.
    public func indexConflicts() throws(GitError) -> [MergeConflict] {
        MergeConflict.grouping(try GitIndex(of: self).entries)
    }
}
