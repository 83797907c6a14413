import Foundation
import GitKit
import GoldenPath
import Scaffold
import TestSupport
import Testing

/// Services in folders of one repository (`services/a`, `services/b`): `upgrade PATH` upgrades the
/// service PATH is in, on its own branch, touching only its folder; each service finds its own
/// pristine renders in the shared history.
@Suite struct MonorepoTests {
    static let versions = [
        "1.0.0": TemplateVersion(files: ["app.txt": .text("{{ name }} v1\n" + numberedLines()), "ci.yaml": .text("stages: [build]\n")]),
        "1.1.0": TemplateVersion(files: ["app.txt": .text("{{ name }} v1\n" + numberedLines()), "ci.yaml": .text("stages: [build, test]\n")]),
        "1.2.0": TemplateVersion(files: ["app.txt": .text("{{ name }} v2\n" + numberedLines()), "ci.yaml": .text("stages: [build, test]\n")]),
    ]

    @Test func eachServiceUpgradesInItsFolderWithItsOwnHistory() throws {
        let folder = try Isolation.temporaryDirectory("monorepo")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try TestCatalog(Self.versions, in: folder)
        let context = CatalogContext(catalog: Catalog(root: catalog.root), origin: .flag, sourceLabel: catalog.root)
        let repo = folder + "/repo"
        try FileManager.default.createDirectory(atPath: repo + "/lib", withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: repo)
        try "shared\n".write(toFile: repo + "/lib/shared.txt", atomically: true, encoding: .utf8)
        for name in ["a", "b"] {
            _ = try NewService.run(NewService.Request(goldenPath: TestCatalog.goldenPath, name: name, version: "1.0.0",
                                                      output: repo + "/services/" + name, git: false),
                                   catalog: context, environment: Isolation.environment)
        }
        try ("a v1\n" + numberedLines() + "team line\n").write(toFile: repo + "/services/a/app.txt", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "two services"], in: repo)
        func upgrade(_ service: String, to version: String) throws -> UpgradeResult {
            try ServiceUpgrade.run(path: repo + "/services/" + service, catalog: context,
                                   options: ServiceUpgrade.Options(to: version, environment: Isolation.environment))
        }

        let a = try upgrade("a", to: "1.1.0")
        #expect(a.outcome == .upgraded)
        #expect(a.base == .rerendered)  // made with --no-git: no pristine render in history yet
        #expect(a.branch == "scaffold/upgrade-a-demo-1.1.0")
        #expect(a.filesChanged == ["services/a/.scaffold.yaml", "services/a/ci.yaml"])
        let changed = try git(["diff", "--name-only", "main", "scaffold/upgrade-a-demo-1.1.0"], in: repo)
        #expect(changed == "services/a/.scaffold.yaml\nservices/a/ci.yaml\n")
        #expect(try git(["show", "scaffold/upgrade-a-demo-1.1.0:services/a/app.txt"], in: repo) == "a v1\n" + numberedLines() + "team line\n")
        let b = try upgrade("b", to: "1.1.0")
        #expect(b.branch == "scaffold/upgrade-b-demo-1.1.0")
        #expect(a.descriptionPath != b.descriptionPath)
        try git(["merge", "-q", "--no-edit", "scaffold/upgrade-a-demo-1.1.0"], in: repo)
        try git(["merge", "-q", "--no-edit", "scaffold/upgrade-b-demo-1.1.0"], in: repo)

        // Each finds its own pristine 1.1.0 (by its Scaffold-Folder trailer), not the other's.
        for name in ["a", "b"] {
            let next = try upgrade(name, to: "1.2.0")
            #expect(next.outcome == .upgraded, "\(name)")
            #expect(next.base == .history, "\(name)")
            #expect(next.conflicts.isEmpty, "\(name)")
        }
        let app = try git(["show", "scaffold/upgrade-a-demo-1.2.0:services/a/app.txt"], in: repo)
        #expect(app == "a v2\n" + numberedLines() + "team line\n")
        #expect(try git(["show", "scaffold/upgrade-b-demo-1.2.0:services/b/app.txt"], in: repo) == "b v2\n" + numberedLines())
        #expect(try git(["show", "scaffold/upgrade-b-demo-1.2.0:lib/shared.txt"], in: repo) == "shared\n")
        try git(["fsck", "--strict", "--no-dangling"], in: repo)

        // From inside the service's folder, diff and check find it too.
        let drift = try ServiceDiff.run(ServiceDiff.Request(path: repo + "/services/a", drift: true), catalog: context)
        #expect(drift.files.map(\.newPath) == ["services/a/app.txt"])
        let check = try CheckService.run(path: repo + "/services/b", catalog: context)
        #expect(check.isBehind)

        // The fleet commands find both services of the repository, a row each.
        let report = FleetStatus.run([ServiceLocation(path: repo, relativePath: "repo")], catalog: context, drift: false, jobs: 1)
        #expect(report.services.map(\.location.relativePath) == ["repo/services/a", "repo/services/b"])
        #expect(report.services.map(\.proposedBranch) == ["scaffold/upgrade-a-demo-1.2.0", "scaffold/upgrade-b-demo-1.2.0"])
        for name in ["a", "b"] { try git(["branch", "-D", "scaffold/upgrade-\(name)-demo-1.2.0"], in: repo) }
        let fleet = FleetUpgrade.run([ServiceLocation(path: repo, relativePath: "repo")], catalog: context,
                                     options: FleetUpgrade.Options(upgrade: ServiceUpgrade.Options(environment: Isolation.environment)))
        #expect(fleet.map(\.outcome) == [.upgraded, .upgraded])
        #expect(fleet.map(\.branch) == ["scaffold/upgrade-a-demo-1.2.0", "scaffold/upgrade-b-demo-1.2.0"])

