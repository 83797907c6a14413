import Foundation
import Testing
@testable import Scaffold

@Suite struct PreviewTests {
    private func preview(_ sets: [String], version: String? = "2.0.0", compareTo: String? = nil,
                         output: String? = nil) throws -> PreviewGoldenPath.Result {
        try PreviewGoldenPath.run(.init(goldenPath: "go-microservice", version: version, values: ValueArguments(sets: sets),
                                        output: output, compareTo: compareTo), catalog: Authoring.shippedCatalog)
    }

    @Test func rendersTheTreeWithSizes() throws {
        let result = try preview(["name=payments"])
        #expect(result.tree.paths.contains("cmd/payments/main.go"))
        let lines = PreviewTreeView.lines(result.tree)
        #expect(lines.first == "├── .dockerignore  \(result.tree[".dockerignore"]!.bytes.count) B")
        #expect(lines.contains("├── cmd/"))
        #expect(lines.contains { $0.hasPrefix("│   └── payments/") })
        #expect(lines.contains("└── internal/"))
        #expect(result.output == nil)
    }

    @Test func sizesReadLikeAPersonWouldSayThem() {
        #expect(PreviewTreeView.size(512) == "512 B")
        #expect(PreviewTreeView.size(3_174) == "3.1 KiB")
        #expect(PreviewTreeView.size(2 * 1024 * 1024) == "2.0 MiB")
    }

    @Test func aMissingNameIsAnErrorWithoutATerminal() {
        let error = #expect(throws: ScaffoldError.self) { try preview([]) }
        #expect(error?.description.contains("1 required parameter has no value") == true)
        #expect(error?.description.contains("name: Service name") == true)
    }

    @Test func writesTheFilesUnderOutputAndRefusesANonEmptyFolder() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try preview(["name=payments"], output: root + "/out")
        #expect(result.output == root + "/out")
        let written = try FileManager.default.subpathsOfDirectory(atPath: root + "/out")
        for path in result.tree.paths { #expect(written.contains(path), "\(path) not written") }
        #expect(!FileManager.default.fileExists(atPath: root + "/out/.git"))
        #expect(throws: ScaffoldError.self) { try preview(["name=payments"], output: root + "/out") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["out"])
    }

    @Test func comparesTwoVersionsWithMigratedAnswers() throws {
        let result = try preview(["name=payments", "owner=finance"], version: "1.1.0", compareTo: "2.0.0")
        let comparison = try #require(result.comparison)
        #expect(comparison.version == "2.0.0")
        #expect(comparison.droppedAnswers.isEmpty)
        let answers = try #require(comparison.difference.files.first { $0.path == ".scaffold.yaml" })
        // 2.0.0 renames `owner` to `team`: the answer moves with it rather than being lost.
        #expect(answers.patch.contains("-  owner: finance\n+  team: finance\n"))
        #expect(answers.patch.contains("-version: '1.1.0'\n+version: '2.0.0'\n"))
    }

    @Test func comparingAVersionWithItselfIsEmpty() throws {
        let result = try preview(["name=payments"], compareTo: "latest")
        #expect(result.comparison?.difference.isEmpty == true)
    }

    @Test func theCommandPrintsTreeFilesAndDiff() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let catalog = Authoring.packageRoot.appendingPathComponent("golden-paths").path
        let shown = try Authoring.run(["preview", "go-microservice", "--catalog", catalog, "--set", "name=payments", "--show-files",
                                       "--version", "1.1.0", "--compare-to", "2.0.0"], in: root)
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(shown.standardOutput.hasPrefix("go-microservice 1.1.0: 26 files, "))
        #expect(shown.standardOutput.contains("\n==> go.mod <==\nmodule example.com/payments-team/payments\n"))
        #expect(shown.standardOutput.contains("Changes from 1.1.0 to 2.0.0: "))
        #expect(shown.standardOutput.contains("diff --git a/README.md b/README.md"))
        let missing = try Authoring.run(["preview", "go-microservice", "--catalog", catalog], in: root)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("golden-path.yaml:14:7: 1 required parameter has no value"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }
}
