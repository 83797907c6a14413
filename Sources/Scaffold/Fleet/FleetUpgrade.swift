import Foundation
import GitKit
import GoldenPath
import Synchronization

/// `scaffold upgrade --all`: `ServiceUpgrade` for every service of the selection, `jobs` at a
/// time, each on its own upgrade branch. One broken service is reported as failed and never stops
/// the others.
public enum FleetUpgrade {
    public struct Options: Sendable {
        /// What each service's upgrade does; the mode is never in place (the CLI refuses it).
        public var upgrade: ServiceUpgrade.Options
        /// Only services made from this golden path.
        public var goldenPath: String?
        /// Per-service values: `<service name>.yaml` (or `.yml`, `.json`) here is read after
        /// `upgrade.values`' files and before its `--set`s.
        public var valuesDirectory: String?
        /// Repositories without a `.scaffold.yaml` are adopted onto this golden path (at `upgrade.to`,
        /// else its newest version), with values from `valuesDirectory` keyed by repository folder.
        public var adopt: String?
        public var jobs: Int
        /// How repositories listed by URL are cloned, pushed to and proposed.
        public var remote: RemoteOptions?

        public init(upgrade: ServiceUpgrade.Options = ServiceUpgrade.Options(), goldenPath: String? = nil,
                    valuesDirectory: String? = nil, adopt: String? = nil, jobs: Int = 1, remote: RemoteOptions? = nil) {
            self.upgrade = upgrade
            self.goldenPath = goldenPath
            self.valuesDirectory = valuesDirectory
            self.adopt = adopt
            self.jobs = jobs
            self.remote = remote
        }

        /// The upgrade options of one service: its own values file from `valuesDirectory`, when
        /// there is one. A name that is not a plain file name (a service's `.scaffold.yaml` is
        /// its team's) never reaches outside the folder.
        func upgrade(of service: String) -> ServiceUpgrade.Options {
            var options = upgrade
            options.values = values(named: service)
            return options
        }

        /// `upgrade.values` with `valuesDirectory/NAME.yaml` (or `.yml`, `.json`) added when it exists.
        func values(named name: String) -> ValueArguments {
            var values = upgrade.values
            guard let folder = valuesDirectory, !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return values }
            if let file = ["yaml", "yml", "json"].map({ "\(folder)/\(name).\($0)" })
                .first(where: { FileManager.default.fileExists(atPath: $0) }) {
                values.valuesFiles.append(file)
            }
            return values
        }
    }

    /// Why the run cannot start at all (a code host refuses the token), checked before anything is
    /// cloned or pushed; nil when it can.
    public static func refusal(_ locations: [ServiceLocation], options: Options) -> String? {
        options.remote.flatMap { RemoteFleet.verifyTokens(locations, remote: $0) }
    }

    /// The results of the repositories that are services (of `goldenPath`, when given), sorted by path.
    public static func run(_ locations: [ServiceLocation], catalog: CatalogContext, options: Options,
                           completed: @escaping @Sendable (Int) -> Void = { _ in }) -> [UpgradeResult] {
        let results = Mutex<[UpgradeResult]>([])
        run(locations, catalog: catalog, options: options, completed: completed) { result in results.withLock { $0.append(result) } }
        return results.withLock { $0 }
    }

    /// The same results handed to `deliver` one at a time, in the same order, as soon as each is
    /// known: the caller reports a fleet as it goes and keeps only what it needs of each.
    public static func run(_ locations: [ServiceLocation], catalog: CatalogContext, options: Options,
                           completed: @escaping @Sendable (Int) -> Void = { _ in },
                           deliver: @escaping @Sendable (UpgradeResult) -> Void) {
        let stop = RunStop()
        BoundedRunner.forEach(locations, jobs: options.jobs, completed: completed, { location in
            if let url = location.remote {
                let remote = options.remote
                    ?? RemoteOptions(workspace: Workspace.standard(nil, environment: options.upgrade.environment))
                return RemoteFleet.upgrade(location, url: url, catalog: catalog, options: options, remote: remote, stop: stop)
            }
            return upgrade(location, catalog: catalog, options: options)
        }, deliver: { results in results.forEach(deliver) })
    }

    /// Every service of one repository (of the selection), one after the other, wholly on the
    /// calling thread; none when the repository holds no service of the selection.
    /// `before` may settle a service without upgrading it (a declined pull request).
    static func upgrade(_ location: ServiceLocation, catalog: CatalogContext, options: Options,
                        before: (FleetService) -> UpgradeResult? = { _ in nil }) -> [UpgradeResult] {
        let services: [FleetService]
        switch FleetService.open(location, readOnly: options.upgrade.mode == .dryRun) {
        case .service(let opened): services = opened
        case .notService where options.adopt != nil: return adopt(location, catalog: catalog, options: options).map { [$0] } ?? []
        case .notService: return []
        case .failed(let failure):
            if options.adopt != nil && failure.reason.hasSuffix(ServiceHead.Absence.noAnswersFile.description) {
                return adopt(location, catalog: catalog, options: options).map { [$0] } ?? []
            }
            return [UpgradeResult(location: location, outcome: .failed(failure.reason))]
        }
        return services.compactMap { service in
            if let wanted = options.goldenPath, service.head.answers.goldenPath != wanted { return nil }
            if let settled = before(service) { return settled }
            do throws(ScaffoldError) {
                return try ServiceUpgrade.upgrade(service.repository, head: service.head, at: service.location, catalog: catalog,
                                                  options: options.upgrade(of: service.head.serviceName))
            } catch {
                return UpgradeResult(location: service.location, head: service.head,
                                     outcome: .failed(ServiceFailure(location: service.location, error: error).reason))
            }
        }
    }

    /// One repository without a `.scaffold.yaml`, adopted on its branch (never in place).
    static func adopt(_ location: ServiceLocation, catalog: CatalogContext, options: Options) -> UpgradeResult? {
        guard let goldenPath = options.adopt else { return nil }
        let folder = (location.path as NSString).lastPathComponent
        let request = AdoptService.Request(goldenPath: goldenPath, path: location.path, version: options.upgrade.to,
                                           values: options.values(named: folder),
                                           mode: options.upgrade.mode == .dryRun ? .dryRun : .branch,
                                           sign: options.upgrade.sign, environment: options.upgrade.environment)
        var result = UpgradeResult(location: location, outcome: .adopted)
        result.mode = options.upgrade.mode
        result.goldenPath = goldenPath
        do throws(ScaffoldError) {
            let adopted = try AdoptService.run(request, catalog: catalog)
            result.service = adopted.service
            result.to = adopted.version
            result.branch = adopted.branch
            result.commit = adopted.commit
            result.pristineCommit = adopted.pristineCommit
        } catch {
            result.outcome = .failed(ServiceFailure(location: location, error: error).reason)
        }
        return result
    }
}
