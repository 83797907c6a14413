/// A pull request (GitHub) or merge request (GitLab), as scaffold needs it.
public struct PullRequest: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        case open, closed, merged
    }

    public var number: Int
    public var url: String
    public var state: State
    public var draft: Bool
    public var title: String
    public var body: String
    public var headBranch: String
    public var baseBranch: String
    public var labels: [String]
    public var reviewers: [String]
    public var assignees: [String]
    /// GitHub's global node ID (`node_id`), which its GraphQL API names the pull request by.
    public var nodeID: String?

    public init(number: Int, url: String, state: State, draft: Bool, title: String, body: String, headBranch: String,
                baseBranch: String, labels: [String] = [], reviewers: [String] = [], assignees: [String] = [],
                nodeID: String? = nil) {
        self.number = number
        self.url = url
        self.state = state
        self.draft = draft
        self.title = title
        self.body = body
        self.headBranch = headBranch
        self.baseBranch = baseBranch
        self.labels = labels
        self.reviewers = reviewers
        self.assignees = assignees
        self.nodeID = nodeID
    }
}

/// Where an open pull request stands for review: its combined CI state and whether it merges.
public struct PullRequestReview: Sendable, Equatable {
    public enum Checks: String, Sendable {
        case success, failure, pending, none
    }
    public var checks: Checks
    /// nil while the host is still computing it.
    public var mergeable: Bool?

    public init(checks: Checks, mergeable: Bool?) {
        self.checks = checks
        self.mergeable = mergeable
    }

    /// Several CI results as one: any failure fails, else anything running is pending.
    static func combine(_ states: [Checks]) -> Checks {
        if states.contains(.failure) { return .failure }
        if states.contains(.pending) { return .pending }
        return states.contains(.success) ? .success : .none
    }
}

/// A new repository on the host, as `scaffold new --publish` asks for it.
public struct RepositoryDraft: Sendable, Equatable {
    public var description: String
    public var topics: [String]
    public var isPrivate: Bool

    public init(description: String, topics: [String], isPrivate: Bool) {
        self.description = description
        self.topics = topics
        self.isPrivate = isPrivate
    }

    /// Topics as both hosts accept them: lower case letters, digits and hyphens, at most 50
    /// characters, starting with a letter or digit; each once.
    public static func topics(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.compactMap { word in
            let mapped = String(word.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            let topic = String(mapped.split(separator: "-").joined(separator: "-").prefix(50))
            return topic.isEmpty || !seen.insert(topic).inserted ? nil : topic
        }
    }
}

/// What a new pull request says and who sees it.
public struct PullRequestDraft: Sendable, Equatable {
    public var title: String
    public var body: String
    public var head: String
    public var base: String
    public var draft: Bool
    public var labels: [String]
    public var reviewers: [String]
    public var assignees: [String]

    public init(title: String, body: String, head: String, base: String, draft: Bool = false,
                labels: [String] = [], reviewers: [String] = [], assignees: [String] = []) {
        self.title = title
        self.body = body
        self.head = head
        self.base = base
        self.draft = draft
        self.labels = labels
        self.reviewers = reviewers
        self.assignees = assignees
    }
}

/// The calls scaffold makes to a code host, the same for GitHub and GitLab.
public protocol CodeHostAPI {
    var client: APIClient { get }
    /// Who the token belongs to: the call that tells a refused token before anything else happens.
    func authenticatedUser() throws(CodeHostError) -> String
    /// The repository's web page, or nil when it does not exist (or the token cannot see it).
    func repositoryPage(of repository: HostedRepository) throws(CodeHostError) -> String?
    /// Creates the repository (in the owner's organisation, group, or the token's own account)
    /// with `main` as its default branch; returns its web page.
    func createRepository(_ repository: HostedRepository, _ draft: RepositoryDraft) throws(CodeHostError) -> String
    /// Every repository of an organisation (GitHub; a user's when there is no such organisation)
    /// or group (GitLab, subgroups included) that is not archived, with `topic` when given:
    /// their clone URLs, sorted.
    func repositories(of owner: String, topic: String?) throws(CodeHostError) -> [String]
    /// The repository's default branch (`main`).
    func defaultBranch(of repository: HostedRepository) throws(CodeHostError) -> String
    /// Every pull request (any state) whose head branch starts with `prefix`, newest first.
    func pullRequests(of repository: HostedRepository, headPrefix prefix: String) throws(CodeHostError) -> [PullRequest]
    func create(_ draft: PullRequestDraft, in repository: HostedRepository) throws(CodeHostError) -> PullRequest
    /// Sets title, body and the draft flag.
    func update(_ pull: PullRequest, title: String, body: String, draft: Bool,
                in repository: HostedRepository) throws(CodeHostError) -> PullRequest
    /// Adds what `draft` asks for and `pull` lacks: labels, reviewers, assignees.
    func addMissing(labels: [String], reviewers: [String], assignees: [String], to pull: PullRequest,
                    in repository: HostedRepository) throws(CodeHostError)
    /// The combined CI state of `pull`'s head and whether it can be merged.
    func review(of pull: PullRequest, in repository: HostedRepository) throws(CodeHostError) -> PullRequestReview
    /// Comments, labels and closes `pull`, then deletes its branch.
    func supersede(_ pull: PullRequest, comment: String, label: String, in repository: HostedRepository) throws(CodeHostError)
}

public enum CodeHosts {
    /// The API client for `connection`'s kind of host, counting its own calls.
    public static func api(for connection: APIConnection) -> any CodeHostAPI {
        switch connection.host.kind {
        case .github: return GitHub(client: APIClient(connection))
        case .gitlab: return GitLab(client: APIClient(connection))
        }
    }
}
