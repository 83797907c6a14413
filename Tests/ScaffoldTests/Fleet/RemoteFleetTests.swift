import CodeHost
import Foundation
import TestSupport
import Testing

/// `scaffold upgrade --all --repos FILE --open-prs` against the local code host
/// (Tests/CodeHost/codehost.py): real git over smart HTTP, GitHub's and GitLab's documented API
/// behaviour, the `scaffold` binary as a user runs it.
@Suite(.serialized) struct RemoteFleetTests {
    /// A code host with `names` published (go-microservice 1.0.0, made by `scaffold new`), the
    /// fleet file listing them, and a workspace.
    final class RemoteFleet {
        let folder: String
        let server: CodeHostServer
        let names: [String]
        var fleetFile: String { folder + "/fleet.txt" }
        var workspace: String { folder + "/workspace" }
        var report: String { folder + "/report.json" }

        init(_ kind: HostedRepository.Kind, names: [String], edits: [String: (String, (String) -> String)] = [:],
             options: CodeHostServer.Options = .init()) throws {
            folder = try FleetFixture.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: folder + "/host", withIntermediateDirectories: true)
            server = try CodeHostServer(root: folder + "/host", kind: kind, options: options)
            self.names = names
            for name in names {
                let source = try FleetFixture.service("src/" + name, in: folder)
                if let (file, edit) = edits[name] { try FleetFixture.commitEdit(source, file: file, edit) }
                try server.publish(source, as: "acme/" + name)
            }
            try names.map { server.url("acme/" + $0) }.joined(separator: "\n")
                .write(toFile: fleetFile, atomically: true, encoding: .utf8)
        }

        deinit {
            server.stop()
            FleetFixture.remove(folder)
        }

        /// `scaffold upgrade --all --repos fleet.txt --open-prs …` with the token in the environment.
        func upgrade(_ extra: [String] = [], token: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
            try ScaffoldProcess.run(["upgrade", "--all", "--repos", fleetFile, "--open-prs", "--api-url", server.apiURL,
                                     "--workspace", workspace, "--api-interval", "0", "--report", report, "--jobs", "2"] + extra,
                                    environment: environment.merging([server.tokenVariable: token ?? server.token]) { $1 })
        }

        /// Outcome and pull-request state per repository name, from the last report.
        func rows() throws -> [String: (outcome: String, pr: [String: Any]?, calls: [String: Int]?, reason: String?)] {
            let data = try Data(contentsOf: URL(fileURLWithPath: report))
            let services = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["services"] as? [[String: Any]] ?? []
            var rows: [String: (String, [String: Any]?, [String: Int]?, String?)] = [:]
            for service in services {
                let url = service["url"] as? String ?? ""
                let name = String(url.split(separator: "/").last ?? "").replacingOccurrences(of: ".git", with: "")
                rows[name] = (service["outcome"] as? String ?? "", service["pr"] as? [String: Any], service["api_calls"] as? [String: Int],
                              service["reason"] as? String)
            }
            return rows
        }

        /// The writes of the last run, but for the repository the token may not write to (whose
        /// failed push every run attempts again).
        func writes() throws -> [CodeHostServer.Call] {
            try server.calls().filter { $0.isWrite && !$0.path.contains("readonly-") }
        }

