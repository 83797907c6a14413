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
    }

    /// Reads every repository `jobs` at a time; repositories that are not services are left out.
    /// Without `drift`, a service costs one HEAD lookup, one tree walk and one small blob; with it,
    /// a diff against its pristine commit (rendered again only when that is not in its history).
    public static func run(_ locations: [ServiceLocation], catalog: CatalogContext, drift: Bool, jobs: Int,
                           completed: @escaping @Sendable (Int) -> Void = { _ in }) -> Report {
        let results = BoundedRunner.map(locations, jobs: jobs, completed: completed) { location in
            status(of: location, catalog: catalog, drift: drift)
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
                      overview: FleetOverview(services, catalog: catalog, drift: drift))
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

    private static func status(of service: FleetService, isDirty: Bool?, catalog: CatalogContext,
                               drift: Bool) -> ServiceStatus {
        let answers = service.head.answers
        var status = ServiceStatus(location: service.location, goldenPath: answers.goldenPath, version: answers.version,
                                   newest: nil, behind: 0, isPublished: false)
        status.lastUpgrade = LastUpgrade.read(service.repository, service: service.head)
        status.isDirty = isDirty
        do throws(ScaffoldError) {
            let versions = try catalog.versions(of: answers.goldenPath)
            status.newest = versions.first
            status.behind = versions.filter { $0 > answers.version }.count
            status.isPublished = versions.contains(answers.version)
            if let newest = versions.first, newest > answers.version {
                let branch = ServiceUpgrade.branchName(goldenPath: answers.goldenPath, version: newest, folder: service.head.folder)
                if (try? service.repository.branch(named: branch)) != nil { status.proposedBranch = branch }
            }
            if !status.isPublished {
                status.problem = "version \(answers.version) is not in the catalog"
            } else if drift {
                status.drift = try TemplateDrift.measure(
                    service.repository, service: service.head,
                    current: try catalog.currentTarget(of: answers))
            }
        } catch {
            status.problem = error.description
        }
        return status
    }
}
