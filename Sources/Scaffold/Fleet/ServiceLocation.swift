/// A repository that may be a service of the fleet: where it is, and its path relative to the
/// folder it was found from. The relative path is the service's stable name: shards hash it and
/// reports show it, so moving the whole fleet to another machine changes neither.
public struct ServiceLocation: Sendable, Hashable, Comparable {
    /// Absolute path of the repository's work tree, without a trailing slash.
    public var path: String
    /// Path relative to the ROOT it was found under (or the `--repos` file's folder); `.` for the root itself.
    public var relativePath: String
    /// Listed explicitly in a `--repos` file: a missing `.scaffold.yaml` is then an error, not a non-service.
    public var isListed: Bool
    /// The clone URL of a repository listed by URL; `path` is then its clone in the workspace.
    public var remote: String?

    public init(path: String, relativePath: String, isListed: Bool = false, remote: String? = nil) {
        self.path = path
        self.relativePath = relativePath
        self.isListed = isListed
        self.remote = remote
    }

    /// How authoring reports name the service at this location with its `folder` in the
    /// repository: the clone URL and folder for a repository listed by URL, else the path from its
    /// root (which, for a service's own location, already ends with the folder).
    public func serviceLabel(folder: String) -> String {
        remote.map { folder.isEmpty ? $0 : $0 + " " + folder } ?? relativePath
    }

    public static func < (lhs: ServiceLocation, rhs: ServiceLocation) -> Bool {
        lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
    }
}
