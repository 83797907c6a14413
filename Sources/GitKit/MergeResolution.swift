extension Repository {
    /// The merge result with the file at `entry.path` taken as `entry`, whatever the merge made of
    /// it (a clean merge, a conflict, or nothing). For files a tool owns outright, such as
    /// scaffold's `.scaffold.yaml`: computing them beats leaving them conflicted.
    public func resolving(_ result: MergeResult, with entry: TreeEntry) throws(GitError) -> MergeResult {
        try resolving(result, with: [entry])
    }

    /// The merge result with each of `files` taken as given, in one pass.
    public func resolving(_ result: MergeResult, with files: [TreeEntry]) throws(GitError) -> MergeResult {
        let paths = Set(files.map(\.path))
        var entries = result.entries.filter { !paths.contains($0.path) }
        entries += files.map { IndexEntry(path: $0.path, oid: $0.oid, mode: $0.mode.rawValue, stage: 0) }
        let names = result.names.filter { $0.paths.allSatisfy { !paths.contains($0) } }
        return try self.result(of: try GitIndex(entries: entries, names: names), labels: result.labels)
    }
}