        // In place too, with the index and markers at the repository's paths.
        try ("b custom\n" + numberedLines()).write(toFile: repo + "/services/b/app.txt", atomically: true, encoding: .utf8)
        try git(["commit", "-q", "-am", "b's own first line"], in: repo)
        func inPlace(_ name: String) throws -> UpgradeResult {
            try ServiceUpgrade.run(path: repo + "/services/" + name, catalog: context,
                                   options: ServiceUpgrade.Options(to: "1.2.0", mode: .inPlace, environment: Isolation.environment))
        }
        #expect(try inPlace("a").outcome == .upgraded)
        #expect(try git(["status", "--porcelain"], in: repo) == "")
        #expect(try String(contentsOfFile: repo + "/services/a/app.txt", encoding: .utf8) == "a v2\n" + numberedLines() + "team line\n")
        #expect(try git(["show", "HEAD:lib/shared.txt"], in: repo) == "shared\n")
        let conflicted = try inPlace("b")
        #expect(conflicted.outcome == .conflicts)
        #expect(conflicted.conflictedFiles == ["services/b/app.txt"])
        #expect(try git(["status", "--porcelain"], in: repo) == "M  services/b/.scaffold.yaml\nUU services/b/app.txt\n")
        #expect(try String(contentsOfFile: repo + "/services/b/app.txt", encoding: .utf8).hasPrefix("<<<<<<< main\nb custom\n"))
        try git(["merge", "--abort"], in: repo)
        #expect(try git(["status", "--porcelain"], in: repo) == "")
    }

    /// `scaffold new` inside a repository adds the service as a folder in one commit (on
    /// `scaffold/new-NAME`, or `--in-place` on the current branch) with its pristine render as the
    /// second parent, so its first upgrade merges against history; `--standalone` nests a repository.
    @Test func newInsideARepositoryAddsAFolder() throws {
        let folder = try Isolation.temporaryDirectory("monorepo-new")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try TestCatalog(Self.versions, in: folder)
        let context = CatalogContext(catalog: Catalog(root: catalog.root), origin: .flag, sourceLabel: catalog.root)
        let repo = folder + "/repo"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: repo)
        try "shared\n".write(toFile: repo + "/README.md", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: repo)
        try git(["commit", "-q", "-m", "init"], in: repo)
        func new(_ name: String, inPlace: Bool = false, standalone: Bool = false) throws -> NewService.Result {
            var request = NewService.Request(goldenPath: TestCatalog.goldenPath, name: name, version: "1.0.0",
                                             output: repo + "/services/" + name)
            request.inPlace = inPlace
            request.standalone = standalone
            return try NewService.run(request, catalog: context, environment: Isolation.environment)
        }

        let onBranch = try new("a")
        #expect(onBranch.branch == "scaffold/new-a")
        #expect(!FileManager.default.fileExists(atPath: repo + "/services/a/app.txt"))  // the work tree is untouched
        #expect(try git(["ls-tree", "-r", "--name-only", "scaffold/new-a"], in: repo)
                == "README.md\nservices/a/.scaffold.yaml\nservices/a/app.txt\nservices/a/ci.yaml\n")
        #expect(try git(["log", "-1", "--format=%(trailers:key=Scaffold-Folder,valueonly)", "scaffold/new-a^2"], in: repo)
                .hasPrefix("services/a\n"))

        let here = try new("b", inPlace: true)
        #expect(here.branch == "main")
        #expect(try git(["status", "--porcelain"], in: repo) == "")
        #expect(try String(contentsOfFile: repo + "/services/b/app.txt", encoding: .utf8).hasPrefix("b v1\n"))
        #expect(try git(["rev-list", "--parents", "-1", "HEAD"], in: repo).split(separator: " ").count == 3)
        let upgrade = try ServiceUpgrade.run(path: repo + "/services/b", catalog: context,
                                             options: ServiceUpgrade.Options(to: "1.1.0", environment: Isolation.environment))
        #expect(upgrade.base == .history)
        #expect(upgrade.filesChanged == ["services/b/.scaffold.yaml", "services/b/ci.yaml"])

        let into = try ScaffoldProcess.run(["new", TestCatalog.goldenPath, "d", "--into", repo, "--version", "1.0.0",
                                            "--no-input", "--catalog", catalog.root])
        #expect(into.status == 0, "\(into.standardError)")
        #expect(try git(["ls-tree", "--name-only", "scaffold/new-d", "services/"], in: repo).contains("services/d"))
        let nowhere = try ScaffoldProcess.run(["new", TestCatalog.goldenPath, "e", "--into", folder, "--no-input",
                                               "--catalog", catalog.root])
        #expect(nowhere.status == 2)
        #expect(nowhere.standardError.contains("not inside a git repository"))

        _ = try new("c", standalone: true)
        #expect(FileManager.default.fileExists(atPath: repo + "/services/c/.git"))
        try git(["fsck", "--strict", "--no-dangling"], in: repo)
    }
}
