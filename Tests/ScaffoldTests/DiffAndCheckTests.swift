import Foundation
import GitKit
import GoldenPath
import Locations
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
                                         catalog: sandbox.catalogContext)
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
                                         catalog: sandbox.catalogContext)
        let plan = try sandbox.plan(to: "1.2.0")
        let patchFile = sandbox.folder + "/upgrade.patch"
        try result.files.map(\.patch).joined().write(toFile: patchFile, atomically: true, encoding: .utf8)
        try sandbox.git(["apply", "--index", patchFile])
        #expect(try sandbox.git(["write-tree"]).hasPrefix(plan.resultTree.hex))
    }

    @Test func driftShowsEditsAndDeletedTemplateFiles() throws {
        let sandbox = try Self.sandbox()
        let result = try ServiceDiff.run(ServiceDiff.Request(path: sandbox.service, drift: true),
                                         catalog: sandbox.catalogContext)
        #expect(result.to == nil)
        #expect(result.base == .history)
        let byPath = Dictionary(uniqueKeysWithValues: result.files.map { ($0.newPath, $0.status) })
        #expect(byPath == ["f.txt": .modified, "gone.txt": .deleted, "own.txt": .added])
    }

    @Test func driftOfAnUntouchedServiceIsEmptyWhicheverBaseIsUsed() throws {
        let sandbox = try ServiceSandbox(UpgradeBehaviourTests.simpleVersions())
        let request = ServiceDiff.Request(path: sandbox.service, drift: true)
        #expect(try ServiceDiff.run(request, catalog: sandbox.catalogContext).files.isEmpty)
        try sandbox.git(["checkout", "-q", "--orphan", "squashed"])
        try sandbox.git(["commit", "-q", "-m", "Import"])
        let rerendered = try ServiceDiff.run(request, catalog: sandbox.catalogContext)
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

    /// A golden path or version the catalog does not have is the answers file's mistake (or the
    /// catalog's), and the error points at the line that names it.
    @Test func anUnknownGoldenPathOrVersionPointsAtItsLineInTheAnswersFile() throws {
        let sandbox = try ServiceSandbox(UpgradeBehaviourTests.simpleVersions())
        let answers = try sandbox.readFile(".scaffold.yaml")
        try sandbox.write(".scaffold.yaml", answers.replacingOccurrences(of: "golden_path: demo", with: "golden_path: demox"))
        try sandbox.commit("wrong golden path")
        let unknown = #expect(throws: ScaffoldError.self) { try sandbox.upgrade() }
        #expect(unknown?.location == Locations.SourceLocation(file: "HEAD:.scaffold.yaml", line: 1, column: 14))
        #expect(unknown?.message.contains("did you mean 'demo'") == true, "\(unknown.map(String.init(describing:)) ?? "")")

        try sandbox.write(".scaffold.yaml", answers.replacingOccurrences(of: "version: '1.0.0'", with: "version: '0.9.0'"))
        try sandbox.commit("a withdrawn version")
        let withdrawn = #expect(throws: ScaffoldError.self) {
            try ServiceDiff.run(ServiceDiff.Request(path: sandbox.service, drift: true), catalog: sandbox.catalogContext)
        }
        #expect(withdrawn?.location == Locations.SourceLocation(file: "HEAD:.scaffold.yaml", line: 2, column: 10))
        #expect(withdrawn?.message == "demo 0.9.0 is not in the catalog (it has 1.2.0, 1.1.0, 1.0.0)")
    }

    /// Text that is not UTF-8 is reported at the first byte that is not.
    @Test func notUTF8PointsAtTheFirstBadByte() throws {
        let sandbox = try ServiceSandbox(UpgradeBehaviourTests.simpleVersions())
        let file = sandbox.folder + "/repos.txt"
        FileManager.default.createFile(atPath: file, contents: Data("svc\nsv".utf8 + [0xFF] + Data("c\n".utf8)))
        let error = #expect(throws: ScaffoldError.self) { try FleetDiscovery.repositories(listedIn: file) }
        #expect(error?.location == Locations.SourceLocation(file: file, line: 2, column: 3))
    }
}
