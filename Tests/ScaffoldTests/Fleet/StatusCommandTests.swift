import Foundation
import TestSupport
import Testing

/// `scaffold status` as a process: the text table, `--json` and `--html`.
@Suite(.serialized) struct StatusCommandTests {
    @Test func jsonTextAndHTML() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let html = fleet.root + "/status.html"
        let json = try ScaffoldProcess.run(["status", fleet.root, "--drift", "--json", "--html", html])
        #expect(json.status == 1, "the corrupt repository is a finding")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let services = try #require(object["services"] as? [[String: Any]])
        let payments = try #require(services.first { $0["name"] as? String == "team-a/payments" })
        #expect(payments["behind"] as? Int == 2)
        #expect(payments["newest"] as? String == "2.0.0")
        #expect((payments["drift"] as? [String: [String]])?["deleted"] == ["README.md"])
        let failures = try #require(object["failures"] as? [[String: Any]])
        #expect(failures.map { $0["name"] as? String } == ["team-c/corrupt"])
        let goldenPaths = try #require(object["golden_paths"] as? [[String: Any]])
        #expect(goldenPaths.first?["name"] as? String == "go-microservice")
        #expect(goldenPaths.first?["adoption_percent"] as? Int == 17)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<svg "))

        let text = try ScaffoldProcess.run(["status", fleet.root])
        #expect(text.standardOutput.contains("GOLDEN PATH      SERVICES  NEWEST  ADOPTION  BY VERSION"))
        #expect(text.standardOutput.contains("go-microservice  6         2.0.0   17%       2.0.0: 1, 1.1.0: 1, 1.0.0: 3, 0.9.0: 1"))
        #expect(!text.standardOutput.contains("DRIFT"))

        let healthy = try ScaffoldProcess.run(["status", fleet.root + "/team-a"])
        #expect(healthy.status == 0)
    }

    /// A service's `.scaffold.yaml` may be hostile: its strings reach the operator's terminal and
    /// CI logs only as visible escapes, in the table and in the JSON alike (JSON escapes them itself).
    @Test func hostileAnswersCannotDriveTheTerminal() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let answers = try String(contentsOfFile: fleet.orders + "/.scaffold.yaml", encoding: .utf8)
            .replacingOccurrences(of: "golden_path: go-microservice", with: "golden_path: \"go\\e[2J\\e]8;;https://x\\a\"")
        try answers.write(toFile: fleet.orders + "/.scaffold.yaml", atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "hostile answers"], in: fleet.orders)
        for arguments in [["status", fleet.root], ["upgrade", "--all", fleet.root, "--dry-run"]] {
            let run = try ScaffoldProcess.run(arguments)
            #expect(!run.standardOutput.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(arguments[0])")
            #expect(run.standardOutput.contains("go\\x1b[2J\\x1b]8;;https://x\\x07"), "\(arguments[0]): \(run.standardOutput)")
        }
        let json = try ScaffoldProcess.run(["status", fleet.root, "--json"])
        #expect(json.standardOutput.contains("go\\u001b[2J"))
    }
}
