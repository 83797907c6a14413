import CGit2
import Foundation

/// HTTPS credentials for a code host: the token as the password, as GitHub (`x-access-token`) and
/// GitLab (`oauth2`) accept it. Held in memory only: never in a URL, `.git/config` or a message.
public struct RemoteCredentials: Sendable, Hashable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// What a fetch found on the remote: its default branch and every advertised branch's tip.
public struct RemoteState: Sendable, Equatable {
    /// The remote HEAD's branch (`main`), nil for an empty repository.
    public var defaultBranch: String?
    /// `refs/heads/NAME` to its commit, as the remote advertised them.
    public var branches: [String: OID]
}

extension Repository {
    /// Clones `url` into `path` (a new folder) with the remote's default branch checked out and
    /// `origin` set to `url`. Written to a folder beside `path` and renamed into place last, so an
    /// interrupted clone leaves nothing that looks like a repository.
    ///
    /// Made of init, fetch and checkout rather than `git_clone`: libgit2 1.5.1 leaks its PCRE2
    /// match data (about 130 KB) each time it creates or looks up a named remote (the `insteadOf`
    /// rewriting), which a fleet run does once per repository; see `withRemote`.
    ///
    /// `bare`: no work tree at all (HEAD names the default branch): what a cache of clones that
    /// only ever commits on branches needs, without writing every file of every repository.
    /// `tags`: every tag too. Returns what the remote advertised, so a caller that wants the
    /// remote's state does not ask for it again (another request to the host, per repository).
    @discardableResult
    public static func clone(_ url: String, into path: String, credentials: RemoteCredentials?,
                             bare: Bool = false, tags: Bool = false) throws(GitError) -> (Repository, RemoteState) {
        Git.initialize()
        let operation = "clone \(url)"
        let parent = (path as NSString).deletingLastPathComponent
        let partial = parent + "/.partial-" + (path as NSString).lastPathComponent + "-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw GitError(code: .generic, errorClass: .os, message: "cannot create '\(parent)': \(error.localizedDescription)",
                           operation: operation)
        }
        try? FileManager.default.removeItem(atPath: partial)
        let state: RemoteState
        do throws(GitError) {
            let repository = try Repository(creatingAt: partial, bare: bare)
            try repository.setConfigValue("remote.origin.url", to: url)
            try repository.setConfigValue("remote.origin.fetch", to: Self.branchesRefspec("origin"))
            state = try repository.fetch(remote: "origin", credentials: credentials, tags: tags)
            if let branch = state.defaultBranch, let tip = state.branches["refs/heads/" + branch] {
                try repository.updateReference(named: "refs/heads/" + branch, to: tip, message: "clone: from \(url)")
                try repository.setHead(branch: branch)
                if !bare { try repository.checkoutHead(strategy: .force) }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw GitError(code: .exists, errorClass: .os, message: "cannot move the clone into place: \(error.localizedDescription)",
                           operation: operation)
        }
        return (try Repository(openingAt: path), state)
    }

    /// Fetches every branch of the remote `name` into `refs/remotes/NAME/`, pruning the ones it no
    /// longer has, over one connection; returns what the remote advertised. Nothing is downloaded
    /// when every advertised commit is already here. Uses the remote's `url` as configured, with
    /// git's default refspec and no `insteadOf` rewriting (`withRemote`).
    /// `tags`: also every tag, into `refs/tags/` (a catalog pinned to `#v2.0.0`).
    @discardableResult
    public func fetch(remote name: String, credentials: RemoteCredentials?, tags: Bool = false) throws(GitError) -> RemoteState {
        let operation = "fetch '\(name)'"
        guard let url = try configValue("remote.\(name).url") else {
            throw GitError(code: .notFound, errorClass: .config, message: "remote '\(name)' does not exist", operation: operation)
        }
        let asker = CredentialAsker(credentials)
        return try withRemote(url: url, fetching: Self.branchesRefspec(name)) { remote throws(GitError) in
            try withExtendedLifetime(asker) { () throws(GitError) -> RemoteState in
                var callbacks = try asker.connect(remote, url: url, operation: operation)
                defer { git_remote_disconnect(remote) }
                let state = try Self.advertised(remote)
                var options = git_fetch_options()
                try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetch options")
                options.callbacks = callbacks
                options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
                let refspecs = CStringArray([Self.branchesRefspec(name)] + (tags ? ["+refs/tags/*:refs/tags/*"] : []))
                let downloaded = refspecs.withStrArray { git_remote_download(remote, $0, &options) }
                if downloaded < 0 { throw asker.error(for: downloaded, url: url, operation: operation) }
                try check(git_remote_update_tips(remote, &callbacks, 0, GIT_REMOTE_DOWNLOAD_TAGS_NONE, nil), operation)
                try check(git_remote_prune(remote, &callbacks), operation)
                return state
            }
        }
    }

    /// git's default refspec: every branch of the remote `name` into `refs/remotes/NAME/`.
    static func branchesRefspec(_ name: String) -> String {
        "+refs/heads/*:refs/remotes/\(name)/*"
    }

    /// An in-memory remote for `url` attached to this repository, fetching with `refspec`:
    /// never written to the configuration, and made without `insteadOf` rewriting, the path on
    /// which libgit2 1.5.1 leaks PCRE2 match data for every named remote it creates or looks up.
    func withRemote<T>(url: String, fetching refspec: String?,
                       _ body: (OpaquePointer?) throws(GitError) -> T) throws(GitError) -> T {
        try Git.prepareNetwork(for: url)
        var options = git_remote_create_options()
        try check(git_remote_create_options_init(&options, UInt32(GIT_REMOTE_CREATE_OPTIONS_VERSION)), "remote options")
        options.repository = pointer
        options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF.rawValue | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC.rawValue
        var remote: OpaquePointer?
        let result = url.withCString { url in
            withOptionalCString(refspec) { spec in
                options.fetchspec = spec
                return git_remote_create_with_opts(&remote, url, &options)
            }
        }
        try check(result, "remote \(url)")
        defer { git_remote_free(remote) }
        return try body(remote)
    }

    static func advertised(_ remote: OpaquePointer?) throws(GitError) -> RemoteState {
        var heads: UnsafeMutablePointer<UnsafePointer<git_remote_head>?>?
        var count = 0
        try check(git_remote_ls(&heads, &count, remote), "list remote references")
        var branches: [String: OID] = [:]
        var headTarget: String?
        for index in 0..<count {
            guard let head = heads?[index]?.pointee, let name = String(gitString: head.name) else { continue }
            if name.hasPrefix("refs/heads/") { branches[name] = OID(head.oid) }
            if name == "HEAD", let target = String(gitString: head.symref_target) { headTarget = target }
        }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        if headTarget == nil, git_remote_default_branch(&buffer, remote) == 0 {
            headTarget = String(gitString: buffer.ptr)
        }
        let defaultBranch = headTarget.flatMap { $0.hasPrefix("refs/heads/") ? String($0.dropFirst(11)) : nil }
        return RemoteState(defaultBranch: defaultBranch, branches: branches)
    }
}

