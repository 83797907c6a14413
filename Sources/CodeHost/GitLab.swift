/// GitLab's REST API v4 (docs.gitlab.com/ee/api/merge_requests.html): merge requests, notes,
/// users and branches. Projects are addressed by their URL-encoded path.
public struct GitLab: CodeHostAPI {
    public let client: APIClient

    func project(_ repository: HostedRepository) -> String {
        "/projects/" + APIClient.escape(repository.path)
    }

    public func authenticatedUser() throws(CodeHostError) -> String {
        try client.object("GET", "/user", lacking: "no username") { $0["username"] as? String }
    }

    public func repositoryPage(of repository: HostedRepository) throws(CodeHostError) -> String? {
        do {
            let (json, _) = try client.call("GET", project(repository))
            return (json as? [String: Any])?["web_url"] as? String ?? ""
        } catch where error.kind == .notFound {
            return nil
        }
    }

    /// `POST /projects` in the namespace of the owner's path (docs.gitlab.com/ee/api/projects.html#create-a-project).
    public func createRepository(_ repository: HostedRepository, _ draft: RepositoryDraft) throws(CodeHostError) -> String {
        let (namespace, _) = try client.call("GET", "/namespaces/" + APIClient.escape(repository.owner))
        guard let id = (namespace as? [String: Any])?["id"] as? Int else {
            throw CodeHostError(kind: .notFound, host: client.hostName, message: "no GitLab group or user '\(repository.owner)'")
        }
        return try client.object("POST", "/projects", json: [
            "name": repository.name, "path": repository.name, "namespace_id": id, "description": draft.description,
            "visibility": draft.isPrivate ? "private" : "public", "topics": draft.topics, "default_branch": "main",
            "initialize_with_readme": false,
        ], lacking: "no web_url") { $0["web_url"] as? String }
    }

    public func repositories(of owner: String, topic: String?) throws(CodeHostError) -> [String] {
        var query = [("include_subgroups", "true"), ("archived", "false"), ("order_by", "path"), ("sort", "asc")]
        if let topic { query.append(("topic", topic)) }
        let items = try client.paginate("/groups/\(APIClient.escape(owner))/projects", query: query)
        return items.compactMap { $0["http_url_to_repo"] as? String }.sorted()
    }

    public func defaultBranch(of repository: HostedRepository) throws(CodeHostError) -> String {
        try client.object("GET", project(repository), lacking: "no default_branch") { $0["default_branch"] as? String }
    }

    public func pullRequests(of repository: HostedRepository, headPrefix prefix: String) throws(CodeHostError) -> [PullRequest] {
        let items = try client.paginate(project(repository) + "/merge_requests",
                                        query: [("state", "all"), ("order_by", "created_at"), ("sort", "desc")])
        return items.compactMap(Self.mergeRequest).filter { $0.headBranch.hasPrefix(prefix) }
    }

    public func create(_ draft: PullRequestDraft, in repository: HostedRepository) throws(CodeHostError) -> PullRequest {
        var fields: [String: Any] = [
            "source_branch": draft.head, "target_branch": draft.base, "description": draft.body,
            "title": draft.draft ? "Draft: " + draft.title : draft.title,
        ]
        if !draft.labels.isEmpty { fields["labels"] = draft.labels.joined(separator: ",") }
        if !draft.assignees.isEmpty { fields["assignee_ids"] = try userIDs(draft.assignees) }
        if !draft.reviewers.isEmpty { fields["reviewer_ids"] = try userIDs(draft.reviewers) }
        return try client.object("POST", project(repository) + "/merge_requests", json: fields,
                                 lacking: "not a merge request", Self.mergeRequest)
    }

    public func update(_ pull: PullRequest, title: String, body: String, draft: Bool,
                       in repository: HostedRepository) throws(CodeHostError) -> PullRequest {
        try client.object("PUT", project(repository) + "/merge_requests/\(pull.number)",
                          json: ["title": draft ? "Draft: " + title : title, "description": body],
                          lacking: "not a merge request", Self.mergeRequest)
    }

