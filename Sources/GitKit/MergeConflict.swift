/// A path that could not be merged automatically, with what each side had there.
/// A nil side means the file was absent (added on one side, or deleted).
public struct MergeConflict: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Both sides changed the file (or both added it) differently.
        case bothModified
        /// Both sides added different files at a path with no ancestor.
        case bothAdded
        /// We deleted it, they changed it.
        case deletedByUs
        /// They deleted it, we changed it.
        case deletedByThem
        /// Only we have it (the other side renamed or deleted what it came from).
        case addedByUs
        /// Only they have it (a rename of a file we deleted, say).
        case addedByThem
        /// Both sides removed it (each renamed it elsewhere).
        case bothDeleted

        /// Whether the work tree file carries `<<<<<<<` markers (a text file both sides have).
        public var hasMarkers: Bool { self == .bothModified || self == .bothAdded }
    }

    public var path: String
    public var ancestor: TreeEntry?
    public var ours: TreeEntry?
    public var theirs: TreeEntry?

    public var kind: Kind {
        switch (ancestor != nil, ours != nil, theirs != nil) {
        case (true, true, true): .bothModified
        case (false, true, true): .bothAdded
        case (true, false, true): .deletedByUs
        case (true, true, false): .deletedByThem
        case (false, true, false): .addedByUs
        case (false, false, true): .addedByThem
        case (_, false, false): .bothDeleted
        }
    }

    /// Conflicts from index entries with stages 1-3, one per path, sorted by path.
    static func grouping(_ entries: [IndexEntry]) -> [MergeConflict] {
        var byPath: [String: MergeConflict] = [:]
        for entry in entries where entry.stage > 0 {
            var conflict = byPath[entry.path] ?? MergeConflict(path: entry.path)
            switch entry.stage {
            case 1: conflict.ancestor = entry.treeEntry
            case 2: conflict.ours = entry.treeEntry
            default: conflict.theirs = entry.treeEntry
            }
            byPath[entry.path] = conflict
        }
        return byPath.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
