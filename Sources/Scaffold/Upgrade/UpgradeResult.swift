import GitKit
import GoldenPath

/// Where an upgrade puts its merge.
public enum UpgradeMode: Sendable, Equatable {
    /// A branch at the merge commit; the current branch, index and work tree stay as they were.
    case branch
    /// Into the current branch, as `git merge` would, conflicts left in git's own conflicted state.
    case inPlace
    /// Nothing is written: the merge is computed with new objects kept in memory.
    case dryRun
}

/// What the upgrade of one service did: `scaffold upgrade` prints one, `upgrade --all` one per service.
public struct UpgradeResult: Sendable {
    public var location: ServiceLocation
    /// The service's name; nil when the repository could not be read far enough to know.
    public var service: String?
    public var goldenPath: String?
    public var from: SemanticVersion?
    public var to: SemanticVersion?
    public var outcome: UpgradeOutcome
    /// The merge, when one was worked out.
    public var plan: UpgradePlan?
    public var mode: UpgradeMode = .branch
    /// The upgrade branch, when one exists now (created, replaced, already there).
    public var branch: String?
    /// The merge commit made or found.
    public var commit: OID?
    /// Whether the branch was pushed to `origin` in this run.
    public var pushed = false
    /// The pull-request description (Markdown), when an upgrade was prepared.
    public var description: String?
    /// Where the description was saved (`.git/scaffold/upgrade-<version>.md`); nil in a dry run.
    public var descriptionPath: String?

    public init(location: ServiceLocation, outcome: UpgradeOutcome) {
        self.location = location
        self.outcome = outcome
    }

    public var inPlace: Bool { mode == .inPlace }
    public var dryRun: Bool { mode == .dryRun }
    public var changes: [FileDiff] { plan?.changes ?? [] }
    public var conflicts: [MergeConflict] { plan?.conflicts ?? [] }
    /// Paths the upgrade changes relative to HEAD, sorted (a deleted file by its old path).
    public var filesChanged: [String] { changes.map { $0.status == .deleted ? $0.oldPath : $0.newPath } }
    /// Paths with conflicts, sorted.
    public var conflictedFiles: [String] { conflicts.map(\.path).sorted() }
}
