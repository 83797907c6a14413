import Foundation
import TestSupport
import Testing
@testable import Scaffold

/// Helpers for the authoring tests: scratch catalogs written from string literals, the shipped
/// catalog, and the built `scaffold` binary for end-to-end runs.
enum Authoring {
    static let packageRoot = TestSupport.packageRoot

    /// The golden paths shipped in the repository.
    static var shippedCatalog: CatalogContext {
        let root = packageRoot.appendingPathComponent("golden-paths").path
        return CatalogContext(catalog: .init(root: root), origin: .flag, sourceLabel: "golden-paths")
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-authoring-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `files` (paths relative to `root`) and `symlinks` (path to target).
    static func write(_ files: [String: String], symlinks: [String: String] = [:], executable: Set<String> = [], under root: String) throws {
        let fm = FileManager.default
        for (path, text) in files {
            let full = root + "/" + path
            try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
            if executable.contains(path) { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full) }
        }
        for (path, target) in symlinks {
            let full = root + "/" + path
            try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: full, withDestinationPath: target)
        }
    }

    /// For a lint or test run that must not need the catalog: asking for it is an error.
    static func noCatalog() throws(ScaffoldError) -> CatalogContext { throw ScaffoldError(message: "no catalog needed") }

    /// A catalog context over a scratch folder.
    static func catalog(_ root: String) -> CatalogContext {
        CatalogContext(catalog: .init(root: root), origin: .flag, sourceLabel: "test-catalog")
    }

    /// Runs the binary with standard input closed (so it never prompts) in `directory`.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(try scaffoldExecutable(), arguments, in: directory,
                       environment: ["PATH": "/usr/bin:/bin", "HOME": directory, "NO_COLOR": "1", "GIT_CONFIG_NOSYSTEM": "1"]
                           .merging(environment) { $1 })
    }
}
