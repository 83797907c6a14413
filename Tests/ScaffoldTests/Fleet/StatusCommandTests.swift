import Foundation
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
}
