import Testing
@testable import CodeHost

@Suite struct HostedRepositoryTests {
    func parse(_ url: String, api: String? = nil, kind: HostedRepository.Kind? = nil,
               environment: [String: String] = [:]) -> Result<HostedRepository, HostedRepositoryError> {
        HostedRepository.parse(url, apiURL: api, kind: kind, environment: environment)
    }

    @Test func githubDotComUsesTheAPIHost() throws {
        let repository = try parse("https://github.com/acme/payments.git").get()
        #expect(repository.host == .init(kind: .github, apiBase: "https://api.github.com"))
        #expect(repository.path == "acme/payments")
        #expect(repository.owner == "acme" && repository.name == "payments")
        #expect(repository.host.gitUser == "x-access-token")
        #expect(repository.token(in: ["GH_TOKEN": "b", "GITHUB_TOKEN": "a"]) == "a")
        #expect(repository.token(in: ["GH_TOKEN": "b"]) == "b")
    }

    @Test func gitlabKeepsNestedGroups() throws {
        let repository = try parse("https://gitlab.com/acme/services/ledger.git").get()
        #expect(repository.host == .init(kind: .gitlab, apiBase: "https://gitlab.com/api/v4"))
        #expect(repository.path == "acme/services/ledger")
        #expect(repository.owner == "acme/services")
        #expect(repository.token(in: ["GITHUB_TOKEN": "x"]) == nil)
    }

    @Test func enterpriseAndSelfHostedHostsFollowTheirAPIPaths() throws {
        #expect(try parse("https://github.example.com/a/b").get().host.apiBase == "https://github.example.com/api/v3")
        #expect(try parse("https://code.example.com/a/b.git", api: "https://code.example.com/api/v4/").get().host
                == .init(kind: .gitlab, apiBase: "https://code.example.com/api/v4"))
        #expect(try parse("http://127.0.0.1:8080/a/b.git", api: "http://127.0.0.1:8080/api/v3").get().host.kind == .github)
        #expect(try parse("https://code.example.com/a/b.git", kind: .gitlab).get().host.apiBase == "https://code.example.com/api/v4")
        #expect(try parse("https://code.example.com/a/b.git", api: "https://code.example.com/gh", kind: .github).get().host.kind == .github)
    }

    @Test func ciVariablesNameTheAPIOfTheirOwnServer() throws {
        let gitlabCI = ["CI_SERVER_URL": "https://code.example.com", "CI_API_V4_URL": "https://code.example.com/api/v4"]
        #expect(try parse("https://code.example.com/a/b.git", environment: gitlabCI).get().host.kind == .gitlab)
        let actions = ["GITHUB_SERVER_URL": "https://ghe.example.com", "GITHUB_API_URL": "https://ghe.example.com/api/v3"]
        #expect(try parse("https://ghe.example.com/a/b.git", environment: actions).get().host.apiBase == "https://ghe.example.com/api/v3")
        // Another server's CI variables do not apply.
        #expect(throws: HostedRepositoryError.self) { try parse("https://other.example.com/a/b.git", environment: gitlabCI).get() }
    }

    @Test func urlsItCannotUseAreRefusedWithWhatToDo() {
        func reason(_ url: String, api: String? = nil) -> String? {
            if case .failure(let error) = parse(url, api: api) { return error.description }
            return nil
        }
        #expect(reason("https://x-access-token:secret@github.com/a/b.git") == "the URL carries credentials; give the token in the environment instead")
        #expect(reason("https://code.example.com/a/b.git")?.contains("pass --host-kind github|gitlab") == true)
        #expect(reason("https://code.example.com/a/b.git", api: "https://code.example.com/rest")?.contains("--host-kind") == true)
        #expect(reason("https://github.com/payments")?.hasPrefix("expected OWNER/NAME") == true)
        #expect(reason("https://github.com/a/../b")?.hasPrefix("expected OWNER/NAME") == true)
        #expect(reason("git@github.com:a/b.git")?.hasPrefix("not an http(s) clone URL") == true)
        // The token of --api-url's host is never sent to another one.
        #expect(reason("https://evil.example.com/a/b.git", api: "https://gitlab.example.com/api/v4")
                == "https://evil.example.com/a/b.git is not on the code host of https://gitlab.example.com/api/v4: its token is not sent elsewhere")
        #expect(reason("https://github.com/a/b.git", api: "https://api.github.com") == nil)
    }
}
