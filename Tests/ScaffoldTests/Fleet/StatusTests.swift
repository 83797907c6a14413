import Foundation
import TestSupport
import GoldenPath
@testable import Scaffold
import Testing

@Suite(.serialized) struct StatusTests {
    @Test func reportsVersionsBehindDriftAndTheFleetView() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let report = FleetStatus.run(try fleet.locations(), catalog: FleetFixture.catalog,
                                     drift: true, jobs: 3)
        let byName = Dictionary(uniqueKeysWithValues: report.services.map { ($0.location.relativePath, $0) })
        #expect(byName.keys.sorted() == ["team-a/billing", "team-a/orders", "team-a/payments", "team-b/api",
                                         "team-b/worker", "team-c/dirty", "team-c/unknown"])
        #expect(report.failures.map(\.location.relativePath) == ["team-c/corrupt"])
        #expect(report.failures.first?.reason.contains("HEAD") == true)

        let payments = try #require(byName["team-a/payments"])
        #expect(payments.version.description == "1.0.0")
        #expect(payments.newest?.description == "2.0.0")
        #expect(payments.behind == 2)
        #expect(payments.drift?.modified == ["Makefile"])
        #expect(payments.drift?.deleted == ["README.md"])
        #expect(byName["team-a/orders"]?.behind == 1)
        #expect(byName["team-a/orders"]?.drift?.count == 0)
        #expect(byName["team-b/api"]?.behind == 0)
        #expect(byName["team-b/worker"]?.behind == 1)
        // The dirty work tree does not count: status reads HEAD only.
        #expect(byName["team-c/dirty"]?.drift?.count == 0)
        let unknown = try #require(byName["team-c/unknown"])
        #expect(!unknown.isPublished)
        #expect(unknown.behind == 3)
        #expect(unknown.drift == nil)
        #expect(unknown.problem?.contains("0.9.0") == true)

        let go = try #require(report.overview.goldenPaths.first { $0.name == "go-microservice" })
        #expect(go.versions.map { "\($0.version)=\($0.services)" } == ["2.0.0=1", "1.1.0=1", "1.0.0=3", "0.9.0=1"])
        #expect(go.services == 6)
        #expect(go.onNewest == 1)
        let python = try #require(report.overview.goldenPaths.first { $0.name == "python-service" })
        #expect(python.versions.map { "\($0.version)=\($0.services)" } == ["1.1.0=0", "1.0.0=1"])
        #expect(python.adoption == 0)

        let drifted = try #require(report.overview.driftedFiles)
        #expect(drifted.map { "\($0.path)=\($0.services)" } == ["Dockerfile=1", "Makefile=1", "README.md=1"])
    }

    @Test func withoutDriftNothingIsRendered() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let report = FleetStatus.run(try fleet.locations(), catalog: FleetFixture.catalog,
                                     drift: false, jobs: 2)
        #expect(report.services.allSatisfy { $0.drift == nil })
        #expect(report.overview.driftedFiles == nil)
    }

    @Test func htmlPageIsSelfContainedWithAChartPerGoldenPath() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let report = FleetStatus.run(try fleet.locations(), catalog: FleetFixture.catalog,
                                     drift: true, jobs: 2)
        let html = StatusPage.render(report, catalog: "golden-paths", generated: "2026-12-01 13:05 UTC")
        #expect(html.contains("<p>Generated 2026-12-01 13:05 UTC from the catalog golden-paths.</p>"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
        #expect(html.contains("<style>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        #expect(html.contains("team-c/corrupt"))
        #expect(html.contains("Most drifted template files"))
    }

    @Test func aListedRepositoryWithoutAnswersFails() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        try "team-c/plain\nteam-a/orders\n".write(toFile: fleet.root + "/repos.txt", atomically: true, encoding: .utf8)
        let locations = try FleetDiscovery.repositories(listedIn: fleet.root + "/repos.txt")
        let report = FleetStatus.run(locations, catalog: FleetFixture.catalog, drift: false, jobs: 1)
        #expect(report.services.map(\.location.relativePath) == ["team-a/orders"])
        #expect(report.failures.map(\.reason) == ["not a scaffold service: HEAD has no .scaffold.yaml"])
    }

    /// One service's hostile `.scaffold.yaml` (deeply nested YAML) fails that service alone.
    @Test func aDeeplyNestedAnswersFileFailsOnlyItsService() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let deep = "golden_path: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        try deep.write(toFile: fleet.orders + "/.scaffold.yaml", atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "hostile answers"], in: fleet.orders)
        let report = FleetStatus.run(try fleet.locations(), catalog: FleetFixture.catalog, drift: true, jobs: 2)
        #expect(report.failures.map(\.location.relativePath).contains("team-a/orders"))
        #expect(report.failures.first { $0.location.relativePath == "team-a/orders" }?.reason.contains("nested too deeply") == true)
        #expect(report.services.map(\.location.relativePath).contains("team-a/billing"))
    }
}

/// `status` shows what is pending per service: a proposed upgrade branch, the conflicts the last
/// run left, uncommitted changes.
@Suite struct StatusPendingTests {
    @Test func proposedConflictsAndDirtyAreShown() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["f.txt": .text("a\n"), "g.txt": .text("g\n")]),
            "1.1.0": TemplateVersion(files: ["f.txt": .text("template\n"), "g.txt": .text("g2\n")]),
        ])
        func status() throws -> ServiceStatus {
            let report = FleetStatus.run([ServiceLocation(path: sandbox.service, relativePath: "svc")],
                                         catalog: sandbox.catalogContext, drift: false, jobs: 1)
            return try #require(report.services.first)
        }
        #expect(try status().notes == [])
        try sandbox.write("f.txt", "mine\n")
        try sandbox.commit()
        #expect(try sandbox.upgrade().outcome == .conflicts)  // no branch: the conflicts wait
        var now = try status()
        #expect(now.lastUpgrade == LastUpgrade(to: "1.1.0", outcome: "conflicts", conflicts: ["f.txt"]))
        #expect(now.proposedBranch == nil)
        #expect(now.notes == ["1 conflict left by the upgrade to 1.1.0"])

        _ = try sandbox.upgrade(commitConflicts: true)
        try sandbox.write("notes.txt", "wip\n")
        now = try status()
        #expect(now.proposedBranch == ServiceSandbox.upgradeBranch)
        #expect(now.isDirty == true)
        #expect(now.notes == ["upgrade proposed on \(ServiceSandbox.upgradeBranch)", "1 conflict left by the upgrade to 1.1.0",
                              "uncommitted changes"])
    }
}
