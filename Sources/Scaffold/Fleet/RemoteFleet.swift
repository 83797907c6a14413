import CodeHost
import Foundation
import GitKit
import GoldenPath
import Synchronization

/// How a fleet run reaches repositories listed by URL: the workspace they are cloned into, the
/// code host's API, and what the pull requests it opens carry.
public struct RemoteOptions: Sendable {
    public var workspace: Workspace
    /// `--api-url`; else derived from each URL (`HostedRepository.parse`).
    public var apiURL: String?
    public var hostKind: HostedRepository.Kind?
    /// Open or update a pull request (merge request) for every upgraded service.
    public var openPullRequests: Bool
    public var pullRequests: PullRequestOptions
    /// Shared by every worker: one pace per host and token.
    public var pacer: Pacer
    public var backoff: Backoff
    public var transport: any HTTPTransport
    /// Where tokens (`GITHUB_TOKEN`, `GITLAB_TOKEN`) and CI variables are read.
    public var environment: [String: String]

    public init(workspace: Workspace, apiURL: String? = nil, hostKind: HostedRepository.Kind? = nil,
                openPullRequests: Bool = false, pullRequests: PullRequestOptions = PullRequestOptions(),
                pacer: Pacer = Pacer(interval: 1), backoff: Backoff = Backoff(),
                transport: any HTTPTransport = CurlTransport(), environment: [String: String] = [:]) {
        self.workspace = workspace
        self.apiURL = apiURL
        self.hostKind = hostKind
        self.openPullRequests = openPullRequests
        self.pullRequests = pullRequests
        self.pacer = pacer
        self.backoff = backoff
        self.transport = transport
        self.environment = environment
    }

    /// The code host of `url`, or the reason there is none.
    func host(of url: String) -> Result<HostedRepository, HostedRepositoryError> {
        HostedRepository.parse(url, apiURL: apiURL, kind: hostKind, environment: environment)
    }

    func connection(for repository: HostedRepository, token: String) -> APIConnection {
        APIConnection(host: repository.host, token: token, transport: transport, pacer: pacer, backoff: backoff)
    }
}

/// What the pull requests scaffold opens carry, passed through to the host.
public struct PullRequestOptions: Sendable {
    public var labels: [String]
    public var reviewers: [String]
    public var assignees: [String]
    public var draft: Bool
    /// Upgrade services whose team closed the pull request for this version (declined) anyway.
    public var reopenDeclined: Bool

    public init(labels: [String] = [], reviewers: [String] = [], assignees: [String] = [], draft: Bool = false,
                reopenDeclined: Bool = false) {
        self.labels = labels
        self.reviewers = reviewers
        self.assignees = assignees
        self.draft = draft
        self.reopenDeclined = reopenDeclined
    }

    /// The label a pull request scaffold closed in favour of a newer one gets: such a pull request
    /// is superseded, never taken for a team's decline.
    public static let supersededLabel = "scaffold-superseded"
}

/// A token the host refused: the whole run stops, since every other call would be refused too.
public struct TokenRefusal: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var variable: String
    public var message: String

    public var description: String {
        "\(host) refused the token in \(variable) (\(message)): check that it is set, valid and not expired"
    }

    /// `error` (a 401) from the host whose token is in `host.tokenVariables`.
    init(_ error: CodeHostError, from host: HostedRepository.Host) {
        self.host = error.host
        variable = host.tokenVariables[0]
        message = error.message
    }
}

/// Stops a run's remaining repositories once the token is refused.
final class RunStop: Sendable {
    private let refusal = Mutex<TokenRefusal?>(nil)

    var reason: TokenRefusal? { refusal.withLock { $0 } }

    func stop(_ reason: TokenRefusal) {
        refusal.withLock { if $0 == nil { $0 = reason } }
    }
}

/// The fleet loop's step for one repository listed by URL: clone or fetch it into the workspace,
/// upgrade each of its services as for a local repository (pushing the branch), then propose each
/// upgrade as a pull request.
enum RemoteFleet {
    static func upgrade(_ location: ServiceLocation, url: String, catalog: CatalogContext, options: FleetUpgrade.Options,
                        remote: RemoteOptions, stop: RunStop) -> [UpgradeResult] {
        func failed(_ reason: String) -> [UpgradeResult] {
            var result = UpgradeResult(location: location, outcome: .failed(reason))
            result.repositoryURL = url
            return [result]
        }
        let checkout: RemoteCheckout
        switch RemoteCheckout.open(url, remote: remote, wantsAPI: remote.openPullRequests, requiresAPI: remote.openPullRequests,
                                   allowStale: false, stop: stop) {
        case .success(let opened): checkout = opened
        case .failure(.failed(let reason)): return failed(reason)
        case .failure(.busy):
            var result = UpgradeResult(location: location, outcome: .skipped(.anotherRunInProgress))
            result.repositoryURL = url
            return [result]
        }
        let pulls = checkout.pulls ?? []

        var upgrade = options
        upgrade.upgrade.push = true
        upgrade.upgrade.credentials = checkout.credentials
        upgrade.upgrade.existing = .replaceOwn
        let reopen = remote.pullRequests.reopenDeclined
        var results = FleetUpgrade.upgrade(location, catalog: catalog, options: upgrade) { service in
            reopen ? nil : declined(service, pulls: pulls, catalog: catalog, to: options.upgrade.to)
        }
        for index in results.indices {
            results[index].repositoryURL = url
            guard let api = checkout.api, let hosted = checkout.hosted, let base = checkout.defaultBranch,
                  results[index].outcome != .declined else { continue }
            do throws(CodeHostError) {
                try propose(&results[index], pulls: pulls, defaultBranch: base, api: api, repository: hosted,
                            options: remote.pullRequests)
            } catch {
                results[index].outcome = .failed(refusal(error, hosted: hosted, stop: stop))
            }
        }
        if let first = results.indices.first { results[first].apiCalls = checkout.apiCalls }
        withExtendedLifetime(checkout) {}
        return results
    }

