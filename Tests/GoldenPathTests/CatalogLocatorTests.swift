import Foundation
import Testing
@testable import GoldenPath

/// The documented lookup order: --catalog, $SCAFFOLD_CATALOG, ./golden-paths, the installed share
/// folder beside the binary, the checkout the binary was built from.
@Suite struct CatalogLocatorTests {
    /// A sandbox with every candidate folder present; each test removes the ones that should lose.
    struct Sandbox {
        let root: String
        var flag: String { root + "/flag-catalog" }
        var env: String { root + "/env-catalog" }
        var cwd: String { root + "/work" }
        var prefix: String { root + "/prefix" }
        var checkout: String { root + "/checkout" }

        init() throws {
            root = NSTemporaryDirectory() + "locator-" + UUID().uuidString
            for dir in [root + "/flag-catalog", root + "/env-catalog", root + "/work/golden-paths",
                        root + "/prefix/bin", root + "/prefix/share/scaffold/golden-paths", root + "/checkout/golden-paths"] {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
        }

        func locator(explicit: String? = nil, environment: [String: String] = [:]) -> CatalogLocator {
            CatalogLocator(explicit: explicit, environment: environment, workingDirectory: cwd,
                           executablePath: prefix + "/bin/scaffold", checkoutRoot: checkout)
        }

        func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
        func cleanUp() { remove(root) }
    }

    @Test func flagWinsOverEverything() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        let found = try s.locator(explicit: s.flag, environment: ["SCAFFOLD_CATALOG": s.env]).locate()
        #expect(found.path == s.flag && found.origin == .flag)
    }

    @Test func relativeFlagIsResolvedAgainstTheWorkingDirectory() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        let found = try s.locator(explicit: "golden-paths").locate()
        #expect(found.path == s.cwd + "/golden-paths")
    }

    @Test func environmentComesNext() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        let found = try s.locator(environment: ["SCAFFOLD_CATALOG": s.env]).locate()
        #expect(found.path == s.env && found.origin == .environment)
    }

    @Test func thenTheWorkingDirectory() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        let found = try s.locator().locate()
        #expect(found.path == s.cwd + "/golden-paths" && found.origin == .workingDirectory)
    }

    @Test func thenTheInstalledShareFolder() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        s.remove(s.cwd + "/golden-paths")
        let found = try s.locator().locate()
        #expect(found.path == s.prefix + "/share/scaffold/golden-paths" && found.origin == .installed)
    }

    @Test func thenTheCheckout() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        s.remove(s.cwd + "/golden-paths")
        s.remove(s.prefix + "/share")
        let found = try s.locator().locate()
        #expect(found.path == s.checkout + "/golden-paths" && found.origin == .checkout)
    }

    @Test func aMissingExplicitCatalogIsAnErrorNotAFallback() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        #expect(throws: GoldenPathError.self) { try s.locator(explicit: s.root + "/nope").locate() }
        #expect(throws: GoldenPathError.self) { try s.locator(environment: ["SCAFFOLD_CATALOG": s.root + "/nope"]).locate() }
    }

    @Test func nothingFoundNamesEveryPlaceTried() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        s.remove(s.cwd + "/golden-paths")
        s.remove(s.prefix + "/share")
        s.remove(s.checkout + "/golden-paths")
        do {
            _ = try s.locator().locate()
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(s.cwd + "/golden-paths"))
            #expect(error.description.contains(s.checkout + "/golden-paths"))
            #expect(error.description.contains("--catalog"))
        }
    }

    @Test func anEmptyEnvironmentVariableIsIgnored() throws {
        let s = try Sandbox(); defer { s.cleanUp() }
        let found = try s.locator(environment: ["SCAFFOLD_CATALOG": ""]).locate()
        #expect(found.origin == .workingDirectory)
    }
}

@Suite struct CheckoutRootTests {
    /// The last fallback must be this checkout, wherever the source file sits in the tree.
    @Test func buildCheckoutRootIsThePackageRoot() throws {
        let root = try #require(CatalogLocator.buildCheckoutRoot)
        #expect(FileManager.default.fileExists(atPath: root + "/Package.swift"))
        #expect(FileManager.default.fileExists(atPath: root + "/golden-paths"))
    }
}
