import Foundation
import TestSupport
import Testing

/// `scaffold release`: the next version folder is the newest one with only its version changed,
/// the changelog gets the new section first, and a version that is not after the newest is refused.
@Suite struct ReleaseTests {
    @Test func copiesTheNewestVersionAndBumpsOnlyItsVersion() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Authoring.shippedCatalog.catalog.root, toPath: dir + "/catalog")
        let released = try Authoring.run(["release", "go-microservice", "--catalog", dir + "/catalog", "--minor"], in: dir)
        #expect(released.status == 0, "\(released.standardError)")
        #expect(released.standardOutput.contains("Started go-microservice 2.1.0"))
        let old = dir + "/catalog/go-microservice/2.0.0", new = dir + "/catalog/go-microservice/2.1.0"
        let diff = try git(["diff", "--no-index", "--numstat", old, new], in: dir, allowFailure: true)
        #expect(diff.split(separator: "\n").count == 1 && diff.hasPrefix("1\t1\t"), "\(diff)")
        #expect(try String(contentsOfFile: new + "/golden-path.yaml", encoding: .utf8).contains("\n  version: 2.1.0\n"))
        let changelog = try String(contentsOfFile: dir + "/catalog/go-microservice/CHANGELOG.md", encoding: .utf8)
        #expect(changelog.hasPrefix("# go-microservice changelog\n\n## 2.1.0\n\n## 2.0.0\n"))
        // The new version is a version of the catalog, and lint accepts it as it is.
        let lint = try Authoring.run(["lint", new], in: dir)
        #expect(lint.status == 0, "\(lint.standardOutput)\(lint.standardError)")

        let backwards = try Authoring.run(["release", "go-microservice", "--catalog", dir + "/catalog", "--version", "2.0.5"], in: dir)
        #expect(backwards.status == 2)
        #expect(backwards.standardError.contains("2.0.5 is not after the newest version, 2.1.0"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/catalog/go-microservice/2.0.5"))
    }
}
