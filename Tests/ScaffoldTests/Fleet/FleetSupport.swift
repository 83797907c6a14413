import Foundation
import GitKit
import GoldenPath
@testable import Scaffold
import TestSupport
import Testing

/// Fixtures for fleet tests: an isolated git configuration, temporary folders, the shipped
/// catalog, and services made with `scaffold new`'s use case. (`git` is the shared CLI oracle.)
enum FleetFixture {
    /// The test target's one isolated HOME and libgit2 config search path (a process-wide setting).

    /// The repository's shipped golden paths.
    static let catalogRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("golden-paths").path
    }()

    static var catalog: CatalogContext {
        CatalogContext(catalog: Catalog(root: catalogRoot), origin: .flag, sourceLabel: "golden-paths")
    }

    static let environment = ["GIT_AUTHOR_NAME": "Fleet Test", "GIT_AUTHOR_EMAIL": "fleet@example.com"]

    static func temporaryDirectory() throws -> String {
        _ = Isolation.home
        let path = NSTemporaryDirectory() + "fleet-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A service made by `scaffold new` at `root/relative`.
    @discardableResult
    static func service(_ relative: String, in root: String, goldenPath: String = "go-microservice",
                        version: String = "1.0.0") throws -> String {
        _ = Isolation.home
        let name = (relative as NSString).lastPathComponent
        let request = NewService.Request(goldenPath: goldenPath, name: name, version: version, output: root + "/" + relative,
                                         author: "Fleet Test <fleet@example.com>")
        return try NewService.run(request, catalog: catalog, environment: environment).path
    }

    /// Rewrites a file of a service and commits it with the git CLI.
    static func commitEdit(_ service: String, file: String, _ edit: (String) -> String) throws {
        let path = service + "/" + file
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "edit \(file)"], in: service)
    }
}
