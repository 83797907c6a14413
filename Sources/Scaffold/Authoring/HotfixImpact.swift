import Foundation
import GitKit
import GoldenPath

/// `scaffold lint --allow-edit V --fleet ROOT | --repos FILE`: what a deliberate edit of a
/// released version does to the services already on it. Their next upgrade re-renders V as its
/// base, so a service whose render changes gets those changes merged in as if the team had made
/// them; the author should know which ones before landing the hotfix.
///
/// Each service on V is rendered twice in memory with its recorded answers: from the version
/// folder as its release commit had it (exported from the catalog's history) and as it is now.
public enum HotfixImpact {
    public struct Rerender: Sendable, Equatable {
        /// The service as the fleet names it (its path, and folder in a monorepo).
        public var service: String
        /// Service files whose render differs, sorted.
        public var files: [String]
    }

    public struct Report: Sendable {
        public var version: AuthoredVersion
        /// Abbreviated release commit.
        public var releasedIn: String
        /// Files of the version folder changed since the release.
        public var changed: [String]
        /// Services on the version whose render changes, sorted.
        public var rerendered: [Rerender]
        /// Services on the version whose render stays byte for byte.
        public var unchanged: [String]
        /// Services on the version that could not be rendered, with why.
        public var failed: [Rerender]
        /// Whether a fleet was given to check (else only the changed files are known).
        public var checkedFleet: Bool
    }

    static func run(_ version: AuthoredVersion, release: ReleasedVersions.Release, locations: [ServiceLocation]?,
                    jobs: Int) throws(ScaffoldError) -> Report {
        var report = Report(version: version, releasedIn: release.commit.abbreviated(), changed: release.changed,
                            rerendered: [], unchanged: [], failed: [], checkedFleet: locations != nil)
        guard let locations else { return report }
        // The release's files, exported for the run into a staging folder (gone after Ctrl-C,
        // swept by a later run after kill -9).
        let export = try Staging(beside: NSTemporaryDirectory() + "scaffold-release-\(release.commit.abbreviated())")
        defer { export.remove() }
        let (released, current, platform) = try mapErrors(path: release.repositoryRoot) {
            try Repository(openingAt: release.repositoryRoot).export(release.commit, to: export.path)
            let released = try LoadedGoldenPath(catalog: Catalog(root: export.path), name: version.name, version: version.version)
            let current = try LoadedGoldenPath(catalog: version.catalog, name: version.name, version: version.version)
            let platform = try CatalogContext(catalog: version.catalog, origin: .flag, sourceLabel: version.catalog.root).platformFile()
            return (released, current, platform)
        }
        let rows = BoundedRunner.map(locations, jobs: jobs) { location -> [(String, Result<[String], ScaffoldError>)] in
            guard case .service(let services) = FleetService.open(location, readOnly: true) else { return [] }
            return services.compactMap { service in
                let answers = service.head.answers
                guard answers.goldenPath == version.name, answers.version == version.version else { return nil }
                let label = service.location.serviceLabel(folder: service.head.folder)
                return (label, Result { () throws(ScaffoldError) in
                    TreeDifference.changedFiles(try render(released, service.head, platform),
                                                try render(current, service.head, platform)).map(\.path)
                })
            }
        }.flatMap { $0 }
        for (service, result) in rows.sorted(by: { $0.0 < $1.0 }) {
            switch result {
            case .success(let files) where files.isEmpty: report.unchanged.append(service)
            case .success(let files): report.rerendered.append(Rerender(service: service, files: files))
            case .failure(let error): report.failed.append(Rerender(service: service, files: [error.description]))
            }
        }
        return report
    }

    /// The service's files as `goldenPath` renders them from its recorded answers.
    private static func render(_ goldenPath: LoadedGoldenPath, _ head: ServiceHead,
                               _ platform: PlatformFile?) throws(ScaffoldError) -> RenderedTree {
        let answers = head.answers.keepingSticky(of: goldenPath.manifest)
        let inputs = ValueInputs(platform: platform, answersFile: (answers, ServiceHead.label(head.folder)), valuesFiles: [], sets: [])
        return try mapErrors {
            try goldenPath.render(inputs: inputs, source: answers.source, created: answers.created, extraAnswers: answers.extra).tree
        }
    }
}
