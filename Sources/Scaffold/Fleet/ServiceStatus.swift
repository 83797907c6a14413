import CodeHost
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
    /// The service's folder in its repository (`services/billing`); empty at the root.
    public var folder = ""
    /// The clone URL of a repository listed by URL (the location is then its workspace clone).
    public var repositoryURL: String?
    /// `status --prs`: the service's scaffold pull request; nil when its state is unknown
    /// (`pullRequestProblem` says why).
    public var pullRequest: PullRequestStatus?
    public var pullRequestProblem: String?
    /// Why a repository listed by URL could not be fetched (the report shows its clone as it was).
    public var staleReason: String?

    /// The problem, then what is pending, in words, for the text table and the page.
    public var notes: [String] {
        var notes = problem.map { [$0] } ?? []
        if let branch = proposedBranch { notes.append("upgrade proposed on \(branch)") }
        if let last = lastUpgrade, !last.conflicts.isEmpty {
            notes.append("\(last.conflicts.count) conflict\(last.conflicts.count == 1 ? "" : "s") left by the upgrade to \(last.to)")
        }
        if isDirty == true { notes.append("uncommitted changes") }
        if let staleReason { notes.append("not fetched: \(staleReason)") }
        if let pullRequestProblem { notes.append("pull request unknown: \(pullRequestProblem)") }
        return notes
    }
}

/// A service's scaffold pull request as `status --prs` reports it.
public struct PullRequestStatus: Sendable, Equatable {
    /// open, draft, merged, closed (superseded), declined, or none (no scaffold pull request).
    public var state: String
    public var number: Int?
    public var url: String?
    /// The upgrade it proposes (`2.0.0`).
    public var version: String?
    /// success, failure, pending, none (CI of an open pull request; none otherwise).
    public var checks: String
    public var mergeable: Bool?

    public static let none = PullRequestStatus(state: "none", checks: "none")

    public init(state: String, number: Int? = nil, url: String? = nil, version: String? = nil, checks: String,
                mergeable: Bool? = nil) {
        self.state = state
        self.number = number
        self.url = url
        self.version = version
        self.checks = checks
        self.mergeable = mergeable
    }

    /// Every state, in the order the page counts them.
    public static let states = ["open", "draft", "merged", "declined", "closed", "none"]
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
