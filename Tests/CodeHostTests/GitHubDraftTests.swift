import Foundation
import Testing
@testable import CodeHost

/// The draft flag of a GitHub pull request changes through GraphQL (its REST API cannot change
/// it): the endpoint beside each kind of REST base, the mutation sent, and GraphQL's failures,
/// which come as `errors` in a 200 answer.
@Suite struct GitHubDraftTests {
    func github(_ apiBase: String, _ responses: [HTTPResponse]) -> (GitHub, ScriptedTransport) {
        let clock = ManualClock()
        let transport = ScriptedTransport(responses, clock: clock)
        let connection = APIConnection(host: .init(kind: .github, apiBase: apiBase), token: "t0ken",
                                       transport: transport, pacer: Pacer(interval: 0, clock: clock))
        return (GitHub(client: APIClient(connection)), transport)
    }

    static let pull = PullRequest(number: 7, url: "https://github.com/acme/payments/pull/7", state: .open, draft: true,
                                  title: "Upgrade", body: "old", headBranch: "scaffold/upgrade-go-microservice-1.1.0",
                                  baseBranch: "main", nodeID: "PR_kwDOA")
    static var patched: [String: Any] {
        ["number": 7, "node_id": "PR_kwDOA", "state": "open", "draft": true, "title": "Upgrade", "body": "new",
         "head": ["ref": "scaffold/upgrade-go-microservice-1.1.0"], "base": ["ref": "main"]]
    }
    static var repository: HostedRepository {
        get throws { try HostedRepository.parse("https://github.com/acme/payments.git").get() }
    }

    @Test(arguments: [("https://api.github.com", "https://api.github.com/graphql"),
                      ("https://github.acme.internal/api/v3", "https://github.acme.internal/api/graphql")])
    func theEndpointSitsBesideTheRESTAPI(base: String, endpoint: String) {
        #expect(github(base, []).0.graphQLEndpoint == endpoint)
    }

    @Test func aCleanProposalMarksTheDraftReadyForReview() throws {
        let ready: [String: Any] = ["data": ["markPullRequestReadyForReview": ["pullRequest": ["isDraft": false]]]]
        let (api, transport) = github("https://api.github.com", [json(200, Self.patched), json(200, ready)])
        let updated = try api.update(Self.pull, title: "Upgrade", body: "new", draft: false, in: try Self.repository)
        #expect(updated.draft == false)
        let sent = transport.sent.map(\.0)
        #expect(sent.map(\.method) == ["PATCH", "POST"])
        #expect(sent[1].url == "https://api.github.com/graphql")
        let query = try JSONSerialization.jsonObject(with: sent[1].body ?? Data()) as? [String: Any]
        #expect((query?["query"] as? String)?.contains("markPullRequestReadyForReview(input: {pullRequestId: $id})") == true)
        #expect((query?["variables"] as? [String: String])?["id"] == "PR_kwDOA")
    }

    @Test func anUnchangedFlagSendsNoMutation() throws {
        let (api, transport) = github("https://api.github.com", [json(200, Self.patched)])
        _ = try api.update(Self.pull, title: "Upgrade", body: "new", draft: true, in: try Self.repository)
        #expect(transport.sent.map(\.0.method) == ["PATCH"])
    }

    @Test func graphQLErrorsInA200AnswerFailTheUpdateInTheHostsWords() {
        let refused: [String: Any] = ["data": ["markPullRequestReadyForReview": NSNull()],
                                      "errors": [["type": "FORBIDDEN", "message": "Resource not accessible by integration"]]]
        let (api, _) = github("https://api.github.com", [json(200, Self.patched), json(200, refused)])
        let error = #expect(throws: CodeHostError.self) {
            try api.update(Self.pull, title: "Upgrade", body: "new", draft: false, in: try Self.repository)
        }
        #expect(error?.kind == .rejected)
        #expect(error?.message == "markPullRequestReadyForReview: Resource not accessible by integration")
    }
}
