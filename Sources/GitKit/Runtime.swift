import CGit2
import CGit2Runtime
import Foundation

/// Process-wide libgit2 state. libgit2 must be initialised once per process before any call;
/// every GitKit entry point that touches libgit2 goes through `Git.initialize()`.
///
/// Threading: objects of one `Repository` must not be used from two threads at once; separate
/// repositories on separate threads are fine (libgit2 is built with thread support).
public enum Git {
    /// Swift runs a global's initialiser exactly once, thread-safely: that is our `git_libgit2_init` guard.
    /// We never call `git_libgit2_shutdown`: the library lives as long as the process.
    private static let runtime: Bool = {
        _ = scaffold_git_init()
        // The CLI acts on repositories the user names; git's safe.directory ownership check would
        // refuse repositories on shared volumes and in containers for no benefit here.
        _ = scaffold_git_set_owner_validation(0)
        _ = scaffold_git_register_socket_stream()
        return true
    }()

    /// Connections to git hosts opened with Nagle's algorithm off (every one scaffold opens).
    public static var connectionsWithoutNagle: Int {
        initialize()
        return scaffold_git_connections_without_nagle()
    }

    /// The CA certificates for HTTPS remotes, loaded once, on the first TLS connection: git's
    /// `GIT_SSL_CAINFO`/`GIT_SSL_CAPATH`, else OpenSSL's `SSL_CERT_FILE`/`SSL_CERT_DIR`, else the
    /// system bundle. Never a repository's `http.sslCAInfo`: a service repository must not choose
    /// whom scaffold trusts with a code-host token.
    private static let certificates: GitError? = {
        initialize()
        let environment = ProcessInfo.processInfo.environment
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        let file = value("GIT_SSL_CAINFO", "SSL_CERT_FILE")
        let directory = value("GIT_SSL_CAPATH", "SSL_CERT_DIR")
        let result = withOptionalCString(file) { file in
            withOptionalCString(directory) { scaffold_git_load_certificates(file, $0) }
        }
        do throws(GitError) { try check(result, "load CA certificates") } catch { return error }
        return nil
    }()

    /// What `scaffold_git_init` deferred for connections (TLS random seeding, libssh2), done once.
    private static let network: GitError? = {
        initialize()
        do throws(GitError) { try check(scaffold_git_prepare_network(), "prepare the network") } catch { return error }
        return nil
    }()

    /// Readies libgit2 for a network operation on `url`: what any connection needs, and the CA
    /// certificates (see `certificates`) when it is an HTTPS one. A local path or `file://` URL
    /// needs neither.
    static func prepareNetwork(for url: String) throws(GitError) {
        let lowered = url.lowercased()
        if lowered.hasPrefix("file://") || lowered.hasPrefix("/") || !lowered.contains(":") { return }
        if let error = network { throw error }
        guard lowered.hasPrefix("https://") else { return }
        if let error = certificates { throw error }
    }

    /// Initialise libgit2 once for the process. Cheap after the first call.
    public static func initialize() {
        _ = runtime
    }

    /// Where libgit2 looks for the global, XDG and system configuration files. `nil` restores
    /// libgit2's defaults. Tests point this at an empty folder so they never read ~/.gitconfig.
    ///
    /// This is a process-wide setting: call it before opening repositories, not while other threads
    /// are using libgit2.
    public static func setConfigSearchPath(_ path: String?) throws(GitError) {
        initialize()
        let levels = [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL,
                      GIT_CONFIG_LEVEL_PROGRAMDATA]
        for level in levels {
            let result: Int32
            if let path {
                result = path.withCString { scaffold_git_set_search_path(level.rawValue, $0) }
            } else {
                result = scaffold_git_set_search_path(level.rawValue, nil)
            }
            try check(result, "set config search path")
        }
    }

    /// Whether `name` is a valid local branch name (`main`, `scaffold/upgrade-x-1.2.0`), by git's rules.
    public static func isValidBranchName(_ name: String) -> Bool {
        initialize()
        var valid: Int32 = 0
        let result = name.withCString { git_branch_name_is_valid(&valid, $0) }
        return result == 0 && valid != 0
    }

    /// Whether `name` is a valid full reference name (`refs/heads/main`, `HEAD`), by git's rules.
    public static func isValidReferenceName(_ name: String) -> Bool {
        initialize()
        var valid: Int32 = 0
        let result = name.withCString { git_reference_name_is_valid(&valid, $0) }
        return result == 0 && valid != 0
    }
}

func withOptionalCString<R>(_ string: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let string else { return body(nil) }
    return string.withCString(body)
}
