import Foundation
import GoldenPath

/// `scaffold test GOLDEN_PATH --fleet ROOT | --repos FILE --to V`: what publishing a version would
/// do to the fleet, before it is published. It is `upgrade --all --dry-run` with the author's
/// catalog (the unreleased version included), so every service is planned exactly as its real
/// upgrade will be, and nothing is written to any service; the report is then folded by template
/// file, migration and changed default so an author sees which change hurts how many teams.
public enum BlastRadius {
    /// How one service would take the version.
    public enum Verdict: String, Sendable, CaseIterable {
        case clean, conflicts, fails, current, ahead, skipped
    }

    /// One line of a fold: what happens, and to which services (sorted).
    public struct Count: Sendable, Equatable {
        public var subject: String
        public var services: [String]
    }

    /// A template file that conflicts somewhere, with the key paths that conflicted there.
    public struct FileConflicts: Sendable, Equatable {
        /// The path inside a service (its folder stripped), as the template names it.
        public var file: String
        public var services: [String]
        /// Key paths of YAML files that conflicted by key, each with the services where it did.
        public var keys: [Count]
    }

    public struct Report: Sendable {
        public var goldenPath: String
        public var version: SemanticVersion
        public var results: [UpgradeResult]
        /// Each result's service label (its path as the fleet names it), in `results`' order.
        public var labels: [String]
        public var verdicts: [Verdict]
        public var conflictsByFile: [FileConflicts]
        public var migrations: [Count]
        public var changedDefaults: [Count]

        /// Publishing would hurt: a service would conflict or could not be upgraded.
        public var isHarmful: Bool { verdicts.contains(.conflicts) || verdicts.contains(.fails) }

        public func count(_ verdict: Verdict) -> Int { verdicts.filter { $0 == verdict }.count }
    }

    /// The version `pathOrName` names (a version folder, a golden path folder or a catalog name;
    /// `to`, else the newest) planned over the services among `locations`.
    public static func run(_ pathOrName: String, to: String?, over locations: [ServiceLocation], jobs: Int, environment: [String: String],
                           catalog: () throws(ScaffoldError) -> CatalogContext,
                           completed: @escaping @Sendable (Int) -> Void = { _ in }) throws(ScaffoldError) -> Report {
        var located: CatalogContext?
        let versions = try AuthoredVersion.find(pathOrName, version: to ?? "latest") { () throws(ScaffoldError) in
            let context = try catalog()
            located = context
            return context
        }
        guard let target = versions.last else { throw ScaffoldError(file: pathOrName, message: "no version to test") }
        // A golden path given as a folder is its own catalog (the version need not be published).
        let context = located ?? CatalogContext(catalog: target.catalog, origin: .flag, sourceLabel: target.catalog.root)
        return run(locations, goldenPath: target.name, version: target.version, catalog: context, jobs: jobs,
                   environment: environment, completed: completed)
    }

    /// Plans the upgrade of every service of `goldenPath` among `locations` to `version` of the
    /// author's `catalog`, in memory.
    public static func run(_ locations: [ServiceLocation], goldenPath: String, version: SemanticVersion, catalog: CatalogContext,
                           jobs: Int, environment: [String: String],
                           completed: @escaping @Sendable (Int) -> Void = { _ in }) -> Report {
        var upgrade = ServiceUpgrade.Options(to: version.description, mode: .dryRun)
        upgrade.environment = environment
        let options = FleetUpgrade.Options(upgrade: upgrade, goldenPath: goldenPath, jobs: jobs)
        let results = FleetUpgrade.run(locations, catalog: catalog, options: options, completed: completed)
        return fold(results, goldenPath: goldenPath, version: version)
    }

    static func fold(_ results: [UpgradeResult], goldenPath: String, version: SemanticVersion) -> Report {
        let labels = results.map { $0.location.serviceLabel(folder: $0.folder) }
        var files: [String: (services: Set<String>, keys: [String: Set<String>])] = [:]
        var migrations: [String: Set<String>] = [:]
        var defaults: [String: Set<String>] = [:]
        for (result, label) in zip(results, labels) {
            let prefix = result.folder.isEmpty ? "" : result.folder + "/"
            func inService(_ path: String) -> String { path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path }
            for path in result.conflictedFiles {
                files[inService(path), default: ([], [:])].services.insert(label)
            }
            for (path, keys) in result.keyConflicts {
                for key in keys { files[inService(path), default: ([], [:])].keys[key, default: []].insert(label) }
            }
            for note in result.migrationNotes { migrations[note, default: []].insert(label) }
            for change in result.changedDefaults { defaults[change, default: []].insert(label) }
        }
        func counts(_ table: [String: Set<String>]) -> [Count] {
            table.map { Count(subject: $0.key, services: $0.value.sorted()) }
                .sorted { ($0.services.count, $1.subject) > ($1.services.count, $0.subject) }
        }
        let byFile = files.map { file, entry in
            FileConflicts(file: file, services: entry.services.sorted(), keys: counts(entry.keys))
        }.sorted { ($0.services.count, $1.file) > ($1.services.count, $0.file) }
        return Report(goldenPath: goldenPath, version: version, results: results, labels: labels,
                      verdicts: results.map(verdict), conflictsByFile: byFile,
                      migrations: counts(migrations), changedDefaults: counts(defaults))
    }

    static func verdict(_ result: UpgradeResult) -> Verdict {
        switch result.outcome {
        case .upgraded, .adopted, .alreadyProposed, .updated: .clean
        case .conflicts: .conflicts
        case .failed: .fails
        case .alreadyCurrent, .merged, .declined: .current
        case .ahead: .ahead
        case .skipped: .skipped
        }
    }
}
