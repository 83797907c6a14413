import Foundation
@testable import Scaffold
import TestSupport
import Testing

@Suite struct DiscoveryTests {
    @Test func findsRepositoriesWithoutDescendingIntoThem() throws {
        let root = try FleetFixture.temporaryDirectory()
        defer { FleetFixture.remove(root) }
        for folder in ["a/one", "a/two", "b", "a/one/vendor/nested", ".hidden/three", "plain/folder"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for repository in ["a/one", "a/two", "b", "a/one/vendor/nested", ".hidden/three"] {
            try git(["init", "-q", repository], in: root)
        }
        let found = try FleetDiscovery.repositories(under: [root, root + "/a"])
        #expect(found.map(\.relativePath) == ["a/one", "a/two", "b"])
        #expect(found.map(\.path) == ["a/one", "a/two", "b"].map { root + "/" + $0 })
    }

    @Test func aRootThatIsARepositoryIsTheOnlyOne() throws {
        let root = try FleetFixture.temporaryDirectory()
        defer { FleetFixture.remove(root) }
        try git(["init", "-q", "."], in: root)
        #expect(try FleetDiscovery.repositories(under: [root]).map(\.relativePath) == ["."])
    }

    @Test func missingRootIsAnError() {
        #expect(throws: ScaffoldError.self) { try FleetDiscovery.repositories(under: ["/nonexistent/fleet"]) }
    }

    @Test func reposFileListsPathsRelativeToItsFolder() throws {
        let root = try FleetFixture.temporaryDirectory()
        defer { FleetFixture.remove(root) }
        try FileManager.default.createDirectory(atPath: root + "/lists", withIntermediateDirectories: true)
        let text = """
            # payments team
            ../svc/payments
              ../svc/orders  \n
            # duplicates collapse
            ../svc/./payments
            /elsewhere/absolute
            """
        try text.write(toFile: root + "/lists/repos.txt", atomically: true, encoding: .utf8)
        let found = try FleetDiscovery.repositories(listedIn: root + "/lists/repos.txt")
        #expect(found.map(\.path) == ["/elsewhere/absolute", root + "/svc/orders", root + "/svc/payments"])
        #expect(found.allSatisfy { $0.isListed })
        #expect(found.map(\.relativePath) == ["/elsewhere/absolute", "../svc/orders", "../svc/payments"])
    }

    @Test func relativePaths() {
        #expect(FleetDiscovery.relativePath(of: "/a/b/c", from: "/a") == "b/c")
        #expect(FleetDiscovery.relativePath(of: "/a/x/y", from: "/a/b") == "../x/y")
        #expect(FleetDiscovery.relativePath(of: "/a", from: "/a") == ".")
    }

    @Test func selectionNeedsExactlyOneSource() throws {
        #expect(throws: ScaffoldError.self) { try FleetSelection(roots: [], reposFile: nil).locations() }
        #expect(throws: ScaffoldError.self) { try FleetSelection(roots: ["/tmp"], reposFile: "/tmp/x").locations() }
    }
}
