import Foundation
import Testing
@testable import Scaffold

@Suite struct GoldenTestsTests {
    @Test(arguments: ["go-microservice", "python-service"])
    func shippedGoldenPathsMatchTheirExpectedTrees(_ name: String) throws {
        let report = try GoldenTests.run(name, version: nil, update: false) { () throws(ScaffoldError) in Authoring.shippedCatalog }
        #expect(report.cases.count >= 4)
        for result in report.cases where !result.passed {
            Issue.record("\(result.version.version) \(result.name): \(result.outcome)")
        }
    }

    /// A golden path with one case, updated once so its expected tree exists.
    private func fixture() throws -> (root: String, expected: String) {
        let root = try Authoring.temporaryFolder()
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - {name: name, required: true}
                  files: {executable: ["run.sh"]}

                """,
            "svc/1.0.0/template/README.md": "# {{ name }}\n",
            "svc/1.0.0/template/run.sh": "echo {{ name }}\n",
            "svc/1.0.0/tests/basic/values.yaml": "name: demo\n",
        ], under: root)
        let first = try GoldenTests.run(root + "/svc", version: nil, update: true, catalog: Authoring.noCatalog)
        #expect(first.passed)
        return (root, root + "/svc/1.0.0/tests/basic/expected")
    }

    @Test func updateWritesAStableTreeThatThenPasses() throws {
        let (root, expected) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try String(contentsOfFile: expected + "/README.md", encoding: .utf8) == "# demo\n")
        let answers = try String(contentsOfFile: expected + "/.scaffold.yaml", encoding: .utf8)
        #expect(answers.contains("created: '2000-01-01'") && answers.contains("source: golden-paths"))
        #expect(FileManager.default.isExecutableFile(atPath: expected + "/run.sh"))
        let again = try GoldenTests.run(root + "/svc", version: nil, update: false, catalog: Authoring.noCatalog)
        #expect(again.passed)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/svc/1.0.0/tests/basic").sorted() == ["expected", "values.yaml"])
    }

    @Test func aChangedFileFailsWithItsDiffAndTheCommandExitsOne() throws {
        let (root, expected) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("# old\n".utf8).write(to: URL(fileURLWithPath: expected + "/README.md"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: expected + "/run.sh")
        let report = try GoldenTests.run(root + "/svc", version: nil, update: false, catalog: Authoring.noCatalog)
        guard case .failed(let difference, false) = report.cases.first?.outcome else {
            Issue.record("expected a failure, got \(String(describing: report.cases.first?.outcome))")
            return
        }
        #expect(difference.files.map(\.path) == ["README.md", "run.sh"])
        #expect(difference.patch.contains("-# old\n+# demo\n"))
        #expect(difference.patch.contains("old mode 100644\nnew mode 100755\n"))

        let result = try Authoring.run(["test", "svc"], in: root)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("FAIL     svc 1.0.0 basic: 2 files differ"))
        #expect(result.standardOutput.contains("+# demo"))
    }

    @Test func aMissingExpectedTreeFailsUntilUpdated() throws {
        let (root, expected) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.removeItem(atPath: expected)
        let report = try GoldenTests.run(root + "/svc", version: nil, update: false, catalog: Authoring.noCatalog)
        #expect(!report.passed)
        let result = try Authoring.run(["test", "svc", "--update"], in: root)
        #expect(result.status == 0)
        #expect(try GoldenTests.run(root + "/svc", version: "1.0.0", update: false, catalog: Authoring.noCatalog).passed)
    }

    @Test func valuesThatDoNotRenderAreAnError() throws {
        let (root, _) = try fixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write(["svc/1.0.0/tests/broken/values.yaml": "nmae: demo\n"], under: root)
        let report = try GoldenTests.run(root + "/svc", version: nil, update: false, catalog: Authoring.noCatalog)
        guard case .error(let error) = report.cases.first(where: { $0.name == "broken" })?.outcome else {
            Issue.record("expected an error")
            return
        }
        #expect(error.description.contains("values.yaml:1:1: nmae: unknown parameter or platform default 'nmae'; did you mean 'name'?"))
    }
}
