import CGit2

/// An operation git has in progress in a repository (its state files in the git folder), named
/// as `git status` names it. A command that writes the work tree or HEAD refuses to start in the
/// middle of one, as git does, so it can never lose a pending merge or commit mid-rebase.
public enum RepositoryState: Sendable, Hashable, CustomStringConvertible {
    case merge, revert, cherryPick, bisect, rebase, applyMailbox

    public var description: String {
        switch self {
        case .merge: "a merge is in progress (finish it with 'git commit', or 'git merge --abort')"
        case .revert: "a revert is in progress (finish it with 'git revert --continue', or 'git revert --abort')"
        case .cherryPick: "a cherry-pick is in progress (finish it with 'git cherry-pick --continue', or 'git cherry-pick --abort')"
        case .bisect: "a bisect is in progress (end it with 'git bisect reset')"
        case .rebase: "a rebase is in progress (finish it with 'git rebase --continue', or 'git rebase --abort')"
        case .applyMailbox: "'git am' is in progress (finish it with 'git am --continue', or 'git am --abort')"
        }
    }
}

extension Repository {
    /// The operation in progress, nil when none is.
    public var stateInProgress: RepositoryState? {
        switch git_repository_state_t(UInt32(bitPattern: git_repository_state(pointer))) {
        case GIT_REPOSITORY_STATE_MERGE: .merge
        case GIT_REPOSITORY_STATE_REVERT, GIT_REPOSITORY_STATE_REVERT_SEQUENCE: .revert
        case GIT_REPOSITORY_STATE_CHERRYPICK, GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: .cherryPick
        case GIT_REPOSITORY_STATE_BISECT: .bisect
        case GIT_REPOSITORY_STATE_REBASE, GIT_REPOSITORY_STATE_REBASE_INTERACTIVE, GIT_REPOSITORY_STATE_REBASE_MERGE: .rebase
        case GIT_REPOSITORY_STATE_APPLY_MAILBOX, GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: .applyMailbox
        default: nil
        }
    }
}