        /// Every file of the workspace, of the report and of `extra` outputs, searched for `text`.
        func leaks(_ text: String, in outputs: [String]) -> [String] {
            var found = outputs.filter { $0.contains(text) }.map { _ in "output" }
            let enumerator = FileManager.default.enumerator(atPath: folder)
            while let path = enumerator?.nextObject() as? String {
                guard !path.hasPrefix("host/"), let data = FileManager.default.contents(atPath: folder + "/" + path) else { continue }
                if data.range(of: Data(text.utf8)) != nil { found.append(path) }
            }
            return found
        }
    }

    static var conflicting: (String, (String) -> String) { ("README.md", {
        $0.replacingOccurrences(of: "`api/openapi.yaml` describes the endpoints:", with: "`api/openapi.yaml` (ours) lists the endpoints:")
    }) }

    @Test(arguments: [HostedRepository.Kind.github, .gitlab])
    func aFleetIsProposedOnceAndARerunWritesNothing(kind: HostedRepository.Kind) throws {
        // 50 repositories: the cases below, two more conflicted ones, and 40 plain services.
        let fillers = (1...40).map { String(format: "svc-%02d", $0) }
        let names = ["billing", "conflicted", "conflicted-2", "conflicted-3", "declined", "merged", "payments",
                     "private-vault", "readonly-audit", "stale"] + fillers
        let fleet = try RemoteFleet(kind, names: names, edits: ["conflicted": Self.conflicting, "conflicted-2": Self.conflicting,
                                                                "conflicted-3": Self.conflicting,
                                                                "billing": ("Dockerfile", { "# billing\n" + $0 })])
        let clean = ["billing", "declined", "merged", "payments", "stale"] + fillers
        let first = try fleet.upgrade(["--to", "1.1.0", "--commit-conflicts", "--label", "platform", "--reviewer", "alice"])
        #expect(first.status == 1, "conflicts and failures make the exit status 1: \(first.standardError)")
        var rows = try fleet.rows()
        for name in clean {
            #expect(rows[name]?.outcome == "upgraded", "\(name): \(String(describing: rows[name]))")
            #expect(rows[name]?.pr?["state"] as? String == "open")
        }
        for name in ["conflicted", "conflicted-2", "conflicted-3"] {
            #expect(rows[name]?.outcome == "conflicts")
            #expect(rows[name]?.pr?["draft"] as? Bool == true)
        }
        #expect(rows["private-vault"]?.outcome == "failed")
        #expect(rows["readonly-audit"]?.outcome == "failed")
        // The clone's own reference advertisement is the run's one look at the remote's branches.
        let advertisements = try fleet.server.calls().filter { $0.path.hasSuffix("/info/refs?service=git-upload-pack") }
        for name in clean {
            #expect(advertisements.filter { $0.path.hasPrefix("/acme/\(name).git/") }.count == 1, "\(name)")
        }
        let pulls = try fleet.server.state().pulls
        for name in ["billing", "conflicted", "declined", "merged", "payments", "stale"] {
            let mine = pulls["acme/" + name] ?? []
            #expect(mine.count == 1, "\(name): one pull request")
            #expect(mine.first?.head.ref == "scaffold/upgrade-go-microservice-1.1.0")
            // GitLab marks a draft in the title.
            let draft = kind == .gitlab && name == "conflicted" ? "Draft: " : ""
            #expect(mine.first?.title == draft + "Upgrade \(name) to go-microservice 1.1.0")
            #expect(mine.first?.body.contains("# Upgrade \(name) to go-microservice 1.1.0") == true)
            #expect(mine.first?.labels.contains("platform") == true)
        }
        #expect(pulls["acme/conflicted"]?.first?.body.contains("## Conflicts (1)") == true)
        // The branch on the host is the upgrade: the git CLI sees the merge of main and the pristine 1.1.0.
        let bare = fleet.server.root + "/acme/payments.git"
        let parents = try git(["rev-list", "--parents", "-n", "1", "scaffold/upgrade-go-microservice-1.1.0"], in: bare)
        #expect(parents.split(separator: " ").count == 3)
        #expect(try git(["rev-parse", "scaffold/upgrade-go-microservice-1.1.0~1"], in: bare) == (try git(["rev-parse", "main"], in: bare)))
        #expect(try git(["fsck", "--strict"], in: bare).isEmpty)

        // Nothing changed: the second run reads and writes nothing (no API write, no push).
        try fleet.server.resetLog()
        let second = try fleet.upgrade(["--to", "1.1.0", "--commit-conflicts", "--label", "platform", "--reviewer", "alice"])
        #expect(second.status == 1)
        let writes = try fleet.writes()
        #expect(writes.isEmpty, "\(writes)")
        rows = try fleet.rows()
        for name in clean { #expect(rows[name]?.outcome == "already_proposed", "\(name)") }
        for (name, row) in rows where name != "readonly-audit" {
            #expect((row.calls?["reads"] ?? 0) <= 3 && (row.calls?["writes"] ?? 0) == 0, "\(name): \(String(describing: row.calls))")
        }

        // The teams act: one declines, one merges, one pull request's description goes stale.
        let number = { (name: String) in pulls["acme/" + name]?.first?.number ?? 0 }
        try fleet.server.edit("acme/declined", number: number("declined"), ["state": "closed"])
        let merged = fleet.server.root + "/acme/merged.git"
        try git(["update-ref", "refs/heads/main", "refs/heads/scaffold/upgrade-go-microservice-1.1.0"], in: merged)
        try fleet.server.edit("acme/merged", number: number("merged"), ["state": "closed", "merged": true])
        try fleet.server.edit("acme/stale", number: number("stale"), ["body": "an older description"])
        try fleet.server.resetLog()
        let third = try fleet.upgrade(["--to", "1.1.0", "--commit-conflicts", "--label", "platform", "--reviewer", "alice"])
        #expect(third.status == 1)
        rows = try fleet.rows()
        #expect(rows["declined"]?.outcome == "declined")
        #expect(rows["declined"]?.pr?["state"] as? String == "declined")
        #expect(rows["merged"]?.outcome == "merged")
        #expect(rows["stale"]?.outcome == "updated", "\(String(describing: rows["stale"]?.reason))")
        #expect(try fleet.writes().map(\.method) == [kind == .github ? "PATCH" : "PUT"])
        #expect(try fleet.server.state().pulls["acme/stale"]?.first?.body.contains("# Upgrade stale") == true)

        // --reopen-declined proposes it again: a new pull request from the same branch.
        _ = try fleet.upgrade(["--to", "1.1.0", "--reopen-declined"])
        #expect(try fleet.rows()["declined"]?.outcome == "upgraded")
        #expect(try fleet.server.state().pulls["acme/declined"]?.map(\.state) == ["closed", "open"])

        let token = fleet.server.token
        #expect(fleet.leaks(token, in: [first, second, third].flatMap { [$0.standardOutput, $0.standardError] }).isEmpty)
    }

    @Test func aNewerVersionSupersedesTheOlderPullRequest() throws {
        let fleet = try RemoteFleet(.github, names: ["payments"])
        _ = try fleet.upgrade(["--to", "1.1.0"])
        let result = try fleet.upgrade(["--to", "2.0.0", "--no-input"])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let state = try fleet.server.state()
        let pulls = state.pulls["acme/payments"] ?? []
        #expect(pulls.map(\.head.ref) == ["scaffold/upgrade-go-microservice-1.1.0", "scaffold/upgrade-go-microservice-2.0.0"])
        #expect(pulls.map(\.state) == ["closed", "open"])
        #expect(pulls.first?.labels.contains("scaffold-superseded") == true)
        #expect(state.comments.first?.body.hasPrefix("Superseded by http://codehost/acme/payments/pull/2") == true)
        #expect(state.deleted_branches.map(\.branch) == ["scaffold/upgrade-go-microservice-1.1.0"])
        // Superseded is never taken for declined: a later run leaves it closed and says nothing of it.
        _ = try fleet.upgrade(["--to", "2.0.0", "--no-input"])
        #expect(try fleet.rows()["payments"]?.outcome == "already_proposed")
    }

    /// The draft flag follows each new proposal: a conflicted upgrade's draft is marked ready
    /// for review once the team's side no longer conflicts (GitHub through GraphQL, GitLab
    /// through the title), a clean one turns draft when it starts to conflict, and a pull
    /// request whose proposal did not change keeps what its team set by hand.
    @Test(arguments: [HostedRepository.Kind.github, .gitlab])
    func theDraftFlagFollowsEachNewProposal(kind: HostedRepository.Kind) throws {
        let fleet = try RemoteFleet(kind, names: ["ledger", "payments"], edits: ["payments": Self.conflicting])
        _ = try fleet.upgrade(["--to", "1.1.0", "--commit-conflicts"])
        var pulls = try fleet.server.state().pulls
        #expect(pulls["acme/payments"]?.first?.draft == true)
        #expect(pulls["acme/ledger"]?.first?.draft == false)

        // payments' team takes its README edit back; ledger's team makes the conflicting one.
        func pushToMain(_ name: String, _ edit: @escaping (String) -> String) throws {
            let work = fleet.folder + "/team-" + name
            try git(["clone", "-q", fleet.server.root + "/acme/\(name).git", work], in: fleet.folder)
            try FleetFixture.commitEdit(work, file: "README.md", edit)
            try git(["push", "-q", "origin", "main"], in: work)
        }
        try pushToMain("payments") { $0.replacingOccurrences(of: "(ours) lists the endpoints:", with: "describes the endpoints:") }
        try pushToMain("ledger", Self.conflicting.1)
        try fleet.server.resetLog()
        _ = try fleet.upgrade(["--to", "1.1.0", "--commit-conflicts"])
        var rows = try fleet.rows()
        #expect(rows["payments"]?.outcome == "updated")
        #expect(rows["payments"]?.pr?["draft"] as? Bool == false)
        #expect(rows["ledger"]?.outcome == "conflicts")
        #expect(rows["ledger"]?.pr?["draft"] as? Bool == true)
        pulls = try fleet.server.state().pulls
        #expect(pulls["acme/payments"]?.map(\.draft) == [false])
        #expect(pulls["acme/ledger"]?.map(\.draft) == [true])
        #expect(pulls["acme/ledger"]?.first?.body.contains("## Conflicts (1)") == true)
        if kind == .github { #expect(try fleet.server.calls().filter { $0.path == "/graphql" }.count == 2) }

        // ledger's team marks it ready by hand: a run whose proposal is unchanged writes nothing.
        try fleet.server.edit("acme/ledger", number: pulls["acme/ledger"]?.first?.number ?? 0,
                              ["draft": false, "title": pulls["acme/ledger"]?.first?.title.replacingOccurrences(of: "Draft: ", with: "") ?? ""])
        try fleet.server.resetLog()
        _ = try fleet.upgrade(["--to", "1.1.0", "--commit-conflicts"])
        let writes = try fleet.writes()
        #expect(writes.isEmpty, "\(writes)")
        #expect(try fleet.server.state().pulls["acme/ledger"]?.first?.draft == false)
    }

    /// Real hosts are HTTPS: git (libgit2 over mbedTLS) and the API (libcurl) both verify the
    /// host's certificate against the CA the environment names, and refuse a host they cannot verify.
    @Test func overHTTPSTheHostsCertificateIsVerified() throws {
        let fleet = try RemoteFleet(.github, names: ["payments"], options: .init(tls: true))
        let untrusted = try fleet.upgrade(["--to", "1.1.0"])
        #expect(untrusted.status != 0)
        #expect(untrusted.standardError.contains("SSL certificate problem: self-signed certificate (to trust the host's CA, set GIT_SSL_CAINFO"), "\(untrusted.standardError)")
        #expect(try fleet.server.calls().isEmpty, "nothing reached the host")
        // git's side says the same (libgit2's TLS runs over scaffold's socket stream).
        let status = try ScaffoldProcess.run(["status", "--repos", fleet.fleetFile, "--workspace", fleet.workspace])
        #expect(status.status == 1)
        let failed = status.standardOutput.split(separator: "\n").first { $0.hasPrefix(fleet.server.url("acme/payments")) }
        #expect(failed?.contains("The certificate is not correctly signed by the trusted CA (to trust the host's CA, set GIT_SSL_CAINFO") == true,
                "\(status.standardOutput)")

        let trusted = try fleet.upgrade(["--to", "1.1.0"], environment: ["GIT_SSL_CAINFO": CodeHostServer.certificate])
        #expect(trusted.status == 0, "\(trusted.standardOutput)\(trusted.standardError)")
        #expect(try fleet.rows()["payments"]?.outcome == "upgraded")
        #expect(try fleet.server.state().pulls["acme/payments"]?.first?.head.ref == "scaffold/upgrade-go-microservice-1.1.0")
        #expect(try fleet.server.calls().contains { $0.method == "PUSH" && $0.status == 200 })
    }

    @Test func aRefusedTokenStopsTheRunBeforeAnyPush() throws {
        let fleet = try RemoteFleet(.github, names: ["payments", "billing"])
        let result = try fleet.upgrade(["--to", "1.1.0"], token: "wrong-token")
        #expect(result.status == 2)
        #expect(result.standardError.contains("refused the token in GITHUB_TOKEN (Bad credentials)"))
        #expect(result.standardError.contains(fleet.server.apiURL))
        #expect(try fleet.server.calls().allSatisfy { $0.method == "GET" })
        #expect(!FileManager.default.fileExists(atPath: fleet.workspace))
        let missing = try ScaffoldProcess.run(["upgrade", "--all", "--repos", fleet.fleetFile, "--open-prs", "--api-url",
                                               fleet.server.apiURL, "--workspace", fleet.workspace],
                                              environment: ["GITHUB_TOKEN": "", "GH_TOKEN": ""])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("no token for \(fleet.server.apiURL): set GITHUB_TOKEN or GH_TOKEN"))
    }

    @Test func pagesRateLimitsAndFaultsStillConvergeWithoutDuplicates() throws {
        let fleet = try RemoteFleet(.github, names: ["a1", "a2", "a3", "a4"],
                                    options: .init(pageSize: 1, secondaryLimit: 3, faultRate: 0.15, seed: 3))
        _ = try fleet.upgrade(["--to", "1.1.0"])
        _ = try fleet.upgrade(["--to", "2.0.0", "--no-input"])
        let result = try fleet.upgrade(["--to", "2.0.0", "--no-input"])
        #expect(result.status == 0, "\(result.standardOutput)")
        let pulls = try fleet.server.state().pulls
        for name in fleet.names {
            let open = (pulls["acme/" + name] ?? []).filter { $0.state == "open" }
            #expect(open.map(\.head.ref) == ["scaffold/upgrade-go-microservice-2.0.0"], "\(name)")
        }
    }

    @Test func aKilledRunLeavesNoDuplicateAndARerunCompletesIt() throws {
        let fleet = try RemoteFleet(.gitlab, names: (1...6).map { "svc\($0)" })
        var generator = SeededRandom(seed: 11)
        for _ in 0..<3 {
            let process = try ScaffoldProcess.start(["upgrade", "--all", "--repos", fleet.fleetFile, "--open-prs", "--api-url",
                                                     fleet.server.apiURL, "--workspace", fleet.workspace, "--api-interval", "0",
                                                     "--to", "1.1.0", "--jobs", "2"],
                                                    environment: [fleet.server.tokenVariable: fleet.server.token])
            usleep(UInt32.random(in: 100_000...1_500_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let result = try fleet.upgrade(["--to", "1.1.0"])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let pulls = try fleet.server.state().pulls
        for name in fleet.names where result.status == 0 {
            let mine = pulls["acme/" + name] ?? []
            #expect(mine.count == 1, "\(name): \(mine.map(\.head.ref))")
            let bare = fleet.server.root + "/acme/\(name).git"
            #expect(try git(["rev-parse", "scaffold/upgrade-go-microservice-1.1.0~1"], in: bare) == (try git(["rev-parse", "main"], in: bare)))
        }
        #expect(try fleet.rows().values.allSatisfy { ["upgraded", "already_proposed"].contains($0.outcome) })
    }

    @Test(arguments: [HostedRepository.Kind.github, .gitlab])
    func statusShowsEachServicesPullRequestAndWorksWithoutTheHost(kind: HostedRepository.Kind) throws {
        let fleet = try RemoteFleet(kind, names: ["billing", "ledger", "payments"])
        _ = try fleet.upgrade(["--to", "1.1.0"])
        let pulls = try fleet.server.state().pulls
        try fleet.server.edit("acme/billing", number: pulls["acme/billing"]?.first?.number ?? 0, ["checks": "failure", "mergeable": false])
        try fleet.server.edit("acme/ledger", number: pulls["acme/ledger"]?.first?.number ?? 0, ["checks": "success"])
        let merged = fleet.server.root + "/acme/payments.git"
        try git(["update-ref", "refs/heads/main", "refs/heads/scaffold/upgrade-go-microservice-1.1.0"], in: merged)
        try fleet.server.edit("acme/payments", number: pulls["acme/payments"]?.first?.number ?? 0, ["state": "closed", "merged": true])
        let page = fleet.folder + "/status.html"
        let arguments = ["status", "--repos", fleet.fleetFile, "--prs", "--json", "--html", page, "--api-url", fleet.server.apiURL,
                         "--workspace", fleet.workspace]
        let result = try ScaffoldProcess.run(arguments, environment: [fleet.server.tokenVariable: fleet.server.token])
        #expect(result.status == 0, "\(result.standardError)")
        let services = try Self.services(result.standardOutput)
        #expect(services["billing"]?["version"] as? String == "1.0.0")
        let billing = services["billing"]?["pr"] as? [String: Any]
        #expect(billing?["state"] as? String == "open")
        #expect(billing?["checks"] as? String == "failure")
        #expect(billing?["mergeable"] as? Bool == false)
        #expect(billing?["version"] as? String == "1.1.0")
        let ledger = services["ledger"]?["pr"] as? [String: Any]
        #expect(ledger?["checks"] as? String == "success")
        #expect(ledger?["mergeable"] as? Bool == true)
        // The merge reached the clone: the service is on 1.1.0 now.
        #expect(services["payments"]?["version"] as? String == "1.1.0")
        #expect((services["payments"]?["pr"] as? [String: Any])?["state"] as? String == "merged")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<p>Pull requests: 2 open, 1 merged</p>"))
        #expect(html.contains("#1 open (1.1.0), checks failure, not mergeable"))

        // The host is gone: status still reports from the clones, the pull requests as unknown.
        fleet.server.stop()
        let offline = try ScaffoldProcess.run(arguments, environment: [fleet.server.tokenVariable: fleet.server.token])
        #expect(offline.status == 0, "\(offline.standardError)")
        let local = try Self.services(offline.standardOutput)
        #expect(local["billing"]?["version"] as? String == "1.0.0")
        #expect((local["billing"]?["pr"] as? [String: Any])?["state"] as? String == "unknown")
        #expect((local["billing"]?["not_fetched"] as? String)?.isEmpty == false)
    }

    @Test(arguments: [HostedRepository.Kind.github, .gitlab])
    func theHostListsTheFleetByOrganisationAndTopic(kind: HostedRepository.Kind) throws {
        let fleet = try RemoteFleet(kind, names: ["archived-one", "billing", "ledger", "untagged"],
                                    options: .init(pageSize: 1))
        for name in ["archived-one", "billing", "ledger"] { try fleet.server.describe("acme/" + name, ["topics": ["go-microservice"]]) }
        try fleet.server.describe("acme/archived-one", ["archived": true])
        let option = kind == .github ? "--github-org" : "--gitlab-group"
        let result = try ScaffoldProcess.run(["upgrade", "--all", option, "acme", "--topic", "go-microservice", "--open-prs",
                                              "--api-url", fleet.server.apiURL, "--workspace", fleet.workspace, "--api-interval", "0",
                                              "--to", "1.1.0", "--report", fleet.report],
                                             environment: [fleet.server.tokenVariable: fleet.server.token])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let rows = try fleet.rows()
        #expect(rows.keys.sorted() == ["billing", "ledger"])
        #expect(rows.values.allSatisfy { $0.outcome == "upgraded" })
        let status = try ScaffoldProcess.run(["status", option, "acme", "--json", "--api-url", fleet.server.apiURL,
                                              "--workspace", fleet.workspace],
                                             environment: [fleet.server.tokenVariable: fleet.server.token])
        #expect(try Self.services(status.standardOutput).keys.sorted() == ["billing", "ledger", "untagged"])
        let usage = try ScaffoldProcess.run(["upgrade", "--all", "--topic", "x", "--repos", fleet.fleetFile])
        #expect(usage.status == 2 && usage.standardError.contains("--topic needs --github-org or --gitlab-group"))
    }

    /// `status --json`'s services by repository name.
    static func services(_ output: String) throws -> [String: [String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        var byName: [String: [String: Any]] = [:]
        for service in object?["services"] as? [[String: Any]] ?? [] {
            let url = service["url"] as? String ?? ""
            byName[String(url.split(separator: "/").last ?? "").replacingOccurrences(of: ".git", with: "")] = service
        }
        return byName
    }
}
