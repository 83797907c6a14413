import CGit2

/// How checkout treats files in the work tree that differ from what it writes.
public enum CheckoutStrategy: Sendable {
    /// Update only files that are unmodified; fail on a change that would be lost.
    case safe
    /// Make the work tree match, overwriting changes (untracked files are left alone).
    case force
    /// Make the work tree match and remove untracked files too (ignored ones stay): for clones
    /// that are scaffold's own, never for a developer's work tree.
    case forceClean

    var flags: UInt32 {
        switch self {
        case .safe: GIT_CHECKOUT_SAFE.rawValue
        case .force: GIT_CHECKOUT_FORCE.rawValue
        case .forceClean: GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_REMOVE_UNTRACKED.rawValue
        }
    }
}

extension Repository {
    /// Writes HEAD's tree into the work tree and the index. Use `.force` right after creating the
    /// first commit of a fresh repository: `.safe` treats the missing files as deliberate deletions.
    public func checkoutHead(strategy: CheckoutStrategy) throws(GitError) {
        var options = try Self.checkoutOptions(strategy.flags)
        try check(git_checkout_head(pointer, &options), "check out HEAD")
    }

    static func checkoutOptions(_ strategy: UInt32) throws(GitError) -> git_checkout_options {
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "checkout options")
        options.checkout_strategy = strategy
        return options
    }
}
