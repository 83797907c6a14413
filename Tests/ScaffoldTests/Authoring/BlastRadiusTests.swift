import Foundation
@testable import Scaffold
import TestSupport
import Testing

/// `scaffold test --fleet`: a version tried on a real fleet of git repositories in memory.
@Suite(.serialized) struct BlastRadiusTests {
    private func refsAndObjects(_ path: String) throws -> String {
        try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: path) + git(["count-objects"], in: path)
    }

    @Test func everyVerdictFoldedAndNothingWritten() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let watched = [fleet.payments, fleet.billing, fleet.orders, fleet.api, fleet.dirty]
        let before = try watched.map(refsAndObjects)
        let report = BlastRadius.run(try fleet.locations(), goldenPath: "go-microservice", version: .init(major: 2, minor: 0, patch: 0),
                                     catalog: FleetFixture.catalog, jobs: 3, environment: FleetFixture.environment)
        let verdicts: [String: BlastRadius.Verdict] = Dictionary(uniqueKeysWithValues: zip(report.labels, report.verdicts))
        // python-service's worker is not of this golden path; the plain repository is no service.
        #expect(verdicts == ["team-a/payments": .conflicts, "team-a/billing": .clean, "team-a/orders": .clean,
                             "team-b/api": .current, "team-c/dirty": .skipped, "team-c/corrupt": .fails,
                             "team-c/unknown": .fails])
        #expect(report.isHarmful)
        #expect(report.conflictsByFile == [.init(file: "README.md", services: ["team-a/payments"], keys: [])])
        #expect(report.migrations == [.init(subject: "renamed `owner` to `team` (2.0.0)",
                                            services: ["team-a/billing", "team-a/orders", "team-a/payments"])])
        #expect(try watched.map(refsAndObjects) == before)
        #expect(try git(["status", "--porcelain"], in: fleet.dirty) == "?? NOTES.md\n")
    }

    /// An unreleased version in the author's own folder, tried from the command line: the folder
    /// is the catalog, the defaults it moves are named per service, and a clean fleet exits 0.
    @Test func unreleasedVersionFromItsFolder() throws {
        let root = try FleetFixture.temporaryDirectory()
        defer { FleetFixture.remove(root) }
        let catalog = root + "/catalog"
        try FileManager.default.createDirectory(atPath: catalog, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: FleetFixture.catalogRoot + "/go-microservice", toPath: catalog + "/go-microservice")
        let next = catalog + "/go-microservice/2.1.0"
        try FileManager.default.copyItem(atPath: catalog + "/go-microservice/2.0.0", toPath: next)
        let manifest = next + "/golden-path.yaml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "version: 2.0.0", with: "version: 2.1.0")
            .replacingOccurrences(of: "      default: 10\n      min: 1", with: "      default: 20\n      min: 1")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let fleet = root + "/fleet"
        try FleetFixture.service("a/payments", in: fleet, version: "2.0.0")
        try FleetFixture.service("a/orders", in: fleet, version: "1.1.0")

        let result = try Authoring.run(["test", next, "--fleet", fleet, "--json"], in: root, environment: FleetFixture.environment)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["version"] as? String == "2.1.0")
        #expect(json["harmful"] as? Bool == false)
        let changed = try #require(json["changed_defaults"] as? [[String: Any]])
        #expect(changed.count == 1)
        #expect(changed.first?["subject"] as? String == "`shutdown_timeout`: 10 -> 20")
        // orders, on 1.1.0, never had the parameter: a new default is no change under its feet.
        #expect(changed.first?["services"] as? [String] == ["a/payments"])

        // A conflict makes the verdict harmful: exit 1, and the file named in the fold.
        try FleetFixture.commitEdit(fleet + "/a/payments", file: "README.md") {
            $0.replacingOccurrences(of: "`10s`", with: "`12s`")
        }
        let hurt = try Authoring.run(["test", next, "--fleet", fleet], in: root, environment: FleetFixture.environment)
        #expect(hurt.status == 1, "\(hurt.standardError)")
        #expect(hurt.standardOutput.contains("Conflicts by template file:\n  README.md: 1 service (a/payments)"))
        #expect(hurt.standardOutput.contains("`shutdown_timeout`: 10 -> 20: 1 service (a/payments)"))
        #expect(hurt.standardOutput.contains("go-microservice 2.1.0 over 2 services: 1 clean, 1 conflicts (would hurt; nothing was written)"))
        #expect(try git(["branch", "--list", "scaffold/*"], in: fleet + "/a/payments").isEmpty)
    }

    @Test func flagRules() throws {
        let root = try FleetFixture.temporaryDirectory()
        defer { FleetFixture.remove(root) }
        for (arguments, message) in [
            (["--fleet", root, "--update"], "--update rewrites golden tests"),
            (["--fleet", root, "--repos", "x"], "give either --fleet ROOT or --repos FILE"),
            (["--to", "2.0.0"], "--to needs --fleet ROOT or --repos FILE"),
            (["--fleet", root, "--version", "2.0.0"], "with --fleet or --repos the version to try is --to V"),
        ] {
            let result = try Authoring.run(["test", FleetFixture.catalogRoot + "/go-microservice"] + arguments, in: root)
            #expect(result.status == 2)
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
    }

    /// A service in a folder of its repository is named once by that folder (its location's
    /// path already ends with it), by URL and folder when the repository is listed by URL.
    @Test func servicesInFoldersAreNamedOnce() {
        var local = UpgradeResult(location: ServiceLocation(path: "/f/mono/billing", relativePath: "mono/billing"), outcome: .upgraded)
        local.folder = "billing"
        var remote = UpgradeResult(location: ServiceLocation(path: "/w/acme/mono/billing", relativePath: "acme/mono/billing",
                                                             remote: "https://git.example.com/acme/mono.git"), outcome: .conflicts)
        remote.folder = "billing"
        let report = BlastRadius.fold([local, remote], goldenPath: "go-microservice", version: .init(major: 2, minor: 0, patch: 0))
        #expect(report.labels == ["mono/billing", "https://git.example.com/acme/mono.git billing"])
    }
}
