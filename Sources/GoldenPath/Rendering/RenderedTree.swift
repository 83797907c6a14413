/// One file of a render: its path relative to the service root, its bytes and mode.
public struct RenderedFile: Sendable, Hashable {
    /// How a file is stored: the three modes git records for files.
    public enum Mode: Sendable, Hashable {
        case regular
        case executable
        /// The file's bytes are the link target.
        case symlink
    }

    public var path: String
    public var bytes: [UInt8]
    public var mode: Mode

    public init(path: String, bytes: [UInt8], mode: Mode = .regular) {
        self.path = path
        self.bytes = bytes
        self.mode = mode
    }
}

/// The result of rendering a golden path: files sorted by path (byte order, as git sorts them),
/// so equal inputs give equal trees on any machine.
public struct RenderedTree: Sendable, Hashable {
    public private(set) var files: [RenderedFile]

    public init(_ files: [RenderedFile]) {
        self.files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    public subscript(path: String) -> RenderedFile? {
        files.first { $0.path == path }
    }

    public var paths: [String] { files.map(\.path) }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes.count } }
}
