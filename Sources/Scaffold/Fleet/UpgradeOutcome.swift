/// How one service's upgrade ended in a fleet run.
public enum UpgradeOutcome: Sendable, Hashable {
    /// The upgrade branch was created (or, with `--dry-run`, would be).
    case upgraded
    /// The merge has conflicts: no branch unless `--commit-conflicts`.
    case conflicts
    /// The service is already on the target version (or a newer one).
    case alreadyCurrent
    /// The upgrade branch exists with exactly the tree this run would give it.
    case alreadyProposed
    /// Left alone on purpose: a dirty work tree, or an existing branch that is not to be replaced.
    case skipped(String)
    /// The service could not be upgraded: a corrupt repository, invalid answers, an unknown version.
    case failed(String)

    /// Whether the run counts this service as done (exit 0 needs every service done).
    public var isDone: Bool {
        switch self {
        case .upgraded, .alreadyCurrent, .alreadyProposed: true
        case .conflicts, .skipped, .failed: false
        }
    }

    /// A stable one-word key for JSON and grouping.
    public var key: String {
        switch self {
        case .upgraded: "upgraded"
        case .conflicts: "conflicts"
        case .alreadyCurrent: "already_current"
        case .alreadyProposed: "already_proposed"
        case .skipped: "skipped"
        case .failed: "failed"
        }
    }

    /// The reason of a skip or a failure.
    public var reason: String? {
        switch self {
        case .skipped(let reason), .failed(let reason): reason
        case .upgraded, .conflicts, .alreadyCurrent, .alreadyProposed: nil
        }
    }

    /// As the summary table prints it: `already current`, `skipped: dirty work tree`.
    public var label: String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return reason.map { "\(words): \($0)" } ?? words
    }
}
