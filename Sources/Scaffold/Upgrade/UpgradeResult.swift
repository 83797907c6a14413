import CodeHost
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
    /// The service's folder in its repository; empty at the root.
    public var folder = ""
    /// The service's name; nil when the repository could not be read far enough to know.
    public var service: String?
    public var goldenPath: String?
    public var from: SemanticVersion?
    public var to: SemanticVersion?
    public var outcome: UpgradeOutcome
    public var mode: UpgradeMode = .branch
    /// How the merge base was found; nil when no merge was worked out (current, ahead, skipped).
    public var base: PristineBase.Origin?
    /// The new pristine render's commit (the merge's second parent).
    public var pristineCommit: OID?
    /// The branch HEAD was on when the merge was worked out; nil when detached.
    public var headBranch: String?
    /// What the upgrade changes relative to HEAD, sorted by path: paths and counts (the patch
    /// texts are not kept, so a fleet's results stay small; `scaffold diff` prints them).
    public var changes: [FileDiff] = []
    public var conflicts: [MergeConflict] = []
    /// The golden path's migrations of the recorded answers, in words.
    public var migrationNotes: [String] = []
    /// Defaults the service never set that the target resolves differently (`` `port`: 3000 -> 8080 ``).
    public var changedDefaults: [String] = []
    /// Files the line merge conflicted on that merged key by key (repository paths).
    public var mergedStructurally: [String] = []
    /// Per conflicted YAML file, the key paths both sides changed differently.
    public var keyConflicts: [String: [String]] = [:]
    /// The upgrade branch, when one exists now (created, replaced, already there).
    public var branch: String?
    /// The merge commit made or found.
    public var commit: OID?
    /// Whether the branch was pushed to `origin` in this run.
    public var pushed = false
    /// The pull-request description (Markdown), when an upgrade was prepared.
    public var description: String?
    /// What this run found and did about an in-place upgrade a killed run left unfinished.
    public var recovery: InPlaceRecovery?
    /// Where the description was saved (`.git/scaffold/upgrade-<version>.md`); nil in a dry run.
    public var descriptionPath: String?
    /// The clone URL of a repository listed by URL (`upgrade --all --repos` with URLs).
    public var repositoryURL: String?
    /// `--open-prs`: the service's pull request (merge request) after this run.
    public var pullRequest: PullRequestSummary?
    /// `--open-prs`: the API calls made for this repository (on its first service's row).
    public var apiCalls: APICalls?

    public init(location: ServiceLocation, outcome: UpgradeOutcome) {
        self.location = location
        self.outcome = outcome
    }

    /// A result for the service at `head`: its name, golden path and version filled in.
    init(location: ServiceLocation, head: ServiceHead, outcome: UpgradeOutcome) {
        self.init(location: location, outcome: outcome)
        service = head.serviceName
        folder = head.folder
        goldenPath = head.answers.goldenPath
        from = head.answers.version
    }

    public var inPlace: Bool { mode == .inPlace }
    public var dryRun: Bool { mode == .dryRun }
    /// Whether a merge was worked out.
    public var hasMerge: Bool { pristineCommit != nil }
    public var hasConflicts: Bool { !conflicts.isEmpty }
    /// Paths the upgrade changes relative to HEAD, sorted (a deleted file by its old path).
    public var filesChanged: [String] { changes.map { $0.status == .deleted ? $0.oldPath : $0.newPath } }
    /// Paths with conflicts, sorted.
    public var conflictedFiles: [String] { conflicts.map(\.path).sorted() }

    /// How many files the upgrade changes: `changes.count`, also once `compacted()` dropped them.
    public var changedFileCount: Int { keptChangeCount ?? changes.count }
    private var keptChangeCount: Int?

    /// What a fleet's summary table needs of a result, which the report has written out already:
    /// its outcome, versions, conflicted files and how many files change, without the file list,
    /// the notes or the pull-request description (saved in `.git/scaffold/`). A fleet run keeps
    /// this of each service, so its memory stays about flat from hundreds of services to thousands.
    public func compacted() -> UpgradeResult {
        var copy = self
        copy.keptChangeCount = changedFileCount
        copy.changes = []
        copy.description = nil
        copy.migrationNotes = []
        copy.changedDefaults = []
        copy.mergedStructurally = []
        copy.keyConflicts = [:]
        return copy
    }

    /// Records what the report needs of a worked-out merge, and nothing more.
    mutating func record(_ plan: UpgradePlan) {
        base = plan.base.origin
        pristineCommit = plan.pristine
        headBranch = plan.service.branch
        changes = plan.changes.map { file in
            var file = file
            file.patch = ""
            return file
        }
        conflicts = plan.conflicts
        migrationNotes = plan.migrationNotes
        changedDefaults = plan.changedDefaults
        mergedStructurally = plan.mergedStructurally
        keyConflicts = plan.keyConflicts
    }
}
