import CGit2

extension Repository {
    /// Adds the remote `name` (usually `origin`) with the default fetch refspec.
    public func addRemote(named name: String, url: String) throws(GitError) {
        var remote: OpaquePointer?
        try check(name.withCString { name in url.withCString { git_remote_create(&remote, pointer, name, $0) } },
                  "add remote '\(name)'")
        git_remote_free(remote)
    }

    /// The URL of the remote `name`, or nil when there is no such remote.
    public func remoteURL(named name: String) throws(GitError) -> String? {
        var remote: OpaquePointer?
        let result = name.withCString { git_remote_lookup(&remote, pointer, $0) }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "look up remote '\(name)'")
        defer { git_remote_free(remote) }
        return String(gitString: git_remote_url(remote))
    }

    /// Pushes `refspecs` (`refs/heads/main:refs/heads/main`, `+refs/heads/x:refs/heads/x` to force)
    /// to the remote `name` (its `pushurl`, else its `url`), then moves the tracking references
    /// (`refs/remotes/NAME/x`) as git does. libgit2 1.5 pushes to local repositories only when
    /// they are bare. A rejected reference (non-fast-forward, hook refusal) is an error naming it.
    public func push(remote name: String, refspecs: [String], credentials: RemoteCredentials? = nil) throws(GitError) {
        let operation = "push to '\(name)'"
        let config = try configSnapshot()
        let pushURL = try config.string("remote.\(name).pushurl")
        let fetchURL = try config.string("remote.\(name).url")
        guard let url = pushURL ?? fetchURL else {
            throw GitError(code: .notFound, errorClass: .config, message: "remote '\(name)' does not exist", operation: operation)
        }
        var options = git_push_options()
        try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "push options")
        let strings = CStringArray(refspecs)
        let asker = CredentialAsker(credentials)
        let result = try withRemote(url: url, fetching: nil) { remote in
            withExtendedLifetime(asker) {
                asker.install(in: &options.callbacks)
                options.callbacks.push_update_reference = { refname, status, payload in
                    guard let payload, let status else { return 0 }
                    let asker = Unmanaged<CredentialAsker>.fromOpaque(payload).takeUnretainedValue()
                    asker.rejections.append("\(String(cString: refname!)): \(String(cString: status))")
                    return 0
                }
                return strings.withStrArray { git_remote_push(remote, $0, &options) }
            }
        }
        if result < 0 { throw asker.error(for: result, url: url, operation: operation) }
        if !asker.rejections.isEmpty {
            throw GitError(code: .generic, errorClass: .reference,
                           message: "rejected " + asker.rejections.joined(separator: ", "), operation: operation)
        }
        for refspec in refspecs {
            let parts = refspec.drop(while: { $0 == "+" }).split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("refs/heads/") else { continue }
            let tracking = "refs/remotes/\(name)/" + parts[1].dropFirst("refs/heads/".count)
            if parts[0].isEmpty {
                try deleteReference(named: tracking)
            } else if let commit = try reference(named: parts[0]) {
                try updateReference(named: tracking, to: commit, message: "update by push")
            }
        }
    }
}