    public func addMissing(labels: [String], reviewers: [String], assignees: [String], to pull: PullRequest,
                           in repository: HostedRepository) throws(CodeHostError) {
        var fields: [String: Any] = [:]
        let newLabels = labels.filter { !pull.labels.contains($0) }
        if !newLabels.isEmpty { fields["add_labels"] = newLabels.joined(separator: ",") }
        // GitLab replaces these lists: send the union with what the request already has.
        if reviewers.contains(where: { !pull.reviewers.contains($0) }) {
            fields["reviewer_ids"] = try userIDs(Array(Set(pull.reviewers + reviewers)).sorted())
        }
        if assignees.contains(where: { !pull.assignees.contains($0) }) {
            fields["assignee_ids"] = try userIDs(Array(Set(pull.assignees + assignees)).sorted())
        }
        if !fields.isEmpty { try client.call("PUT", project(repository) + "/merge_requests/\(pull.number)", json: fields) }
    }

    /// The head pipeline's status and the merge status, from the merge request itself.
    public func review(of pull: PullRequest, in repository: HostedRepository) throws(CodeHostError) -> PullRequestReview {
        let (json, _) = try client.call("GET", project(repository) + "/merge_requests/\(pull.number)")
        let object = json as? [String: Any] ?? [:]
        let checks: PullRequestReview.Checks
        switch (object["head_pipeline"] as? [String: Any])?["status"] as? String {
        case nil, "skipped": checks = .none
        case "success": checks = .success
        case "failed", "canceled": checks = .failure
        default: checks = .pending  // created, waiting_for_resource, preparing, pending, running, manual, scheduled
        }
        let mergeable: Bool?
        switch object["detailed_merge_status"] as? String ?? object["merge_status"] as? String {
        case "mergeable", "can_be_merged": mergeable = true
        case "unchecked", "checking", "preparing", nil: mergeable = nil
        default: mergeable = false
        }
        return PullRequestReview(checks: checks, mergeable: mergeable)
    }

    public func supersede(_ pull: PullRequest, comment: String, label: String,
                          in repository: HostedRepository) throws(CodeHostError) {
        let base = project(repository)
        try client.call("POST", base + "/merge_requests/\(pull.number)/notes", json: ["body": comment])
        try client.call("PUT", base + "/merge_requests/\(pull.number)", json: ["state_event": "close", "add_labels": label])
        do {
            try client.call("DELETE", base + "/repository/branches/" + APIClient.escape(pull.headBranch))
        } catch where error.kind == .notFound {
            // Already deleted.
        }
    }

    /// GitLab takes people by id: one lookup per user name.
    func userIDs(_ names: [String]) throws(CodeHostError) -> [Int] {
        var ids: [Int] = []
        for name in names {
            let (json, _) = try client.call("GET", "/users", query: [("username", name)])
            guard let id = (json as? [[String: Any]])?.first?["id"] as? Int else {
                throw CodeHostError(kind: .notFound, host: client.hostName, message: "no GitLab user named '\(name)'")
            }
            ids.append(id)
        }
        return ids
    }

    static func mergeRequest(_ json: [String: Any]) -> PullRequest? {
        guard let number = json["iid"] as? Int, let head = json["source_branch"] as? String else { return nil }
        let state: PullRequest.State
        switch json["state"] as? String {
        case "merged": state = .merged
        case "opened", "locked": state = .open
        default: state = .closed
        }
        func names(_ key: String) -> [String] {
            ((json[key] as? [[String: Any]]) ?? []).compactMap { $0["username"] as? String }.sorted()
        }
        var title = json["title"] as? String ?? ""
        let draft = json["draft"] as? Bool ?? json["work_in_progress"] as? Bool ?? false
        if draft, title.hasPrefix("Draft: ") { title = String(title.dropFirst(7)) }
        return PullRequest(number: number, url: json["web_url"] as? String ?? "", state: state, draft: draft, title: title,
                           body: json["description"] as? String ?? "", headBranch: head,
                           baseBranch: json["target_branch"] as? String ?? "",
                           labels: ((json["labels"] as? [String]) ?? []).sorted(), reviewers: names("reviewers"),
                           assignees: names("assignees"))
    }
}
