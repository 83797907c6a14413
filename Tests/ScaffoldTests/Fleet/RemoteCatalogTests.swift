import Foundation
import TestSupport
import Testing

/// `--catalog URL#ref`: the catalog as a git repository, cloned into the workspace cache and
/// fetched once per command, its files exported per commit.
@Suite struct RemoteCatalogTests {
    /// A bare catalog repository with the shipped golden paths: tag v1 without go-microservice
    /// 2.0.0, main with it.
    func withCatalog(_ body: (String, String, String) throws -> Void) throws {
        let folder = try FleetFixture.temporaryDirectory()
        defer { FleetFixture.remove(folder) }
        let source = folder + "/source"
        try FileManager.default.copyItem(atPath: FleetFixture.catalogRoot, toPath: source)
        try FileManager.default.moveItem(atPath: source + "/go-microservice/2.0.0", toPath: folder + "/later")
        try git(["init", "-q", "-b", "main"], in: source)
        try git(["add", "-A"], in: source)
        try git(["commit", "-qm", "catalog"], in: source)
        try git(["tag", "-a", "v1", "-m", "first release"], in: source)
        try FileManager.default.moveItem(atPath: folder + "/later", toPath: source + "/go-microservice/2.0.0")
        try git(["add", "-A"], in: source)
        try git(["commit", "-qm", "go-microservice 2.0.0"], in: source)
        try git(["clone", "-q", "--bare", source, folder + "/catalog.git"], in: folder)
        try body(folder, "file://" + folder + "/catalog.git", source)
    }

    func list(_ catalog: String, cache: String) throws -> ProcessResult {
        try ScaffoldProcess.run(["list", "--catalog", catalog], environment: ["XDG_CACHE_HOME": cache])
    }

    @Test func aGitCatalogIsClonedOnceAndPinnedByRef() throws {
        try withCatalog { folder, url, source in
            let cache = folder + "/cache"
            let newest = try list(url, cache: cache)
            #expect(newest.status == 0, "\(newest.standardError)")
            #expect(newest.standardOutput.contains("2.0.0"))
            let pinned = try list(url + "#v1", cache: cache)
            #expect(pinned.status == 0)
            #expect(pinned.standardOutput.contains("go-microservice") && !pinned.standardOutput.contains("2.0.0"))
            // One bare clone, one exported folder per commit.
            let clones = try FileManager.default.contentsOfDirectory(atPath: cache + "/scaffold/repositories/local" + folder)
            #expect(clones.filter { $0.hasPrefix("catalog@") }.count == 2)
            #expect(clones.contains("catalog"))

            // A service made from it records where its catalog came from; the fleet report the commit.
            let made = try ScaffoldProcess.run(["new", "go-microservice", "payments", "--no-input", "--version", "1.1.0",
                                                "--catalog", url + "#v1", "--output", folder + "/payments"],
                                               environment: ["XDG_CACHE_HOME": cache])
            #expect(made.status == 0, "\(made.standardError)")
            let answers = try String(contentsOfFile: folder + "/payments/.scaffold.yaml", encoding: .utf8)
            #expect(answers.contains(url + "#v1"))
            let report = try ScaffoldProcess.run(["upgrade", "--all", folder + "/payments", "--dry-run", "--json", "--catalog", url],
                                                 environment: ["XDG_CACHE_HOME": cache])
            let object = try JSONSerialization.jsonObject(with: Data(report.standardOutput.utf8)) as? [String: Any]
            let catalog = object?["catalog"] as? [String: Any]
            #expect(catalog?["source"] as? String == url)
            #expect(catalog?["commit"] as? String == (try git(["rev-parse", "main"], in: source)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func anUnknownRefOrURLIsAClearError() throws {
        try withCatalog { folder, url, _ in
            let unknown = try list(url + "#v9", cache: folder + "/cache")
            #expect(unknown.status != 0)
            #expect(unknown.standardError.contains("'v9' is no branch, tag or commit of the catalog repository"))
            let credentials = try list("https://token@github.com/acme/golden-paths.git", cache: folder + "/cache")
            #expect(credentials.status == 2)
            #expect(credentials.standardError.contains("the URL carries credentials"))
        }
    }
}
