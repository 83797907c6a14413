import Foundation

/// Which repositories a fleet command works on: the ROOT folders or a `--repos` file, narrowed to
/// one shard. (`--golden-path` needs each `.scaffold.yaml`, so it applies once a service is read.)
public struct FleetSelection: Sendable {
    public var roots: [String]
    public var reposFile: String?
    public var shard: FleetShard?
    /// Where repositories listed by URL are cloned.
    public var workspace: Workspace?
    /// The repositories as a code host lists them (`--github-org`, `--gitlab-group`).
    public var discovery: HostDiscovery?
    public var remote: RemoteOptions?

    public init(roots: [String], reposFile: String?, shard: FleetShard? = nil, workspace: Workspace? = nil,
                discovery: HostDiscovery? = nil, remote: RemoteOptions? = nil) {
        self.roots = roots
        self.reposFile = reposFile
        self.shard = shard
        self.workspace = workspace ?? remote?.workspace
        self.discovery = discovery
        self.remote = remote
    }

    /// The repositories, sorted by path. Exactly one of ROOTs and `--repos` must be given.
    public func locations() throws(ScaffoldError) -> [ServiceLocation] {
        let all: [ServiceLocation]
        if let discovery {
            guard roots.isEmpty, reposFile == nil else {
                throw ScaffoldError(message: "give one of ROOT folders, --repos FILE, or the code host's list of repositories")
            }
            let remote = remote ?? RemoteOptions(workspace: workspace ?? Workspace.standard(nil, environment: [:]))
            all = try FleetDiscovery.repositories(at: try discovery.repositories(remote), workspace: remote.workspace)
            return shard?.select(all) ?? all
        }
        switch (roots.isEmpty, reposFile) {
        case (false, nil): all = try FleetDiscovery.repositories(under: roots)
        case (true, let file?): all = try FleetDiscovery.repositories(listedIn: file, workspace: workspace)
        case (false, .some): throw ScaffoldError(message: "give either ROOT folders or --repos FILE, not both")
        case (true, nil): throw ScaffoldError(message: "expected ROOT folders to search, or --repos FILE")
        }
        return shard?.select(all) ?? all
    }

    /// `--jobs` when given, else one per core.
    public static func defaultJobs() -> Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
