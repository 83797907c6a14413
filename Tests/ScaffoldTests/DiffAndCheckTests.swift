import Foundation
import GitKit
import GoldenPath
import Scaffold
import TestSupport
import Testing

/// `scaffold diff` (upgrade preview and drift) and `scaffold check`.
@Suite struct DiffAndCheckTests {
    static func sandbox() throws -> ServiceSandbox {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["f.txt": .text(numberedLines()), "gone.txt": .text("g\n"),
                                             "kept.txt": .text("k\n")]),
            "1.1.0": TemplateVersion(files: ["f.txt": .text(replacing(numberedLines(), "line 5\n", "template 5\n")),
                                             "gone.txt": .text("g\n"), "kept.txt": .text("k2\n")]),
        ])
        try sandbox.write("f.txt", replacing(numberedLines(), "line 5\n", "mine 5\n"))
        try sandbox.remove("gone.txt")
        try sandbox.write("own.txt", "own\n")
        try sandbox.commit()
        return sandbox
    }

    @Test func diffShowsWhatTheUpgradeWouldChangeAndItsConflicts() throws {
        let sandbox = try Self.sandbox()
        let refs = try sandbox.git(["for-each-ref"])
        let objects = try sandbox.git(["count-objects", "-v"])
        let result = try ServiceDiff.run(ServiceDiff.Request(path: sandbox.service),
                                         catalog: sandbox.catalogContext, environment: Isolation.environment)
        #expect(try sandbox.git(["count-objects", "-v"]) == objects, "diff adds no objects to the repository")
        #expect(result.to?.description == "1.1.0")
        #expect(result.conflicts.map(\.path) == ["f.txt"])
        #expect(result.files.map(\.newPath) == [".scaffold.yaml", "f.txt", "kept.txt"])
        let patch = result.files.map(\.patch).joined()
        #expect(patch.contains("-k\n+k2\n"))
        #expect(patch.contains("+<<<<<<< main\n"))
        #expect(try sandbox.git(["for-each-ref"]) == refs)
        #expect(try sandbox.statusPorcelain() == "")
    }

    @Test func theDiffAppliesToHeadAsTheUpgradeWould() throws {
        let sandbox = try ServiceSandbox(UpgradeBehaviourTests.simpleVersions())
        let result = try ServiceDiff.run(ServiceDiff.Request(path: sandbox.service),
                                         catalog: sandbox.catalogContext, environment: Isolation.environment)
        let plan = try sandbox.plan(to: "1.2.0")
        let patchFile = sandbox.folder + "/upgrade.patch"
        try result.files.map(\.patch).joined().write(toFile: patchFile, atomically: true, encoding: .utf8)
        try sandbox.git(["apply", "--index", patchFile])
        #expect(try sandbox.git(["write-tree"]).hasPrefix(plan.resultTree.hex))
    }

    @Test func driftShowsEditsAndDeletedTemplateFiles() throws {
        let sandbox = try Self.sandbox()
        let result = try ServiceDiff.run(ServiceDiff.Request(path: sandbox.service, drift: true),
                                         catalog: sandbox.catalogContext, environment: Isolation.environment)
        #expect(result.to == nil)
        #expect(result.base == .history)
        let byPath = Dictionary(uniqueKeysWithValues: result.files.map { ($0.newPath, $0.status) })
        #expect(byPath == ["f.txt": .modified, "gone.txt": .deleted, "own.txt": .added])
    }

    @Test func driftOfAnUntouchedServiceIsEmptyWhicheverBaseIsUsed() throws {
        let sandbox = try ServiceSandbox(UpgradeBehaviourTests.simpleVersions())
        let request = ServiceDiff.Request(path: sandbox.service, drift: true)
        #expect(try ServiceDiff.run(request, catalog: sandbox.catalogContext, environment: Isolation.environment).files.isEmpty)
        try sandbox.git(["checkout", "-q", "--orphan", "squashed"])
        try sandbox.git(["commit", "-q", "-m", "Import"])
        let rerendered = try ServiceDiff.run(request, catalog: sandbox.catalogContext, environment: Isolation.environment)
        #expect(rerendered.base == .rerendered)
        #expect(rerendered.files.isEmpty)
    }

    @Test func checkReportsANewerVersion() throws {
        let sandbox = try ServiceSandbox(UpgradeBehaviourTests.simpleVersions())
        let behind = try CheckService.run(path: sandbox.service, catalog: sandbox.catalogContext)
        #expect(behind.isBehind)
        #expect(behind.current.description == "1.0.0" && behind.newest.description == "1.2.0")
        _ = try sandbox.upgrade(to: "latest", mode: .inPlace)
        let current = try CheckService.run(path: sandbox.service, catalog: sandbox.catalogContext)
        #expect(!current.isBehind)
    }

    @Test func aRepositoryWithoutAnswersFileIsNotAService() throws {
        let folder = try Isolation.temporaryDirectory("plain")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try git(["init", "-q", "-b", "main"], in: folder)
        try "x\n".write(toFile: folder + "/x", atomically: true, encoding: .utf8)
        try git(["add", "x"], in: folder)
        try git(["commit", "-q", "-m", "x"], in: folder)
        #expect(throws: ScaffoldError.self) {
            try CheckService.run(path: folder, catalog: CatalogContext(catalog: Catalog(root: folder), origin: .flag, sourceLabel: folder))
        }
    }
}
