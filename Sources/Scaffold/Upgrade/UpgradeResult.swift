import GitKit
import GoldenPath

/// Where an upgrade puts its merge.
public enum UpgradeMode: Sendable, Equatable {
    /// A branch at the merge commit (nil: `scaffold/upgrade-<golden-path>-<version>`); the current
    /// branch, index and work tree stay as they were. With conflicts the branch is created only
    /// when `commitConflicts`, committing the markers.
    case branch(name: String?, commitConflicts: Bool)
    /// Into the current branch, as `git merge` would, conflicts left in git's own conflicted state.
    case inPlace
    /// Nothing is written: the merge is computed with new objects kept in memory.
    case dryRun
}

/// What an upgrade of one service did.
public struct UpgradeResult: Sendable {
    public enum Status: String, Sendable {
        /// Already on the target version and nothing asked for a re-render.
        case current
        /// Merged without conflicts (or, in a dry run, would be).
        case upgraded
        /// The merge has conflicts.
        case conflicts
        /// The upgrade branch exists already with the same tree.
        case alreadyProposed = "already proposed"
    }

    public var status: Status
    public var service: String
    public var goldenPath: String
    public var from: SemanticVersion
    public var to: SemanticVersion
    /// Nil only for `current`.
    public var plan: UpgradePlan?
    /// The branch created or found (branch mode).
    public var branch: String?
    /// The merge commit made (branch mode, or in place without conflicts).
    public var commit: OID?
    public var inPlace = false
    public var dryRun = false
    public var pushed = false
    /// The pull-request description (Markdown); nil for `current`.
    public var description: String?
    /// Where the description was saved (`.git/scaffold/upgrade-<version>.md`); nil in a dry run.
    public var descriptionPath: String?

    public var conflicts: [MergeConflict] { plan?.conflicts ?? [] }
    public var changes: [FileDiff] { plan?.changes ?? [] }
}
