import CodeHost
import GitKit
import GoldenPath

/// `scaffold status`: which version of its golden path each service is on, how far behind the
/// newest, optionally how far it drifted, and the fleet view over all of them.
public enum FleetStatus {
    public struct Report: Sendable {
        /// Sorted by path.
        public var services: [ServiceStatus]
        /// Sorted by path.
        public var failures: [ServiceFailure]
        public var overview: FleetOverview
        /// Whether each service's pull request was looked up (`--prs`).
        public var pullRequests = false
    }

    /// Reads every repository `jobs` at a time; repositories that are not services are left out.
    /// Without `drift`, a service costs one HEAD lookup, one tree walk and one small blob; with it,
    /// a diff against its pristine commit (rendered again only when that is not in its history).
    ///
    /// Repositories listed by URL are fetched into `remote`'s workspace first (one that cannot be
    /// fetched is read as its clone last was, and says so); with `pullRequests`, each service's
    /// scaffold pull request is looked up on the host (its state unknown, not a failure, when the
    /// host cannot be asked).
    public static func run(_ locations: [ServiceLocation], catalog: CatalogContext, drift: Bool, jobs: Int,
                           remote: RemoteOptions? = nil, pullRequests: Bool = false,
                           completed: @escaping @Sendable (Int) -> Void = { _ in }) -> Report {
        let stop = RunStop()
        let results = BoundedRunner.map(locations, jobs: jobs, completed: completed) { location -> ServiceRead<[ServiceStatus]> in
            guard let url = location.remote else { return status(of: location, catalog: catalog, drift: drift) }
            let options = remote ?? RemoteOptions(workspace: Workspace.standard(nil, environment: [:]))
            return remoteStatus(of: location, url: url, catalog: catalog, drift: drift, remote: options,
                                pullRequests: pullRequests, stop: stop)
        }
        var services: [ServiceStatus] = []
        var failures: [ServiceFailure] = []
        for result in results {
            switch result {
            case .service(let statuses): services += statuses
            case .notService: continue
            case .failed(let failure): failures.append(failure)
            }
        }
        return Report(services: services, failures: failures,
                      overview: FleetOverview(services, catalog: catalog, drift: drift), pullRequests: pullRequests)
    }

    private static func remoteStatus(of location: ServiceLocation, url: String, catalog: CatalogContext, drift: Bool,
                                     remote: RemoteOptions, pullRequests: Bool, stop: RunStop) -> ServiceRead<[ServiceStatus]> {
        let checkout: RemoteCheckout
        switch RemoteCheckout.open(url, remote: remote, wantsAPI: pullRequests, requiresAPI: false, allowStale: true, stop: stop) {
        case .success(let opened): checkout = opened
        case .failure(.failed(let reason)): return .failed(ServiceFailure(location: location, reason: reason))
        case .failure(.busy): return .failed(ServiceFailure(location: location, reason: UpgradeOutcome.SkipReason.anotherRunInProgress.description))
        }
        let read = status(of: location, catalog: catalog, drift: drift)
        guard case .service(var services) = read else { return read }
        for index in services.indices {
            services[index].repositoryURL = url
            services[index].staleReason = checkout.staleReason
            guard pullRequests else { continue }
            guard let pulls = checkout.pulls, let api = checkout.api, let hosted = checkout.hosted else {
                services[index].pullRequestProblem = checkout.apiProblem ?? "the host was not asked"
                continue
            }
            do throws(CodeHostError) {
                services[index].pullRequest = try pullRequest(of: services[index], among: pulls, api: api, in: hosted)
            } catch {
                services[index].pullRequestProblem = RemoteFleet.refusal(error, hosted: hosted, stop: stop)
            }
        }
        return withExtendedLifetime(checkout) { .service(services) }
    }

    /// The service's scaffold pull request: an open one first (the newest version's), else the
    /// most recent; with its checks and mergeability when open.
    static func pullRequest(of service: ServiceStatus, among pulls: [PullRequest], api: any CodeHostAPI,
                            in repository: HostedRepository) throws(CodeHostError) -> PullRequestStatus {
        let mine = pulls.compactMap { pull -> (PullRequest, SemanticVersion)? in
            ServiceUpgrade.proposedVersion(of: pull.headBranch, goldenPath: service.goldenPath, folder: service.folder)
                .map { (pull, $0) }
        }
        let open = mine.filter { $0.0.state == .open }.max { $0.1 < $1.1 }
        guard let (pull, version) = open ?? mine.first else { return .none }
        let summary = PullRequestSummary(pull)
        var status = PullRequestStatus(state: summary.state, number: pull.number, url: pull.url, version: version.description,
                                       checks: "none")
        if pull.state == .open {
            let review = try api.review(of: pull, in: repository)
            status.checks = review.checks.rawValue
            status.mergeable = review.mergeable
        }
        return status
    }

    private static func status(of location: ServiceLocation, catalog: CatalogContext,
                               drift: Bool) -> ServiceRead<[ServiceStatus]> {
        switch FleetService.open(location, readOnly: drift) {  // status only looks
        case .service(let services):
            // One work tree scan for the repository, however many services it holds.
            let isDirty = (try? services[0].repository.isClean()).map { !$0 }
            return .service(services.map { status(of: $0, isDirty: isDirty, catalog: catalog, drift: drift) })
        case .notService: return .notService
        case .failed(let failure): return .failed(failure)
        }
    }

    private static func status(of service: FleetService, isDirty: Bool?, catalog givenCatalog: CatalogContext,
                               drift: Bool) -> ServiceStatus {
        // A copier or cruft project's catalog is its template repository.
        let catalog: CatalogContext
        let head: ServiceHead
        do throws(ScaffoldError) { (catalog, head) = try givenCatalog.serving(service.head, remote: service.location.remote != nil) } catch {
            var status = ServiceStatus(location: service.location, goldenPath: service.head.answers.goldenPath,
                                       version: service.head.answers.version, newest: nil, behind: 0, isPublished: false)
            status.problem = error.description
            return status
        }
        let answers = head.answers
        var status = ServiceStatus(location: service.location, goldenPath: answers.goldenPath, version: answers.version,
                                   newest: nil, behind: 0, isPublished: false)
        status.folder = head.folder
        status.lastUpgrade = LastUpgrade.read(service.repository, service: head)
        status.isDirty = isDirty
        do throws(ScaffoldError) {
            let versions = try catalog.versions(of: answers.goldenPath)
            status.newest = versions.first
            status.behind = versions.filter { $0 > answers.version }.count
            status.isPublished = versions.contains(answers.version)
            if let newest = versions.first, newest > answers.version {
                let branch = ServiceUpgrade.branchName(goldenPath: answers.goldenPath, version: newest, folder: head.folder)
                if (try? service.repository.branch(named: branch)) != nil { status.proposedBranch = branch }
            }
            if !status.isPublished {
                status.problem = "version \(answers.version) is not in the catalog"
            } else if drift {
                status.drift = try TemplateDrift.measure(
                    service.repository, service: head,
                    current: try catalog.currentTarget(of: answers))
            }
        } catch {
            status.problem = error.description
        }
        return status
    }
}
