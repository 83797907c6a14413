import GitKit

/// How one service's upgrade ended: the same words for `scaffold upgrade` and `upgrade --all`.
public enum UpgradeOutcome: Sendable, Hashable {
    /// Merged without conflicts onto the upgrade branch or in place (or, in a dry run, would be).
    case upgraded
    /// The merge has conflicts: no branch unless conflicts are committed.
    case conflicts
    /// A repository that predated the golden path was brought onto it (`upgrade --all --adopt`).
    case adopted
    /// The service is on the target version and nothing asks for a re-render.
    case alreadyCurrent
    /// The upgrade branch exists with exactly the tree this run would give it (and, with
    /// `--open-prs`, its pull request says what this run would).
    case alreadyProposed
    /// `--open-prs`: the service's open pull request was brought up to date (title, body, branch).
    case updated
    /// `--open-prs`: the pull request for this version was merged and the service is on it.
    case merged
    /// `--open-prs`: the team closed the pull request for this version without merging it; left
    /// alone until `--reopen-declined`.
    case declined
    /// The service is on a newer version than the target: nothing to do (scaffold never downgrades).
    case ahead
    /// Left alone on purpose.
    case skipped(SkipReason)
    /// The service could not be upgraded: a corrupt repository, invalid answers, an unknown version.
    case failed(String)

    /// Why a service was left alone.
    public enum SkipReason: Sendable, Hashable, CustomStringConvertible {
        /// Uncommitted changes (the paths, sorted): an upgrade never mixes with unsaved work.
        case dirtyWorkTree([String])
        /// The upgrade branch exists and the run was asked to leave such services.
        case branchExists(String)
        /// The upgrade branch exists with another tree and the run was not asked to replace it.
        case branchHasOtherContent(String)
        /// git has an operation in progress (a merge, rebase, cherry-pick, revert, bisect):
        /// HEAD and the index belong to it.
        case operationInProgress(RepositoryState)
        /// Another scaffold process is upgrading this repository right now.
        case anotherRunInProgress
        /// A git process holds the index or HEAD's reference lock (git's own message).
        case repositoryLocked(String)

        public var description: String {
            switch self {
            case .dirtyWorkTree(let paths):
                let shown = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
                return "the work tree has uncommitted changes (\(shown))"
            case .branchExists(let branch): return "branch \(branch) exists"
            case .branchHasOtherContent(let branch): return "branch \(branch) exists with other content"
            case .operationInProgress(let state): return state.description
            case .anotherRunInProgress: return "another scaffold run is upgrading this repository"
            case .repositoryLocked(let message): return message
            }
        }
    }

    /// Whether the service needs nothing more (a fleet run exits 0 when every service does).
    public var isDone: Bool {
        switch self {
        case .upgraded, .adopted, .alreadyCurrent, .alreadyProposed, .ahead, .updated, .merged, .declined: true
        case .conflicts, .skipped, .failed: false
        }
    }

    /// The stable snake_case word of JSON reports.
    public var key: String {
        switch self {
        case .upgraded: "upgraded"
        case .adopted: "adopted"
        case .conflicts: "conflicts"
        case .alreadyCurrent: "already_current"
        case .alreadyProposed: "already_proposed"
        case .updated: "updated"
        case .merged: "merged"
        case .declined: "declined"
        case .ahead: "ahead"
        case .skipped: "skipped"
        case .failed: "failed"
        }
    }

    /// Every key, in the order summaries list them.
    public static let keys = ["upgraded", "updated", "adopted", "already_proposed", "merged", "already_current", "ahead",
                              "declined", "conflicts", "skipped", "failed"]

    /// The reason of a skip or a failure.
    public var reason: String? {
        switch self {
        case .skipped(let reason): reason.description
        case .failed(let reason): reason
        case .upgraded, .adopted, .conflicts, .alreadyCurrent, .alreadyProposed, .ahead, .updated, .merged, .declined: nil
        }
    }
}
