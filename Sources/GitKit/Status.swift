import CGit2

/// One path whose state differs between HEAD, the index and the work tree (ignored files excluded).
public struct StatusEntry: Hashable, Sendable {
    public struct Change: OptionSet, Hashable, Sendable {
        public var rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let staged = Change(rawValue: 1 << 0)
        public static let modified = Change(rawValue: 1 << 1)
        public static let deleted = Change(rawValue: 1 << 2)
        public static let untracked = Change(rawValue: 1 << 3)
        public static let conflicted = Change(rawValue: 1 << 4)
    }

    public var path: String
    public var changes: Change
}

extension Repository {
    /// The changed paths (staged, modified, deleted, untracked, conflicted), sorted by path.
    public func status(includeUntracked: Bool = true) throws(GitError) -> [StatusEntry] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "status options")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
            | (includeUntracked
                ? GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue : 0)
        var list: OpaquePointer?
        try check(git_status_list_new(&list, pointer, &options), "read status")
        defer { git_status_list_free(list) }
        var entries: [StatusEntry] = []
        for index in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, index)?.pointee else { continue }
            let delta = entry.index_to_workdir ?? entry.head_to_index
            guard let file = delta?.pointee, let path = String(gitString: file.new_file.path ?? file.old_file.path)
            else { continue }
            entries.append(StatusEntry(path: path, changes: Self.changes(entry.status.rawValue)))
        }
        return entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// True when nothing is staged, modified or deleted (and, by default, nothing is untracked).
    public func isClean(includeUntracked: Bool = true) throws(GitError) -> Bool {
        try status(includeUntracked: includeUntracked).isEmpty
    }

    private static func changes(_ status: UInt32) -> StatusEntry.Change {
        var changes: StatusEntry.Change = []
        let staged = GIT_STATUS_INDEX_NEW.rawValue | GIT_STATUS_INDEX_MODIFIED.rawValue
            | GIT_STATUS_INDEX_DELETED.rawValue | GIT_STATUS_INDEX_RENAMED.rawValue
            | GIT_STATUS_INDEX_TYPECHANGE.rawValue
        if status & staged != 0 { changes.insert(.staged) }
        if status & (GIT_STATUS_WT_MODIFIED.rawValue | GIT_STATUS_WT_TYPECHANGE.rawValue
                     | GIT_STATUS_WT_RENAMED.rawValue) != 0 { changes.insert(.modified) }
        if status & GIT_STATUS_WT_DELETED.rawValue != 0 { changes.insert(.deleted) }
        if status & GIT_STATUS_WT_NEW.rawValue != 0 { changes.insert(.untracked) }
        if status & GIT_STATUS_CONFLICTED.rawValue != 0 { changes.insert(.conflicted) }
        return changes
    }
}
