import Foundation
import Testing
@testable import CodeHost

@Suite struct APIClientTests {
    @Test func aServerErrorIsRetriedAfterTheBackoffAndThenSucceeds() throws {
        let (api, transport, clock) = client([json(502, ["message": "Server Error"]), json(503, [:]), json(200, ["ok": true])])
        let (body, _) = try api.call("GET", "/repos/acme/payments")
        #expect((body as? [String: Bool])?["ok"] == true)
        #expect(transport.sent.count == 3)
        let backoff = api.connection.backoff
        #expect(clock.sleeps == [backoff.delay(attempt: 0, key: "GET https://api.example.com/repos/acme/payments"),
                                 backoff.delay(attempt: 1, key: "GET https://api.example.com/repos/acme/payments")])
        #expect(api.calls == APICalls(reads: 3, writes: 0))
    }

    @Test func retriesAreBoundedAndTheLastAnswerIsReportedInTheHostsWords() {
        let (api, transport, _) = client(Array(repeating: json(500, ["message": "boom"]), count: 10), retries: 2)
        let error = #expect(throws: CodeHostError.self) { try api.call("POST", "/repos/acme/x/pulls", json: ["a": 1]) }
        #expect(error?.kind == .server)
        #expect(error?.message == "boom")
        #expect(transport.sent.count == 3)
        #expect(api.calls.writes == 3)  // retries count as writes: pacing and reports see each one
    }

    @Test func anUnreachableHostIsTriedTwiceThenFailsFastForTheRestOfTheRun() {
        let clock = ManualClock()
        let connection = APIConnection(host: .init(kind: .github, apiBase: "https://api.example.com"), token: "t",
                                       transport: UnreachableTransport(), pacer: Pacer(interval: 0, clock: clock))
        let first = APIClient(connection)
        let error = #expect(throws: CodeHostError.self) { try first.call("GET", "/user") }
        #expect(error?.kind == .transport)
        #expect(first.calls.reads == 2 && clock.sleeps.count == 1)
        let later = APIClient(connection)
        #expect(throws: CodeHostError.self) { try later.call("GET", "/repos/a/b") }
        #expect(later.calls.reads == 0 && clock.sleeps.count == 1)
    }

    @Test func backoffGrowsWithJitterUnderItsCapAndIsReproducible() {
        let backoff = Backoff(base: 1, cap: 8, retries: 5, seed: 1)
        for attempt in 0..<6 {
            let ceiling = min(8, pow(2, Double(attempt)))
            let delay = backoff.delay(attempt: attempt, key: "k")
            #expect(delay >= ceiling / 2 && delay <= ceiling)
            #expect(delay == Backoff(base: 1, cap: 8, retries: 5, seed: 1).delay(attempt: attempt, key: "k"))
        }
        #expect(backoff.delay(attempt: 3, key: "a") != backoff.delay(attempt: 3, key: "b"))
    }

    @Test func githubsSecondaryRateLimitWaitsRetryAfterForEveryone() throws {
        let limited = json(403, ["message": "You have exceeded a secondary rate limit."], headers: ["retry-after": "7"])
        let (api, transport, clock) = client([limited, json(201, ["number": 1]), json(200, [:])])
        try api.call("POST", "/repos/acme/x/pulls", json: [:])
        #expect(clock.sleeps == [7])
        #expect(transport.sent.map(\.1) == [1_000_000, 1_000_007])
        // The wait is the pacer's, shared by every client of the connection (every worker).
        api.connection.pacer.block(until: clock.now() + 5)
        try APIClient(api.connection).call("GET", "/x")
        #expect(transport.sent.map(\.1) == [1_000_000, 1_000_007, 1_000_012])
    }

    @Test func gitlabs429WaitsUntilRateLimitReset() throws {
        let limited = json(429, ["message": "429 Too Many Requests"], headers: ["ratelimit-reset": "1000030"])
        let (api, _, clock) = client([limited, json(200, [:])], kind: .gitlab)
        try api.call("GET", "/projects/1")
        #expect(clock.sleeps == [30])
    }

    @Test func aSpentQuotaHoldsTheNextCallUntilItsReset() throws {
        let spent = json(200, [:], headers: ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000100"])
        let (api, transport, _) = client([spent, json(200, [:])])
        try api.call("GET", "/a")
        try api.call("GET", "/b")
        #expect(transport.sent.map(\.1) == [1_000_000, 1_000_100])
    }

    @Test func aRefusedTokenIsNotRetried() {
        let (api, transport, _) = client([json(401, ["message": "Bad credentials"])])
        let error = #expect(throws: CodeHostError.self) { try api.call("GET", "/user") }
        #expect(error?.kind == .unauthorized)
        #expect(transport.sent.count == 1)
        #expect(!(error?.description.contains("t0ken") ?? true))
    }

    @Test func aForbiddenWriteIsNotARateLimit() {
        let (api, transport, _) = client([json(403, ["message": "Resource not accessible by personal access token"])])
        let error = #expect(throws: CodeHostError.self) { try api.call("POST", "/repos/a/b/pulls", json: [:]) }
        #expect(error?.kind == .forbidden)
        #expect(transport.sent.count == 1)
    }

    @Test func writesArePacedAcrossClientsAndReadsAreNot() throws {
        let (api, transport, _) = client(Array(repeating: json(200, [:]), count: 5), interval: 2)
        let other = APIClient(api.connection)
        try api.call("POST", "/a", json: [:])
        try other.call("POST", "/b", json: [:])
        try api.call("GET", "/c")
        try other.call("PATCH", "/d", json: [:])
        #expect(transport.sent.map(\.1) == [1_000_000, 1_000_002, 1_000_002, 1_000_004])
    }

    @Test func pagesAreFollowedByTheirLinkHeader() throws {
        let page1 = json(200, [["n": 1], ["n": 2]], headers: ["link": "<https://api.example.com/r?page=2&per_page=2>; rel=\"next\", <https://api.example.com/r?page=3>; rel=\"last\""])
        let page2 = json(200, [["n": 3]], headers: ["link": "<https://api.example.com/r?page=1>; rel=\"first\", <https://api.example.com/r?page=3&per_page=2>; rel=\"next\""])
        let page3 = json(200, [["n": 4]], headers: ["link": "<https://api.example.com/r?page=1>; rel=\"first\""])
        let (api, transport, _) = client([page1, page2, page3])
        let items = try api.paginate("/r", query: [("state", "all")])
        #expect(items.compactMap { $0["n"] as? Int } == [1, 2, 3, 4])
        #expect(transport.sent.map(\.0.url) == ["https://api.example.com/r?state=all&per_page=100",
                                                 "https://api.example.com/r?page=2&per_page=2",
                                                 "https://api.example.com/r?page=3&per_page=2"])
    }

    @Test func theHostsMessagesAreReadInEachShape() {
        func message(_ object: Any) -> String { APIClient.message(of: json(422, object)) }
        #expect(message(["message": "Validation Failed", "errors": [["message": "A pull request already exists for acme:x."]]])
                == "Validation Failed; A pull request already exists for acme:x.")
        #expect(message(["message": ["Another open merge request already exists for this source branch: !3"]])
                == "Another open merge request already exists for this source branch: !3")
        #expect(message(["message": ["title": ["is too long"]]]) == "title is too long")
        #expect(message(["error": "insufficient_scope"]) == "insufficient_scope")
        #expect(APIClient.message(of: HTTPResponse(status: 502, body: Data("<html>bad gateway</html>".utf8))) == "<html>bad gateway</html>")
    }

    @Test func tokensGoInTheHeaderEachHostDocuments() throws {
        let (github, githubTransport, _) = client([json(200, [:])])
        try github.call("GET", "/user")
        #expect(githubTransport.sent[0].0.headers.contains { $0 == ("Authorization", "Bearer t0ken") })
        let (gitlab, gitlabTransport, _) = client([json(200, [:])], kind: .gitlab)
        try gitlab.call("GET", "/user")
        #expect(gitlabTransport.sent[0].0.headers.contains { $0 == ("PRIVATE-TOKEN", "t0ken") })
        #expect(!gitlabTransport.sent[0].0.url.contains("t0ken"))
    }
}