    /// One call per code host of `locations`, before anything is cloned or pushed: a token the host
    /// refuses (or a missing one) stops the run here, with the host and the variable named.
    static func verifyTokens(_ locations: [ServiceLocation], remote: RemoteOptions) -> String? {
        guard remote.openPullRequests else { return nil }
        var seen = Set<HostedRepository.Host>()
        for url in locations.compactMap(\.remote) where !url.lowercased().hasPrefix("file://") {
            guard case .success(let repository) = remote.host(of: url), seen.insert(repository.host).inserted else { continue }
            guard let token = repository.token(in: remote.environment) else {
                return repository.host.missingToken
            }
            do throws(CodeHostError) {
                _ = try CodeHosts.api(for: remote.connection(for: repository, token: token)).authenticatedUser()
            } catch where error.kind == .unauthorized {
                return TokenRefusal(error, from: repository.host).description
            } catch {
                return error.kind == .transport ? error.description : "cannot check the token at \(repository.host.apiBase): \(error)"
            }
        }
        return nil
    }

    /// The service's result when its team closed the pull request for the target version unmerged.
    static func declined(_ service: FleetService, pulls: [PullRequest], catalog: CatalogContext, to: String?) -> UpgradeResult? {
        let answers = service.head.answers
        guard let version = try? catalog.resolve(answers.goldenPath, version: to), version > answers.version else { return nil }
        let branch = ServiceUpgrade.branchName(goldenPath: answers.goldenPath, version: version, folder: service.head.folder)
        guard let pull = pulls.first(where: { $0.headBranch == branch }), pull.state == .closed,
              !pull.labels.contains(PullRequestOptions.supersededLabel) else { return nil }
        var result = UpgradeResult(location: service.location, head: service.head, outcome: .declined)
        result.to = version
        result.branch = branch
        result.pullRequest = PullRequestSummary(pull)
        return result
    }

    /// The reason a service failed with `error`; a refused token also stops the run.
    static func refusal(_ error: CodeHostError, hosted: HostedRepository?, stop: RunStop) -> String {
        if error.kind == .unauthorized, let hosted {
            let refusal = TokenRefusal(error, from: hosted.host)
            stop.stop(refusal)
            return refusal.description
        }
        return error.description
    }

    /// Opens, updates or leaves the service's pull request, and supersedes older ones.
    static func propose(_ result: inout UpgradeResult, pulls: [PullRequest], defaultBranch: String, api: any CodeHostAPI,
                        repository: HostedRepository, options: PullRequestOptions) throws(CodeHostError) {
        guard let goldenPath = result.goldenPath, let to = result.to else { return }
        let branch = result.branch ?? ServiceUpgrade.branchName(goldenPath: goldenPath, version: to, folder: result.folder)
        let mine = pulls.filter { $0.headBranch == branch }
        if result.outcome == .alreadyCurrent {
            if let merged = mine.first(where: { $0.state == .merged }) {
                result.outcome = .merged
                result.pullRequest = PullRequestSummary(merged)
            }
            return
        }
        let proposes = result.outcome == .upgraded || result.outcome == .alreadyProposed
            || (result.outcome == .conflicts && result.commit != nil)
        guard proposes, result.commit != nil, let service = result.service else { return }
        let title = "Upgrade \(service) to \(goldenPath) \(to)"
        let body = result.description ?? ""
        let draft = options.draft || result.outcome == .conflicts
        var pull: PullRequest
        if var open = mine.first(where: { $0.state == .open }) {
            // The draft flag follows the run only with a new proposal: a team that marked an
            // unchanged pull request ready (or draft) by hand keeps its choice.
            if open.title != title || open.body != body {
                open = try api.update(open, title: title, body: body, draft: draft, in: repository)
                if result.outcome != .conflicts { result.outcome = .updated }
            }
            try api.addMissing(labels: options.labels, reviewers: options.reviewers, assignees: options.assignees,
                               to: open, in: repository)
            pull = open
        } else {
            let request = PullRequestDraft(title: title, body: body, head: branch, base: defaultBranch, draft: draft,
                                           labels: options.labels, reviewers: options.reviewers, assignees: options.assignees)
            pull = try api.create(request, in: repository)
            if result.outcome == .alreadyProposed { result.outcome = .upgraded }
        }
        result.pullRequest = PullRequestSummary(pull)
        // Open pull requests for another version of the same service: superseded by this one.
        for older in pulls where older.state == .open && older.headBranch != branch
            && ServiceUpgrade.proposedVersion(of: older.headBranch, goldenPath: goldenPath, folder: result.folder) != nil {
            try api.supersede(older, comment: "Superseded by \(pull.url) (\(goldenPath) \(to)).",
                              label: PullRequestOptions.supersededLabel, in: repository)
        }
    }
}

/// A pull request as reports show it.
public struct PullRequestSummary: Sendable, Equatable {
    public var number: Int
    public var url: String
    /// open, draft, merged, closed, declined.
    public var state: String
    public var draft: Bool

    init(_ pull: PullRequest) {
        number = pull.number
        url = pull.url
        draft = pull.draft
        switch pull.state {
        case .open: state = pull.draft ? "draft" : "open"
        case .merged: state = "merged"
        case .closed: state = pull.labels.contains(PullRequestOptions.supersededLabel) ? "closed" : "declined"
        }
    }
}
