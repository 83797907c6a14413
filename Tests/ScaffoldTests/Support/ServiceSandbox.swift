import Foundation
import GitKit
import GoldenPath
import Scaffold
import TestSupport
import Testing

/// A test catalog and a service made from its version 1.0.0 by `scaffold new`, in a temporary
/// folder; the developer edits it through the file system and the git CLI, as a person would.
final class ServiceSandbox {
    let folder: String
    let catalog: TestCatalog
    let service: String

    init(_ versions: [String: TemplateVersion], changelog: String? = nil, sets: [String] = [],
         from version: String = "1.0.0") throws {
        folder = try Isolation.temporaryDirectory("upgrade")
        catalog = try TestCatalog(versions, changelog: changelog, in: folder)
        service = folder + "/svc"
        _ = try NewService.run(NewService.Request(goldenPath: TestCatalog.goldenPath, name: "svc", version: version,
                                                  values: ValueArguments(sets: sets), output: service),
                               catalog: catalogContext, environment: Isolation.environment)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    var catalogContext: CatalogContext {
        CatalogContext(catalog: Catalog(root: catalog.root), origin: .flag, sourceLabel: catalog.root)
    }

    // MARK: Developer actions

    func write(_ path: String, _ file: TemplateFile) throws {
        try TestCatalog.write(file, to: service + "/" + path)
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, .text(text))
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: service + "/" + path)
    }

    func commit(_ message: String = "developer edits") throws {
        try TestSupport.git(["add", "-A"], in: service)
        try TestSupport.git(["commit", "-q", "-m", message], in: service)
    }

    // MARK: Scaffold

    func upgrade(to version: String? = "1.1.0", sets: [String] = [], mode: UpgradeMode = .branch,
                 branch: String? = nil, commitConflicts: Bool = false) throws -> UpgradeResult {
        try ServiceUpgrade.run(path: service, catalog: catalogContext,
                               options: ServiceUpgrade.Options(to: version, values: ValueArguments(sets: sets), mode: mode, branch: branch,
                                                               commitConflicts: commitConflicts,
                                                               environment: Isolation.environment))
    }

    /// Plans the upgrade on HEAD as it is, writing objects only.
    func plan(in path: String? = nil, to version: String = "1.1.0", sets: [String] = []) throws -> UpgradePlan {
        let repository = try Repository(openingAt: path ?? service)
        let target = try catalogContext.upgradeTarget(TestCatalog.goldenPath, version: try #require(SemanticVersion(version)))
        let head = try ServiceHead(repository: repository)
        return try UpgradePlanner.plan(repository, service: head, target: target, values: ValueArguments(sets: sets),
                                       identity: CommitIdentity(author: Signature(name: "Dev", email: "dev@example.com")))
    }

    /// Plans the upgrade twice: with the pristine history, and in a copy whose history is
    /// squashed into one parentless commit of the same tree on the same branch (so the base must
    /// be rendered again). Both must give the same tree and the same conflicts.
    @discardableResult
    func expectBothBasePathsAgree(to version: String = "1.1.0", sets: [String] = [],
                                  sourceLocation: SourceLocation = #_sourceLocation) throws -> UpgradePlan {
        let withHistory = try plan(to: version, sets: sets)
        let copy = folder + "/squashed-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: service, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let branch = try TestSupport.git(["rev-parse", "--abbrev-ref", "HEAD"], in: copy).trimmingCharacters(in: .whitespacesAndNewlines)
        try TestSupport.git(["checkout", "-q", "--orphan", "squashed"], in: copy)
        try TestSupport.git(["commit", "-q", "-m", "Squashed history"], in: copy)
        try TestSupport.git(["branch", "-q", "-M", "squashed", branch], in: copy)
        let rerendered = try plan(in: copy, to: version, sets: sets)
        #expect(withHistory.base.origin == .history, sourceLocation: sourceLocation)
        #expect(rerendered.base.origin == .rerendered, sourceLocation: sourceLocation)
        #expect(withHistory.resultTree == rerendered.resultTree, "re-rendered base gives another tree", sourceLocation: sourceLocation)
        #expect(withHistory.merge.tree == rerendered.merge.tree, sourceLocation: sourceLocation)
        #expect(withHistory.conflicts.map(\.path) == rerendered.conflicts.map(\.path), sourceLocation: sourceLocation)
        return withHistory
    }

    // MARK: Oracle

    @discardableResult
    func git(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        try TestSupport.git(arguments, in: service, allowFailure: allowFailure)
    }

    /// `git show REV:PATH`.
    func show(_ revision: String, _ path: String) throws -> String {
        try git(["show", "\(revision):\(path)"])
    }

    /// `git ls-tree -r --name-only REV`, as a sorted list.
    func paths(_ revision: String) throws -> [String] {
        try git(["ls-tree", "-r", "--name-only", revision]).split(separator: "\n").map(String.init)
    }

    /// The mode git records for PATH at REV (`100755`), or nil when absent.
    func mode(_ revision: String, _ path: String) throws -> String? {
        let line = try git(["ls-tree", revision, "--", path])
        return line.split(separator: " ").first.map(String.init)
    }

    func statusPorcelain() throws -> String {
        try git(["status", "--porcelain"])
    }

    func headCommit() throws -> String {
        try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func fsck() throws {
        try git(["fsck", "--strict", "--no-dangling"])
    }

    func readFile(_ path: String) throws -> String {
        try String(contentsOfFile: service + "/" + path, encoding: .utf8)
    }

    static let upgradeBranch = "scaffold/upgrade-demo-1.1.0"
}
