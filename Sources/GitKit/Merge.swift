import CGit2

/// How a conflicted region is written, as git's `merge.conflictStyle` chooses.
public enum ConflictStyle: String, Hashable, Sendable {
    /// `<<<<<<<` ours `=======` theirs `>>>>>>>`.
    case merge
    /// With the common ancestor's lines between `|||||||` and `=======`.
    case diff3
    /// diff3, with lines both sides share moved out of the conflicted region.
    case zdiff3

    /// The style `merge.conflictStyle` names; unset or unknown values give git's default.
    public init(configValue: String?) {
        self = configValue.flatMap { ConflictStyle(rawValue: $0.lowercased()) } ?? .merge
    }

    var flag: UInt32 {
        switch self {
        case .merge: GIT_MERGE_FILE_STYLE_MERGE.rawValue
        case .diff3: GIT_MERGE_FILE_STYLE_DIFF3.rawValue
        case .zdiff3: GIT_MERGE_FILE_STYLE_ZDIFF3.rawValue
        }
    }
}

/// How conflict markers are written: the names after them (`<<<<<<< ours`,
/// `>>>>>>> go-microservice 1.1.0`) and the style.
public struct MergeLabels: Hashable, Sendable {
    public var ancestor: String
    public var ours: String
    public var theirs: String
    public var style: ConflictStyle

    public init(ancestor: String = "base", ours: String = "ours", theirs: String = "theirs", style: ConflictStyle = .merge) {
        self.ancestor = ancestor
        self.ours = ours
        self.theirs = theirs
        self.style = style
    }
}

/// The outcome of a three-way tree merge, computed in memory (only blobs/trees are written).
public struct MergeResult: Hashable, Sendable {
    /// The merged tree, when there are no conflicts.
    public let tree: OID?
    /// The conflicted paths, sorted; empty when `tree` is set.
    public let conflicts: [MergeConflict]
    public let labels: MergeLabels
    /// The merged index (resolved entries and conflict stages) and its rename records, kept so the
    /// result can be written into a repository (`applyInPlace`) or committed with markers.
    let entries: [IndexEntry]
    let names: [IndexNameEntry]

    public var isClean: Bool { tree != nil }
    /// A conflicted file's content with markers made elsewhere (a YAML file merged by key but
    /// for a few keys), used instead of the line merge's markers.
    public var markedContent: [String: [UInt8]] = [:]
}

extension Repository {
    /// Merges `theirs` into `ours` against their common `ancestor` (nil: no common history), as
    /// `git merge` would, with rename detection so edits follow renamed files.
    ///
    /// libgit2 1.5.1 bug (fixed in 1.8, PR 6717): its exact-rename pass pairs any deleted empty
    /// file with any added empty file (same blob id), so one empty file can silently receive another
    /// path's changes. Git never pairs empty files. We detect when such a pairing is possible and
    /// take those paths from a merge without rename detection, which is what git does for them.
    public func mergeTrees(ancestor: OID?, ours: OID, theirs: OID, renames: Bool = true,
                           labels: MergeLabels = MergeLabels()) throws(GitError) -> MergeResult {
        let merged = try rawMerge(ancestor: ancestor, ours: ours, theirs: theirs, renames: renames)
        let suspects = renames ? try emptyFileRenameSuspects(ancestor: ancestor, ours: ours, theirs: theirs) : []
        guard !suspects.isEmpty else {
            return try result(of: merged, labels: labels)
        }
        let plain = try rawMerge(ancestor: ancestor, ours: ours, theirs: theirs, renames: false)
        let entries = merged.entries.filter { !suspects.contains($0.path) }
            + plain.entries.filter { suspects.contains($0.path) }
        let names = merged.names.filter { $0.paths.allSatisfy { !suspects.contains($0) } }
        return try result(of: GitIndex(entries: entries, names: names), labels: labels)
    }

    /// The best common ancestor of two commits; nil when they share no history.
    public func mergeBase(_ one: OID, _ other: OID) throws(GitError) -> OID? {
        var base = git_oid()
        var first = one.raw
        var second = other.raw
        let result = git_merge_base(&base, pointer, &first, &second)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "find merge base of \(one) and \(other)")
        return OID(base)
    }

    func result(of index: GitIndex, labels: MergeLabels) throws(GitError) -> MergeResult {
        let entries = index.entries
        let conflicts = MergeConflict.grouping(entries)
        let tree = conflicts.isEmpty ? try index.writeTree(to: self) : nil
        return MergeResult(tree: tree, conflicts: conflicts, labels: labels, entries: entries, names: index.names)
    }

    private func rawMerge(ancestor: OID?, ours: OID, theirs: OID, renames: Bool) throws(GitError) -> GitIndex {
        var options = git_merge_options()
        try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "merge options")
        options.flags = renames ? GIT_MERGE_FIND_RENAMES.rawValue : 0
        options.file_flags = GIT_MERGE_FILE_STYLE_MERGE.rawValue
        var index: OpaquePointer?
        try withOptionalTree(ancestor) { ancestorTree throws(GitError) in
            try withTree(ours) { oursTree throws(GitError) in
                try withTree(theirs) { theirsTree throws(GitError) in
                    try check(git_merge_trees(&index, pointer, ancestorTree, oursTree, theirsTree, &options),
                              "merge trees")
                }
            }
        }
        guard let index else { throw .invalidInput("libgit2 returned no index", operation: "merge trees") }
        return GitIndex(owning: index)
    }

    /// Paths that libgit2's exact-rename pass could wrongly pair: empty files that one side deleted,
    /// and empty files that one side added. Empty when no such pair exists (the usual case).
    private func emptyFileRenameSuspects(ancestor: OID?, ours: OID, theirs: OID) throws(GitError) -> Set<String> {
        let base = try ancestor.map { oid throws(GitError) in try blobsByPath(oid) } ?? [:]
        let sides = [try blobsByPath(ours), try blobsByPath(theirs)]
        let empty = OID.emptyBlob
        var sources: Set<String> = []
        var targets: Set<String> = []
        for side in sides {
            for (path, oid) in base where oid == empty && side[path] == nil { sources.insert(path) }
            for (path, oid) in side where oid == empty && base[path] == nil { targets.insert(path) }
        }
        return sources.isEmpty || targets.isEmpty ? [] : sources.union(targets)
    }

    private func blobsByPath(_ tree: OID) throws(GitError) -> [String: OID] {
        Dictionary(try flatTree(tree).map { ($0.path, $0.oid) }, uniquingKeysWith: { first, _ in first })
    }
}
