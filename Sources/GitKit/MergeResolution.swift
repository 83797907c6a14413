extension Repository {
    /// The merge result with the file at `entry.path` taken as `entry`, whatever the merge made of
    /// it (a clean merge, a conflict, or nothing). For files a tool owns outright, such as
    /// scaffold's `.scaffold.yaml`: computing them beats leaving them conflicted.
    public func resolving(_ result: MergeResult, with entry: TreeEntry) throws(GitError) -> MergeResult {
        var entries = result.entries.filter { $0.path != entry.path }
        entries.append(IndexEntry(path: entry.path, oid: entry.oid, mode: entry.mode.rawValue, stage: 0))
        let names = result.names.filter { !$0.paths.contains(entry.path) }
        return try self.result(of: try GitIndex(entries: entries, names: names), labels: result.labels)
    }
}
