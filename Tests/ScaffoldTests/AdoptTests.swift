import Foundation
import GitKit
import GoldenPath
import Scaffold
import TestSupport
import Testing

/// `scaffold adopt`: a repository that predates the golden path gets the pristine render as its
/// merge base, keeps its own files, gains the template's others, and upgrades like any service.
@Suite struct AdoptTests {
    static let versions = [
        "1.0.0": TemplateVersion(files: ["Makefile": .text("build:\n\ttemplate build\n"), "ci.yaml": .text("stages: [build]\n"),
                                         "README.md": .text("# {{ name }}\n")]),
        "1.1.0": TemplateVersion(files: ["Makefile": .text("build:\n\ttemplate build\n"), "ci.yaml": .text("stages: [build, test]\n"),
                                         "README.md": .text("# {{ name }}\n")]),
    ]

    /// A team's repository, `legacy`, with its own Makefile and code, no `.scaffold.yaml`.
    static func legacy(in folder: String) throws -> String {
        let path = folder + "/legacy"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: path)
        try "build:\n\tgo build ./...\n".write(toFile: path + "/Makefile", atomically: true, encoding: .utf8)
        try "package main\n".write(toFile: path + "/main.go", atomically: true, encoding: .utf8)
        try "# legacy\n".write(toFile: path + "/README.md", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: path)
        try git(["commit", "-q", "-m", "legacy service"], in: path)
        return path
    }

    @Test func theTeamsFilesWinAndLaterUpgradesMergeAsForAnyService() throws {
        let folder = try Isolation.temporaryDirectory("adopt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try TestCatalog(Self.versions, in: folder)
        let context = CatalogContext(catalog: Catalog(root: catalog.root), origin: .flag, sourceLabel: catalog.root)
        let path = try Self.legacy(in: folder)
        let head = try git(["rev-parse", "HEAD"], in: path)

        let result = try AdoptService.run(AdoptService.Request(goldenPath: TestCatalog.goldenPath, path: path, version: "1.0.0",
                                                               environment: Isolation.environment), catalog: context)
        let branch = "scaffold/adopt-demo-1.0.0"
        #expect(result.branch == branch)
        #expect(result.service == "legacy")
        #expect(result.added == [".scaffold.yaml", "ci.yaml"])
        #expect(result.kept == ["Makefile"])  // README.md is the same render: nothing to keep
        #expect(try git(["rev-parse", "HEAD"], in: path) == head)  // the current branch is untouched
        #expect(try git(["show", "\(branch):Makefile"], in: path) == "build:\n\tgo build ./...\n")
        #expect(try git(["show", "\(branch):main.go"], in: path) == "package main\n")
        #expect(try git(["show", "\(branch):ci.yaml"], in: path) == "stages: [build]\n")
        #expect(try git(["show", "\(branch):.scaffold.yaml"], in: path).contains("version: '1.0.0'"))
        #expect(try git(["log", "-1", "--format=%(trailers:key=Scaffold-Template,valueonly)", "\(branch)^2"], in: path)
                .hasPrefix("demo 1.0.0\n"))
        try git(["fsck", "--strict", "--no-dangling"], in: path)

        // Merged by the team, it is a service: drift shows their Makefile, an upgrade finds the base in history.
        try git(["merge", "-q", "--ff-only", branch], in: path)
        let drift = try ServiceDiff.run(ServiceDiff.Request(path: path, drift: true), catalog: context)
        #expect(drift.files.map(\.newPath) == ["Makefile", "main.go"])
        #expect(drift.base == .history)
        let upgrade = try ServiceUpgrade.run(path: path, catalog: context,
                                             options: ServiceUpgrade.Options(to: "1.1.0", environment: Isolation.environment))
        #expect(upgrade.outcome == .upgraded)
        #expect(upgrade.base == .history)
        #expect(try git(["show", "scaffold/upgrade-demo-1.1.0:ci.yaml"], in: path) == "stages: [build, test]\n")
        #expect(try git(["show", "scaffold/upgrade-demo-1.1.0:Makefile"], in: path) == "build:\n\tgo build ./...\n")

        // Once adopted, adopt again is refused: it is an upgrade now.
        let again = #expect(throws: ScaffoldError.self) {
            try AdoptService.run(AdoptService.Request(goldenPath: TestCatalog.goldenPath, path: path,
                                                      environment: Isolation.environment), catalog: context)
        }
        #expect(again?.message.contains("use scaffold upgrade") == true)
    }

    @Test func inPlaceCommitsOnTheCurrentBranchAndADirtyTreeIsRefused() throws {
        let folder = try Isolation.temporaryDirectory("adopt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try TestCatalog(Self.versions, in: folder)
        let path = try Self.legacy(in: folder)
        try "wip\n".write(toFile: path + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = try ScaffoldProcess.run(["adopt", TestCatalog.goldenPath, path, "--in-place", "--catalog", catalog.root])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("uncommitted changes (notes.txt)"))
        try FileManager.default.removeItem(atPath: path + "/notes.txt")

        let adopted = try ScaffoldProcess.run(["adopt", TestCatalog.goldenPath, path, "--in-place", "--set", "name=ledger",
                                               "--catalog", catalog.root])
        #expect(adopted.status == 0, "\(adopted.standardError) \(adopted.standardOutput)")
        #expect(adopted.standardOutput.hasPrefix("Adopted ledger onto demo 1.1.0 on the current branch"))
        #expect(try git(["status", "--porcelain"], in: path) == "")
        #expect(try git(["log", "-1", "--format=%s %P", "main"], in: path).hasPrefix("Adopt ledger onto demo 1.1.0 "))
        #expect(try String(contentsOfFile: path + "/README.md", encoding: .utf8) == "# legacy\n")
        #expect(try String(contentsOfFile: path + "/ci.yaml", encoding: .utf8) == "stages: [build, test]\n")
        let check = try ScaffoldProcess.run(["check", path, "--catalog", catalog.root])
        #expect(check.status == 0, "\(check.standardOutput)")
    }

    /// `upgrade --all --adopt`: repositories without `.scaffold.yaml` are adopted on their branch,
    /// with answers per repository folder from `--values-dir`; services are upgraded as usual.
    @Test func theFleetAdoptsWhatPredatesTheGoldenPath() throws {
        let folder = try Isolation.temporaryDirectory("adopt-fleet")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try TestCatalog(Self.versions, in: folder)
        let fleet = folder + "/fleet"
        for name in ["one", "two"] {
            let path = try Self.legacy(in: folder)
            try FileManager.default.createDirectory(atPath: fleet, withIntermediateDirectories: true)
            try FileManager.default.moveItem(atPath: path, toPath: fleet + "/" + name)
        }
        let values = folder + "/values"
        try FileManager.default.createDirectory(atPath: values, withIntermediateDirectories: true)
        try "name: ledger\n".write(toFile: values + "/one.yaml", atomically: true, encoding: .utf8)
        let run = try ScaffoldProcess.run(["upgrade", "--all", fleet, "--adopt", TestCatalog.goldenPath, "--values-dir", values,
                                           "--catalog", catalog.root, "--json"])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(report["summary"] as? [String: Int] == ["adopted": 2])
        let branch = "scaffold/adopt-demo-1.1.0"
        #expect(try git(["show", "\(branch):.scaffold.yaml"], in: fleet + "/one").contains("name: ledger"))
        #expect(try git(["show", "\(branch):.scaffold.yaml"], in: fleet + "/two").contains("name: two"))
        #expect(try git(["status", "--porcelain"], in: fleet + "/one") == "")

        let typo = try ScaffoldProcess.run(["upgrade", "--all", fleet, "--adopt", "dmeo", "--catalog", catalog.root])
        #expect(typo.status == 2)
        #expect(typo.standardError.contains("did you mean 'demo'?"))
    }
}
