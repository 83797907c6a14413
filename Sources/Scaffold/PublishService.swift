import CodeHost
import Foundation
import GitKit

/// `scaffold new … --publish URL`: the new service's repository on GitHub or GitLab, created
/// through the host's API and pushed to, so one command gives a team its repository.
public struct Publication: Sendable {
    /// `https://github.com/acme/payments` (with or without `.git`).
    public var url: String
    public var remote: RemoteOptions
    public var isPublic: Bool

    public init(url: String, remote: RemoteOptions, isPublic: Bool = false) {
        self.url = url
        self.remote = remote
        self.isPublic = isPublic
    }
}

enum PublishService {
    /// A publication checked before anything is rendered or created.
    struct Checked {
        let hosted: HostedRepository
        let api: any CodeHostAPI
        let credentials: RemoteCredentials
        /// The repository exists, empty (made by hand, or by a run whose push failed).
        let exists: Bool
        /// The URL `origin` gets and the push goes to.
        var cloneURL: String { hosted.cloneURL.hasSuffix(".git") ? hosted.cloneURL : hosted.cloneURL + ".git" }
    }

    /// The host accepts the token, and the repository is absent or empty: a repository with
    /// history is refused here, before anything is made anywhere.
    static func check(_ publication: Publication) throws(ScaffoldError) -> Checked {
        let url = publication.url
        let hosted: HostedRepository
        switch publication.remote.host(of: url) {
        case .success(let repository): hosted = repository
        case .failure(let error): throw ScaffoldError(file: url, message: error.description)
        }
        guard let token = hosted.token(in: publication.remote.environment) else {
            throw ScaffoldError(file: url, message: hosted.host.missingToken)
        }
        let api = CodeHosts.api(for: publication.remote.connection(for: hosted, token: token))
        let credentials = RemoteCredentials(username: hosted.host.gitUser, password: token)
        let exists: Bool
        do throws(CodeHostError) {
            exists = try api.repositoryPage(of: hosted) != nil
        } catch {
            throw hostError(error, hosted: hosted)
        }
        let checked = Checked(hosted: hosted, api: api, credentials: credentials, exists: exists)
        if exists {
            let state = try mapErrors(path: url) { () throws(GitError) in try Git.listRemote(checked.cloneURL, credentials: credentials) }
            if !state.branches.isEmpty {
                throw ScaffoldError(file: url, message: "the repository exists and is not empty: publish to a new name, or clone it and use 'scaffold adopt'")
            }
        }
        return checked
    }

    /// Creates the repository when absent, then pushes `main` of the new local repository at
    /// `path` (whose `origin` is `checked.cloneURL`). Returns the repository's web page.
    static func publish(_ checked: Checked, repository path: String, draft: RepositoryDraft) throws(ScaffoldError) -> String {
        var page: String?
        do throws(CodeHostError) {
            page = checked.exists ? try checked.api.repositoryPage(of: checked.hosted) : try checked.api.createRepository(checked.hosted, draft)
        } catch {
            throw hostError(error, hosted: checked.hosted)
        }
        do throws(GitError) {
            let repository = try Repository(openingAt: path)
            try repository.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"], credentials: checked.credentials)
        } catch {
            throw ScaffoldError(.operationFailed, file: path, message: "\(checked.hosted.cloneURL) was created but the push failed (\(error.message)); "
                + "the service is in \(path): run the same 'scaffold new' again after removing it, and it pushes to the empty repository")
        }
        return page ?? checked.hosted.cloneURL
    }

    static func hostError(_ error: CodeHostError, hosted: HostedRepository) -> ScaffoldError {
        if error.kind == .unauthorized {
            return ScaffoldError(message: TokenRefusal(error, from: hosted.host).description)
        }
        return ScaffoldError(.operationFailed, file: hosted.cloneURL, message: error.description)
    }
}
