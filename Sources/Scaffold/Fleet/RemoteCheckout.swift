import CodeHost
import Foundation
import GitKit

/// One repository listed by URL, ready to work on: its code host and API client (when pull
/// requests are wanted and a token is set), the token as git credentials, the scaffold pull
/// requests the host has, and its workspace clone brought to the remote's state, held locked.
struct RemoteCheckout {
    let url: String
    let hosted: HostedRepository?
    let api: (any CodeHostAPI)?
    let credentials: RemoteCredentials?
    /// The remote default branch the clone has checked out.
    let defaultBranch: String?
    /// Every pull request whose head branch starts with `scaffold/`; nil when they were not asked
    /// for or could not be read (`apiProblem` says why).
    let pulls: [PullRequest]?
    let apiProblem: String?
    /// Why the clone could not be brought up to date (only when `allowStale`).
    let staleReason: String?
    private let lock: AnyObject

    enum Failure: Error {
        case failed(String)
        /// Another scaffold run holds this clone.
        case busy
    }

    /// `wantsAPI`: read the host's pull requests (needs a token). `requiresAPI`: without them the
    /// repository fails (upgrades that open pull requests); else their absence is `apiProblem`.
    /// `allowStale`: a clone that cannot be fetched is used as it is (status), instead of failing.
    static func open(_ url: String, remote: RemoteOptions, wantsAPI: Bool, requiresAPI: Bool, allowStale: Bool,
                     stop: RunStop) -> Result<RemoteCheckout, Failure> {
        if let refusal = stop.reason { return .failure(.failed("not attempted: \(refusal)")) }
        var hosted: HostedRepository?
        var api: (any CodeHostAPI)?
        var credentials: RemoteCredentials?
        var apiProblem: String?
        if url.lowercased().hasPrefix("file://") {
            if wantsAPI { apiProblem = "a file:// repository has no code host" }
        } else {
            switch remote.host(of: url) {
            case .failure(let error):
                if requiresAPI || !allowStale { return .failure(.failed(error.description)) }
                apiProblem = error.description
            case .success(let repository):
                hosted = repository
                if let token = repository.token(in: remote.environment) {
                    credentials = RemoteCredentials(username: repository.host.gitUser, password: token)
                    if wantsAPI { api = CodeHosts.api(for: remote.connection(for: repository, token: token)) }
                } else if wantsAPI {
                    apiProblem = repository.host.missingToken
                }
            }
        }
        if requiresAPI, let apiProblem { return .failure(.failed(apiProblem)) }

        var pulls: [PullRequest]?
        var defaultBranch: String?
        if let api, let hosted {
            do throws(CodeHostError) {
                defaultBranch = try api.defaultBranch(of: hosted)
                pulls = try api.pullRequests(of: hosted, headPrefix: "scaffold/")
            } catch {
                let reason = RemoteFleet.refusal(error, hosted: hosted, stop: stop)
                if requiresAPI { return .failure(.failed(reason)) }
                apiProblem = reason
            }
        }
        guard let folder = remote.workspace.folder(for: url) else { return .failure(.failed("no workspace folder for \(url)")) }
        let lock: AnyObject
        do throws(ScaffoldError) {
            guard let held = try remote.workspace.lock(folder) else { return .failure(.busy) }
            lock = held
        } catch {
            return .failure(.failed(error.description))
        }
        var staleReason: String?
        do throws(ScaffoldError) {
            defaultBranch = try remote.workspace.sync(url, at: folder, credentials: credentials, defaultBranch: defaultBranch)
        } catch {
            let reason = error.reason ?? error.description
            guard allowStale, Workspace.clone(at: folder) != nil else { return .failure(.failed(reason)) }
            staleReason = reason
        }
        return .success(RemoteCheckout(url: url, hosted: hosted, api: api, credentials: credentials, defaultBranch: defaultBranch,
                                       pulls: pulls, apiProblem: apiProblem, staleReason: staleReason, lock: lock))
    }

    /// The API calls made for this repository so far.
    var apiCalls: APICalls? { api?.client.calls }
}
