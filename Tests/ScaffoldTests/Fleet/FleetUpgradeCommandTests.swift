import Foundation
import TestSupport
import Testing

/// `scaffold upgrade --all` as a process: the summary, `--report`, `--pr-body-dir`, `--json`,
/// `--shard auto` and the usage errors.
@Suite(.serialized) struct FleetUpgradeCommandTests {
    @Test func reportPullRequestsAndExitCodes() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let report = fleet.root + "/report.json"
        let bodies = fleet.root + "/prs"
        let first = try ScaffoldProcess.run(["upgrade", "--all", fleet.root + "/team-a", fleet.root + "/team-b",
                                             "--jobs", "2", "--report", report, "--pr-body-dir", bodies])
        #expect(first.status == 1, "payments has conflicts")
        #expect(first.standardOutput.contains("5 services: 3 upgraded, 1 already current, 1 with conflicts"))
        #expect(first.standardOutput.contains("Conflicts:\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let services = try #require(object["services"] as? [[String: Any]])
        #expect(services.map { $0["outcome"] as? String } == ["upgraded", "upgraded", "conflicts", "already_current", "upgraded"])
        #expect(services.map { $0["name"] as? String } == ["billing", "orders", "payments", "api", "worker"])
        #expect(services[2]["conflicted_files"] as? [String] == ["README.md"])
        #expect(services[0]["branch"] as? String == "scaffold/upgrade-go-microservice-2.0.0")
        #expect((services[0]["files_changed"] as? [String])?.contains(".editorconfig") == true)
        #expect(object["summary"] as? [String: Int] == ["upgraded": 3, "conflicts": 1, "already_current": 1])
        // Written as results arrived, renamed into place at the end: nothing beside it remains.
        #expect((services[0]["pr_description"] as? String)?.hasPrefix("# Upgrade billing to go-microservice 2.0.0") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fleet.root).filter { $0.contains("report.json.partial") }.isEmpty)
        let billing = try String(contentsOfFile: bodies + "/billing.md", encoding: .utf8)
        #expect(billing.hasPrefix("# Upgrade billing to go-microservice 2.0.0"))
        #expect(FileManager.default.fileExists(atPath: bodies + "/payments.md"))
        #expect(!FileManager.default.fileExists(atPath: bodies + "/api.md"))

        let clean = try ScaffoldProcess.run(["upgrade", "--all", fleet.root + "/team-a", "--golden-path", "python-service"])
        #expect(clean.status == 0)
        #expect(clean.standardOutput == "No services found\n")
        let none = try ScaffoldProcess.run(["upgrade", "--all", fleet.root + "/team-a", "--golden-path", "python-service", "--json"])
        let empty = try #require(try JSONSerialization.jsonObject(with: Data(none.standardOutput.utf8)) as? [String: Any])
        #expect(empty["services"] as? [Any] != nil && (empty["services"] as? [Any])?.isEmpty == true)
        #expect(none.standardOutput.contains("\"services\": [],\n  \"summary\": {}\n}\n"), "\(none.standardOutput)")
        let typo = try ScaffoldProcess.run(["upgrade", "--all", fleet.root + "/team-a", "--golden-path", "python-servise"])
        #expect(typo.status == 2)
        #expect(typo.standardError.hasSuffix("unknown golden path 'python-servise'; did you mean 'python-service'?\n"))
        let again = try ScaffoldProcess.run(["upgrade", "--all", fleet.root + "/team-b", "--json"])
        #expect(again.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any])
        #expect(json["summary"] as? [String: Int] == ["already_proposed": 1, "already_current": 1])
    }

    @Test func shardAutoReadsTheIndexedJobEnvironment() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        var names: [String] = []
        for index in 0..<3 {
            let run = try ScaffoldProcess.run(["upgrade", "--all", fleet.root, "--shard", "auto", "--dry-run", "--json"],
                                              environment: ["JOB_COMPLETION_INDEX": String(index), "SCAFFOLD_SHARDS": "3"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            #expect(json["dry_run"] as? Bool == true)
            names += (json["services"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        #expect(names.sorted() == ["team-a/billing", "team-a/orders", "team-a/payments", "team-b/api",
                                   "team-b/worker", "team-c/corrupt", "team-c/dirty", "team-c/unknown"])
        #expect(try git(["branch", "--list", "scaffold/*"], in: fleet.billing).isEmpty)
    }

    @Test(arguments: [
        ["--skip-existing", "--replace-existing"],
        ["--values-dir", "/nonexistent/values"],
        ["--in-place"],
        ["--push", "--dry-run"],
        ["--shard", "4/3"],
        ["--jobs", "0"],
        ["--sign", "--no-sign"],
    ])
    func usageErrors(extra: [String]) throws {
        let root = try FleetFixture.temporaryDirectory()
        defer { FleetFixture.remove(root) }
        #expect(try ScaffoldProcess.run(["upgrade", "--all", root] + extra).status == 2)
    }
}
