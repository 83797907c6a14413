import GoldenPath

/// `scaffold lint`: checks golden path versions without rendering them (see `VersionLinter`).
public enum LintGoldenPath {
    public struct Report: Sendable {
        public var versions: [AuthoredVersion]
        /// Sorted by file, line and column.
        public var findings: [LintFinding]
        /// A manifest could not be read at all (missing, or not YAML): exit 2 rather than 1.
        public var unreadable: Bool
        /// The allowed edits of released versions (`--allow-edit V`) that changed something, with
        /// the services of `fleet` they re-render differently.
        public var hotfixes: [HotfixImpact.Report] = []
    }

    /// `allowEdits`: released versions whose changes are deliberate (`--allow-edit V`); `fleet`:
    /// the services to check those edits against.
    public static func run(_ pathOrName: String, version: String?, allowEdits: Set<SemanticVersion> = [],
                           fleet: [ServiceLocation]? = nil, jobs: Int = 1,
                           catalog: () throws(ScaffoldError) -> CatalogContext) throws(ScaffoldError) -> Report {
        let versions = try AuthoredVersion.find(pathOrName, version: version, catalog: catalog)
        var findings: [LintFinding] = ReleasedVersions.findings(for: versions, allowEdits: allowEdits).values.flatMap { $0 }
        let allowed = versions.filter { allowEdits.contains($0.version) }
        let releases = ReleasedVersions.releases(of: allowed)
        var hotfixes: [HotfixImpact.Report] = []
        for version in allowed {
            guard let release = releases[version.directory], !release.changed.isEmpty else { continue }
            hotfixes.append(try HotfixImpact.run(version, release: release, locations: fleet, jobs: jobs))
        }
        var unreadable = false
        for version in versions {
            var linter = VersionLinter(version)
            linter.run()
            findings += linter.findings
            unreadable = unreadable || linter.unreadable
        }
        return Report(versions: versions, findings: findings.sorted(), unreadable: unreadable, hotfixes: hotfixes)
    }
}
