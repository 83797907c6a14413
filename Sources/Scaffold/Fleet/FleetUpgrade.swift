import GitKit
import GoldenPath

/// `scaffold upgrade --all`: `ServiceUpgrade` for every service of the selection, `jobs` at a
/// time, each on its own upgrade branch. One broken service is reported as failed and never stops
/// the others.
public enum FleetUpgrade {
    public struct Options: Sendable {
        /// What each service's upgrade does; the mode is never in place (the CLI refuses it).
        public var upgrade: ServiceUpgrade.Options
        /// Only services made from this golden path.
        public var goldenPath: String?
        public var jobs: Int

        public init(upgrade: ServiceUpgrade.Options = ServiceUpgrade.Options(), goldenPath: String? = nil, jobs: Int = 1) {
            self.upgrade = upgrade
            self.goldenPath = goldenPath
            self.jobs = jobs
        }
    }

    /// The results of the repositories that are services (of `goldenPath`, when given), sorted by path.
    public static func run(_ locations: [ServiceLocation], catalog: CatalogContext, options: Options,
                           completed: @escaping @Sendable (Int) -> Void = { _ in }) -> [UpgradeResult] {
        let results = BoundedRunner.map(locations, jobs: options.jobs, completed: completed) { location in
            upgrade(location, catalog: catalog, options: options)
        }
        return results.compactMap { $0 }
    }

    /// One service, wholly on the calling thread; nil when the repository is not a service of the selection.
    static func upgrade(_ location: ServiceLocation, catalog: CatalogContext, options: Options) -> UpgradeResult? {
        let service: FleetService
        switch FleetService.open(location, readOnly: options.upgrade.mode == .dryRun) {
        case .service(let opened): service = opened
        case .notService: return nil
        case .failed(let failure): return UpgradeResult(location: location, outcome: .failed(failure.reason))
        }
        if let wanted = options.goldenPath, service.head.answers.goldenPath != wanted { return nil }
        do throws(ScaffoldError) {
            return try ServiceUpgrade.upgrade(service.repository, head: service.head, at: location, catalog: catalog,
                                              options: options.upgrade)
        } catch {
            return UpgradeResult(location: location, head: service.head,
                                 outcome: .failed(ServiceFailure(location: location, error: error).reason))
        }
    }
}
