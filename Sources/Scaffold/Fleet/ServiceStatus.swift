import GoldenPath

/// Where one service stands: its golden path and version against the catalog's newest.
public struct ServiceStatus: Sendable {
    public var location: ServiceLocation
    public var goldenPath: String
    public var version: SemanticVersion
    /// The catalog's newest version; nil when the catalog does not have the golden path.
    public var newest: SemanticVersion?
    /// How many published versions are newer than the service's.
    public var behind: Int
    /// Whether the catalog publishes the service's version (a service may be on a withdrawn one).
    public var isPublished: Bool
    /// With `--drift`: the template files the service changed or deleted.
    public var drift: TemplateDrift?
    /// Why the newest version or the drift could not be found (unknown golden path or version, a render error).
    public var problem: String?
    /// The upgrade branch to the newest version, when it exists (the upgrade is proposed).
    public var proposedBranch: String?
    /// What the last upgrade run left (its conflicts waiting for the team).
    public var lastUpgrade: LastUpgrade?
    /// Uncommitted changes in the work tree (an upgrade would skip the service); nil when unknown.
    public var isDirty: Bool?

    /// The problem, then what is pending, in words, for the text table and the page.
    public var notes: [String] {
        var notes = problem.map { [$0] } ?? []
        if let branch = proposedBranch { notes.append("upgrade proposed on \(branch)") }
        if let last = lastUpgrade, !last.conflicts.isEmpty {
            notes.append("\(last.conflicts.count) conflict\(last.conflicts.count == 1 ? "" : "s") left by the upgrade to \(last.to)")
        }
        if isDirty == true { notes.append("uncommitted changes") }
        return notes
    }
}

/// A repository that could not be read as a service (corrupt, unreadable, invalid `.scaffold.yaml`).
public struct ServiceFailure: Sendable, Hashable {
    public var location: ServiceLocation
    public var reason: String

    public init(location: ServiceLocation, reason: String) {
        self.location = location
        self.reason = reason
    }

    /// The error's message, located inside the repository when it points into it (the path column
    /// already names the repository).
    init(location: ServiceLocation, error: ScaffoldError) {
        var error = error
        if let file = error.location?.file {
            if file == location.path { error.location = nil }
            else if file.hasPrefix(location.path + "/") { error.location = error.location?.inFile(String(file.dropFirst(location.path.count + 1))) }
        }
        self.init(location: location, reason: error.description)
    }
}

/// What working on one found repository gave: a result, nothing (not a service), or a failure.
enum ServiceRead<Value> {
    case service(Value)
    case notService
    case failed(ServiceFailure)
}

extension ServiceRead: Sendable where Value: Sendable {}