extension Git {
    /// What the remote at `url` advertises (`git ls-remote`), without a local repository: an
    /// empty repository advertises no branch.
    public static func listRemote(_ url: String, credentials: RemoteCredentials?) throws(GitError) -> RemoteState {
        initialize()
        let operation = "list \(url)"
        try prepareNetwork(for: url)
        var remote: OpaquePointer?
        try check(url.withCString { git_remote_create_detached(&remote, $0) }, operation)
        defer { git_remote_free(remote) }
        let asker = CredentialAsker(credentials)
        return try withExtendedLifetime(asker) { () throws(GitError) -> RemoteState in
            _ = try asker.connect(remote, url: url, operation: operation)
            defer { git_remote_disconnect(remote) }
            return try Repository.advertised(remote)
        }
    }
}

/// The credential callback's state: gives the credentials once per operation, so a refused token
/// ends the operation instead of being replayed, and remembers that it did, because libgit2's
/// last error after a callback gives up is stale and says nothing about authentication.
final class CredentialAsker {
    let credentials: RemoteCredentials?
    var attempts = 0
    /// A push's per-reference rejections (the callbacks share one payload).
    var rejections: [String] = []

    init(_ credentials: RemoteCredentials?) { self.credentials = credentials }

    func install(in callbacks: inout git_remote_callbacks) {
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, _, _, allowed, payload in
            guard let payload, let out else { return GIT_PASSTHROUGH.rawValue }
            let asker = Unmanaged<CredentialAsker>.fromOpaque(payload).takeUnretainedValue()
            asker.attempts += 1
            guard let credentials = asker.credentials, asker.attempts == 1,
                  allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return GIT_EUSER.rawValue }
            return credentials.username.withCString { user in
                credentials.password.withCString { git_credential_userpass_plaintext_new(out, user, $0) }
            }
        }
    }

    /// Connects `remote` for fetching with this asker's credentials; returns the callbacks, for
    /// the download that follows. The caller disconnects.
    func connect(_ remote: OpaquePointer?, url: String, operation: String) throws(GitError) -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        try check(git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)), "remote callbacks")
        install(in: &callbacks)
        let connected = git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, nil, nil)
        if connected < 0 { throw error(for: connected, url: url, operation: operation) }
        return callbacks
    }

    /// The error of a failed network call: in scaffold's own words when the remote asked for
    /// credentials and refused (or was not given) them.
    func error(for result: Int32, url: String, operation: String) -> GitError {
        if result == GIT_ECERTIFICATE.rawValue {
            var error = GitError.last(code: result, operation: operation)
            error.message += " (to trust the host's CA, set GIT_SSL_CAINFO or SSL_CERT_FILE to its certificate file)"
            return error
        }
        guard attempts > 0, result == GIT_EUSER.rawValue || result == GIT_EAUTH.rawValue else {
            return GitError.last(code: result, operation: operation)
        }
        let message = credentials == nil
            ? "\(url) asks for credentials and none were given"
            : "\(url) refused the credentials (the token is wrong, expired or lacks access)"
        return GitError(code: .authentication, errorClass: .net, message: message, operation: operation)
    }
}
