import CGit2

/// How git records a file: the mode bits of a tree entry.
public enum FileMode: UInt32, Sendable, Hashable, CustomStringConvertible {
    case file = 0o100644
    case executable = 0o100755
    case symlink = 0o120000
    /// A submodule commit (gitlink). Carried through merges, never written by GitKit itself.
    case submodule = 0o160000

    init?(git mode: UInt32) {
        switch mode {
        case 0o100644, 0o100664: self = .file
        case 0o100755: self = .executable
        case 0o120000: self = .symlink
        case 0o160000: self = .submodule
        default: return nil
        }
    }

    /// The octal form git prints (`100644`).
    public var description: String { String(rawValue, radix: 8) }
}

/// One file of a tree, by its full slash-separated path (`cmd/server/main.go`).
public struct TreeEntry: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var oid: OID
    public var mode: FileMode

    public init(path: String, oid: OID, mode: FileMode = .file) {
        self.path = path
        self.oid = oid
        self.mode = mode
    }

    public var description: String { "\(mode) \(oid) \(path)" }
}

extension Array where Element == TreeEntry {
    /// Sorted by path bytes, as `git ls-tree -r` lists them.
    func sortedByPath() -> [TreeEntry] {
        sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
