import Foundation
import Testing

/// The malformed corpus through the real binary: exit 2, a located error, nothing written.
@Suite struct MalformedEndToEndTests {
    @Test func corpusIsLargeEnough() {
        #expect(malformedGoldenPaths.count >= 40)
        #expect(Set(malformedGoldenPaths.map(\.name)).count == malformedGoldenPaths.count)
    }

    @Test(arguments: malformedGoldenPaths)
    func failsWithALocatedErrorAndWritesNothing(_ c: MalformedGoldenPath) throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let catalog = root + "/catalog"
        try Authoring.write(c.files, symlinks: c.symlinks, under: catalog)
        let output = root + "/out"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)

        let arguments = ["new", "svc", "demo", "--catalog", catalog, "--output", output + "/demo", "--no-input",
                         "--author", "Test <test@example.com>"] + c.arguments.map { $0.replacingOccurrences(of: "CATALOG", with: catalog) }
        let result = try Authoring.run(arguments, in: root)

        #expect(result.status == 2, "\(c.name): exit \(result.status); stderr: \(result.standardError)")
        #expect(result.standardError.hasPrefix("error: "), "\(c.name): \(result.standardError)")
        let shown = result.standardError.replacingOccurrences(of: catalog + "/", with: "")
        #expect(shown.contains(c.expected), "\(c.name): got \(shown)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).isEmpty, "\(c.name): something was written")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["catalog", "out"])
    }
}
