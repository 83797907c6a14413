import GoldenPath

/// What a fleet run did to one service; the summary table, `--report` and `--pr-body-dir` show it.
public struct ServiceUpgradeReport: Sendable {
    public var location: ServiceLocation
    /// Nil when the repository could not be read far enough to know.
    public var goldenPath: String?
    public var from: SemanticVersion?
    public var to: SemanticVersion?
    public var outcome: UpgradeOutcome
    /// The upgrade branch, when one exists now (created, replaced or already there).
    public var branch: String?
    /// Paths the upgrade changes relative to the service's HEAD, sorted.
    public var filesChanged: [String] = []
    /// Paths with conflicts, sorted.
    public var conflictedFiles: [String] = []
    /// Whether the branch was pushed to `origin` in this run.
    public var pushed = false
    /// The pull-request description (Markdown), when an upgrade was prepared.
    public var pullRequest: String?

    public init(location: ServiceLocation, goldenPath: String? = nil, from: SemanticVersion? = nil,
                to: SemanticVersion? = nil, outcome: UpgradeOutcome) {
        self.location = location
        self.goldenPath = goldenPath
        self.from = from
        self.to = to
        self.outcome = outcome
    }
}
