import GoldenPath

/// `scaffold lint`: checks golden path versions without rendering them (see `VersionLinter`).
public enum LintGoldenPath {
    public struct Report: Sendable {
        public var versions: [AuthoredVersion]
        /// Sorted by file, line and column.
        public var findings: [LintFinding]
        /// A manifest could not be read at all (missing, or not YAML): exit 2 rather than 1.
        public var unreadable: Bool
    }

    /// `allowEdits`: released versions whose changes are deliberate (`--allow-edit V`).
    public static func run(_ pathOrName: String, version: String?, allowEdits: Set<SemanticVersion> = [],
                           catalog: () throws(ScaffoldError) -> CatalogContext) throws(ScaffoldError) -> Report {
        let versions = try AuthoredVersion.find(pathOrName, version: version, catalog: catalog)
        var findings: [LintFinding] = ReleasedVersions.findings(for: versions, allowEdits: allowEdits).values.flatMap { $0 }
        var unreadable = false
        for version in versions {
            var linter = VersionLinter(version)
            linter.run()
            findings += linter.findings
            unreadable = unreadable || linter.unreadable
        }
        return Report(versions: versions, findings: findings.sorted(), unreadable: unreadable)
    }
}
