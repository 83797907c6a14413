/// GitHub's REST API v3 (docs.github.com/en/rest): pulls, issues (labels, assignees, comments)
/// and git references.
public struct GitHub: CodeHostAPI {
    public let client: APIClient

    func repo(_ repository: HostedRepository) -> String {
        "/repos/" + APIClient.escapePath(repository.path)
    }

    public func authenticatedUser() throws(CodeHostError) -> String {
        try client.object("GET", "/user", lacking: "no login") { $0["login"] as? String }
    }

    public func repositoryPage(of repository: HostedRepository) throws(CodeHostError) -> String? {
        do {
            let (json, _) = try client.call("GET", repo(repository))
            return (json as? [String: Any])?["html_url"] as? String ?? ""
        } catch where error.kind == .notFound {
            return nil
        }
    }

    /// `POST /user/repos` for the token's own account, `POST /orgs/{org}/repos` otherwise
    /// (docs.github.com/en/rest/repos/repos#create-an-organization-repository), then the topics.
    public func createRepository(_ repository: HostedRepository, _ draft: RepositoryDraft) throws(CodeHostError) -> String {
        let user = try authenticatedUser()
        let path = user.lowercased() == repository.owner.lowercased() ? "/user/repos" : "/orgs/\(APIClient.escape(repository.owner))/repos"
        let page = try client.object("POST", path, json: [
            "name": repository.name, "description": draft.description, "private": draft.isPrivate, "auto_init": false,
        ], lacking: "no html_url") { $0["html_url"] as? String }
        if !draft.topics.isEmpty { try client.call("PUT", repo(repository) + "/topics", json: ["names": draft.topics]) }
        return page
    }

    public func repositories(of owner: String, topic: String?) throws(CodeHostError) -> [String] {
        let items: [[String: Any]]
        do {
            items = try client.paginate("/orgs/\(APIClient.escape(owner))/repos", query: [("type", "all")])
        } catch where error.kind == .notFound {
            items = try client.paginate("/users/\(APIClient.escape(owner))/repos", query: [("type", "owner")])
        }
        return items.filter { item in
            item["archived"] as? Bool != true && (topic.map { ((item["topics"] as? [String]) ?? []).contains($0) } ?? true)
        }.compactMap { $0["clone_url"] as? String }.sorted()
    }

    public func defaultBranch(of repository: HostedRepository) throws(CodeHostError) -> String {
        try client.object("GET", repo(repository), lacking: "no default_branch") { $0["default_branch"] as? String }
    }

    public func pullRequests(of repository: HostedRepository, headPrefix prefix: String) throws(CodeHostError) -> [PullRequest] {
        let items = try client.paginate(repo(repository) + "/pulls", query: [("state", "all"), ("sort", "created"), ("direction", "desc")])
        return items.compactMap(Self.pull).filter { $0.headBranch.hasPrefix(prefix) }
    }

    public func create(_ draft: PullRequestDraft, in repository: HostedRepository) throws(CodeHostError) -> PullRequest {
        let pull = try client.object("POST", repo(repository) + "/pulls", json: [
            "title": draft.title, "body": draft.body, "head": draft.head, "base": draft.base, "draft": draft.draft,
        ], lacking: "not a pull request", Self.pull)
        try addMissing(labels: draft.labels, reviewers: draft.reviewers, assignees: draft.assignees, to: pull, in: repository)
        var created = pull
        created.labels = Array(Set(pull.labels + draft.labels)).sorted()
        return created
    }

    /// Title and body through REST; the draft flag, which REST cannot change, through GraphQL's
    /// `markPullRequestReadyForReview` / `convertPullRequestToDraft`
    /// (docs.github.com/en/graphql/reference/mutations), only when it differs.
    public func update(_ pull: PullRequest, title: String, body: String, draft: Bool,
                       in repository: HostedRepository) throws(CodeHostError) -> PullRequest {
        var updated = try client.object("PATCH", repo(repository) + "/pulls/\(pull.number)", json: ["title": title, "body": body],
                                        lacking: "not a pull request", Self.pull)
        if updated.draft != draft {
            guard let node = updated.nodeID ?? pull.nodeID else {
                throw CodeHostError(kind: .malformed, host: client.hostName, message: "the pull request has no node_id")
            }
            updated.draft = try setDraft(draft, node: node)
        }
        return updated
    }

    /// GraphQL's single endpoint: `https://api.github.com/graphql` beside the REST API, and
    /// `https://HOST/api/graphql` on GitHub Enterprise Server, whose REST API is `/api/v3`.
    var graphQLEndpoint: String {
        let base = client.connection.host.apiBase
        return base.hasSuffix("/api/v3") ? String(base.dropLast(3)) + "/graphql" : base + "/graphql"
    }

    /// One GraphQL mutation; returns the pull request's draft state after it. GraphQL reports
    /// failures as `errors` in a 200 answer.
    func setDraft(_ draft: Bool, node: String) throws(CodeHostError) -> Bool {
        let mutation = draft ? "convertPullRequestToDraft" : "markPullRequestReadyForReview"
        let query = "mutation($id: ID!) { \(mutation)(input: {pullRequestId: $id}) { pullRequest { isDraft } } }"
        let (json, _) = try client.call("POST", graphQLEndpoint, json: ["query": query, "variables": ["id": node]])
        let answer = json as? [String: Any] ?? [:]
        if let errors = answer["errors"] as? [[String: Any]], !errors.isEmpty {
            let messages = errors.compactMap { $0["message"] as? String }.joined(separator: "; ")
            throw CodeHostError(kind: .rejected, host: client.hostName, message: "\(mutation): " + messages)
        }
        let payload = (answer["data"] as? [String: Any])?[mutation] as? [String: Any]
        guard let isDraft = (payload?["pullRequest"] as? [String: Any])?["isDraft"] as? Bool else {
            throw CodeHostError(kind: .malformed, host: client.hostName, message: "\(mutation): the answer has no pullRequest.isDraft")
        }
        return isDraft
    }

    public func addMissing(labels: [String], reviewers: [String], assignees: [String], to pull: PullRequest,
                           in repository: HostedRepository) throws(CodeHostError) {
        let base = repo(repository)
        let newLabels = labels.filter { !pull.labels.contains($0) }
        if !newLabels.isEmpty { try client.call("POST", base + "/issues/\(pull.number)/labels", json: ["labels": newLabels]) }
        let newReviewers = reviewers.filter { !pull.reviewers.contains($0) }
        if !newReviewers.isEmpty {
            try client.call("POST", base + "/pulls/\(pull.number)/requested_reviewers", json: ["reviewers": newReviewers])
        }
        let newAssignees = assignees.filter { !pull.assignees.contains($0) }
        if !newAssignees.isEmpty { try client.call("POST", base + "/issues/\(pull.number)/assignees", json: ["assignees": newAssignees]) }
    }

    /// `mergeable` from the pull request; the checks from both of GitHub's CI APIs, check runs
    /// (GitHub Actions and apps) and commit statuses (older integrations).
    public func review(of pull: PullRequest, in repository: HostedRepository) throws(CodeHostError) -> PullRequestReview {
        let base = repo(repository)
        let (json, _) = try client.call("GET", base + "/pulls/\(pull.number)")
        let object = json as? [String: Any] ?? [:]
        let mergeable = object["mergeable"] as? Bool
        guard let sha = (object["head"] as? [String: Any])?["sha"] as? String else {
            return PullRequestReview(checks: .none, mergeable: mergeable)
        }
        var states: [PullRequestReview.Checks] = []
        let (runs, _) = try client.call("GET", base + "/commits/\(sha)/check-runs", query: [("per_page", "100")])
        for run in ((runs as? [String: Any])?["check_runs"] as? [[String: Any]]) ?? [] {
            guard run["status"] as? String == "completed" else { states.append(.pending); continue }
            switch run["conclusion"] as? String {
            case "success", "neutral", "skipped": states.append(.success)
            default: states.append(.failure)
            }
        }
        let (status, _) = try client.call("GET", base + "/commits/\(sha)/status")
        if let combined = status as? [String: Any], (combined["total_count"] as? Int ?? 0) > 0 {
            switch combined["state"] as? String {
            case "success": states.append(.success)
            case "pending": states.append(.pending)
            default: states.append(.failure)
            }
        }
        return PullRequestReview(checks: PullRequestReview.combine(states), mergeable: mergeable)
    }

    public func supersede(_ pull: PullRequest, comment: String, label: String,
                          in repository: HostedRepository) throws(CodeHostError) {
        let base = repo(repository)
        try client.call("POST", base + "/issues/\(pull.number)/comments", json: ["body": comment])
        if !pull.labels.contains(label) { try client.call("POST", base + "/issues/\(pull.number)/labels", json: ["labels": [label]]) }
        try client.call("PATCH", base + "/pulls/\(pull.number)", json: ["state": "closed"])
        do {
            try client.call("DELETE", base + "/git/refs/heads/" + APIClient.escapePath(pull.headBranch))
        } catch where error.kind == .rejected || error.kind == .notFound {
            // Already deleted (by hand, or by "delete branch on close").
        }
    }

    static func pull(_ json: [String: Any]) -> PullRequest? {
        guard let number = json["number"] as? Int, let head = (json["head"] as? [String: Any])?["ref"] as? String else { return nil }
        let merged = json["merged_at"] is String
        let state: PullRequest.State = merged ? .merged : (json["state"] as? String == "open" ? .open : .closed)
        func names(_ key: String, _ field: String) -> [String] {
            ((json[key] as? [[String: Any]]) ?? []).compactMap { $0[field] as? String }.sorted()
        }
        return PullRequest(number: number, url: json["html_url"] as? String ?? "", state: state,
                           draft: json["draft"] as? Bool ?? false, title: json["title"] as? String ?? "",
                           body: json["body"] as? String ?? "", headBranch: head,
                           baseBranch: (json["base"] as? [String: Any])?["ref"] as? String ?? "",
                           labels: names("labels", "name"), reviewers: names("requested_reviewers", "login"),
                           assignees: names("assignees", "login"), nodeID: json["node_id"] as? String)
    }
}
