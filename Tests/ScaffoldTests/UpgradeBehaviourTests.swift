import Foundation
import GitKit
import Scaffold
import TestSupport
import Testing

/// What `scaffold upgrade` does around the merge: refusals, idempotence, dry runs, pushes,
/// consecutive upgrades and the pull-request description.
@Suite struct UpgradeBehaviourTests {
    static let branch = ServiceSandbox.upgradeBranch

    static func simpleVersions() -> [String: TemplateVersion] {
        [
            "1.0.0": TemplateVersion(files: ["f.txt": .text(numberedLines())]),
            "1.1.0": TemplateVersion(files: ["f.txt": .text(replacing(numberedLines(), "line 2\n", "template 2\n"))]),
            "1.2.0": TemplateVersion(files: ["f.txt": .text(replacing(numberedLines(), "line 2\n", "template 2.2\n"))]),
        ]
    }

    @Test(arguments: ["modified", "staged", "untracked"])
    func aDirtyWorkTreeIsRefusedAndNothingIsTouched(kind: String) throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        let head = try sandbox.headCommit()
        switch kind {
        case "modified": try sandbox.write("f.txt", "changed\n")
        case "staged":
            try sandbox.write("f.txt", "changed\n")
            try sandbox.git(["add", "f.txt"])
        default: try sandbox.write("notes.txt", "new\n")
        }
        let status = try sandbox.statusPorcelain()
        let dirty = kind == "untracked" ? "notes.txt" : "f.txt"
        #expect(try sandbox.upgrade().outcome == .skipped(.dirtyWorkTree([dirty])))
        let command = try Authoring.run(["upgrade", sandbox.service, "--to", "1.1.0", "--catalog", sandbox.catalog.root], in: sandbox.folder,
                                        environment: Isolation.environment)
        #expect(command.status == 2, "one service refused for its state is an error")
        #expect(command.standardError.contains("uncommitted changes (\(dirty)); commit or stash them first"))
        #expect(try sandbox.statusPorcelain() == status)
        #expect(try sandbox.headCommit() == head)
        #expect(try sandbox.git(["branch", "--list"]) == "* main\n")
        #expect(!FileManager.default.fileExists(atPath: sandbox.service + "/.git/scaffold"))
    }

    /// git's own operations in progress are never overwritten or committed through: a pending
    /// merge keeps its MERGE_HEAD, a rebase or bisect keeps HEAD, and the command names the state.
    @Test(arguments: ["merge", "cherry-pick", "rebase", "revert", "bisect"])
    func anOperationInProgressIsRefused(_ operation: String) throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        try sandbox.git(["checkout", "-q", "-b", "other"])
        try sandbox.write("f.txt", "theirs\n")
        try sandbox.commit("their change")
        try sandbox.git(["checkout", "-q", "main"])
        try sandbox.write("f.txt", "ours\n")
        try sandbox.commit("our change")
        let expected: RepositoryState
        switch operation {
        case "merge": try sandbox.git(["merge", "-q", "other"], allowFailure: true); expected = .merge
        case "cherry-pick": try sandbox.git(["cherry-pick", "other"], allowFailure: true); expected = .cherryPick
        case "rebase": try sandbox.git(["rebase", "-q", "other"], allowFailure: true); expected = .rebase
        case "revert": try sandbox.git(["revert", "--no-edit", "HEAD~1"], allowFailure: true); expected = .revert
        default: try sandbox.git(["bisect", "start"]); expected = .bisect
        }
        let state = try sandbox.statusPorcelain()
        let gitFolder = try FileManager.default.contentsOfDirectory(atPath: sandbox.service + "/.git").sorted()
        for mode in [UpgradeMode.inPlace, .branch] {
            #expect(try sandbox.upgrade(mode: mode).outcome == .skipped(.operationInProgress(expected)), "\(operation) \(mode)")
        }
        let command = try Authoring.run(["upgrade", sandbox.service, "--to", "1.1.0", "--in-place", "--catalog", sandbox.catalog.root],
                                        in: sandbox.folder, environment: Isolation.environment)
        #expect(command.status == 2)
        #expect(command.standardError.contains("in progress"), "\(command.standardError)")
        #expect(try sandbox.statusPorcelain() == state)
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.service + "/.git").sorted() == gitFolder)
    }

    /// Two scaffold runs on one repository take turns: while one holds the upgrade lock, the other
    /// leaves the repository alone and says why.
    @Test func aRepositoryAnotherRunIsUpgradingIsLeftAlone() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        let folder = sandbox.service + "/.git/scaffold"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(folder + "/upgrade.lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        #expect(try sandbox.upgrade().outcome == .skipped(.anotherRunInProgress))
        #expect(try sandbox.git(["branch", "--list"]) == "* main\n")
        close(descriptor)
        #expect(try sandbox.upgrade().outcome == .upgraded)
    }

    /// A reference lock a killed run left behind (older than any git process holds one) does not
    /// block the branch for ever; git's lock protocol is otherwise respected.
    @Test func aStaleReferenceLockOfAKilledRunIsRecognised() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        let lock = sandbox.service + "/.git/refs/heads/" + Self.branch + ".lock"
        try FileManager.default.createDirectory(atPath: (lock as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "".write(toFile: lock, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: lock)
        #expect(try sandbox.upgrade().outcome == .upgraded)
        #expect(!FileManager.default.fileExists(atPath: lock))
        try sandbox.fsck()
    }

    /// CI checkouts are shallow: the history walk stops at `.git/shallow`, the pristine commit is
    /// used when the clone has it and re-rendered when it does not, and both give the same merge.
    @Test func shallowClonesUpgradeWithTheBaseTheyHave() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        try sandbox.write("notes.txt", "the team's\n")
        try sandbox.commit()
        #expect(try sandbox.upgrade(to: "1.1.0", mode: .inPlace).outcome == .upgraded)
        var trees: [String: String] = [:]
        for (depth, base) in [("1", PristineBase.Origin.rerendered), ("2", .history)] {
            let clone = sandbox.folder + "/shallow-\(depth)"
            try git(["clone", "-q", "--depth", depth, "file://" + sandbox.service, clone], in: sandbox.folder)
            #expect(FileManager.default.fileExists(atPath: clone + "/.git/shallow"))
            let drift = try ServiceDiff.run(ServiceDiff.Request(path: clone, drift: true), catalog: sandbox.catalogContext)
            #expect(drift.files.map(\.newPath) == ["notes.txt"], "depth \(depth): drift")
            let result = try ServiceUpgrade.run(path: clone, catalog: sandbox.catalogContext,
                                                options: ServiceUpgrade.Options(to: "1.2.0", environment: Isolation.environment))
            #expect(result.outcome == .upgraded, "depth \(depth)")
            #expect(result.base == base, "depth \(depth)")
            trees[depth] = try git(["rev-parse", "scaffold/upgrade-demo-1.2.0^{tree}"], in: clone)
            #expect(try git(["fsck", "--no-dangling", "--no-progress"], in: clone).isEmpty, "depth \(depth): fsck")
            // The branch is one `git push` from the shallow clone accepts.
            try git(["push", "-q", "origin", "scaffold/upgrade-demo-1.2.0:refs/heads/from-depth-\(depth)"], in: clone)
        }
        #expect(trees["1"] == trees["2"], "the re-rendered base gives the same merge")
    }

    @Test func anAlreadyCurrentServiceIsLeftAlone() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions(), from: "1.2.0")
        let result = try sandbox.upgrade(to: "latest")
        #expect(result.outcome == .alreadyCurrent)
        #expect(result.from?.description == "1.2.0" && result.to?.description == "1.2.0")
        #expect(try sandbox.git(["branch", "--list"]) == "* main\n")
    }

    @Test func aServiceNewerThanTheTargetIsAheadAndLeftAlone() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions(), from: "1.2.0")
        let result = try sandbox.upgrade(to: "1.1.0")
        #expect(result.outcome == .ahead)
        #expect(!result.hasMerge && result.branch == nil)
        #expect(try sandbox.git(["branch", "--list"]) == "* main\n")
    }

    @Test func runningTwiceFindsTheUpgradeAlreadyProposed() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        let first = try sandbox.upgrade()
        let second = try sandbox.upgrade()
        #expect(first.outcome == .upgraded)
        #expect(second.outcome == .alreadyProposed)
        #expect(second.commit == first.commit)
        #expect(try sandbox.git(["rev-parse", Self.branch]).hasPrefix(first.commit?.hex ?? "-"))
    }

    @Test func anExistingBranchWithOtherContentIsNotReplaced() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        try sandbox.git(["branch", Self.branch])
        let before = try sandbox.git(["rev-parse", Self.branch])
        #expect(try sandbox.upgrade().outcome == .skipped(.branchHasOtherContent(Self.branch)))
        #expect(try sandbox.git(["rev-parse", Self.branch]) == before)
        let command = try Authoring.run(["upgrade", sandbox.service, "--to", "1.1.0", "--catalog", sandbox.catalog.root], in: sandbox.folder,
                                        environment: Isolation.environment)
        #expect(command.status == 2)
        #expect(command.standardError.contains("--replace-existing"), "the command names the flag that rebuilds it")
        #expect(try sandbox.git(["rev-parse", Self.branch]) == before)
    }

    @Test func aDryRunWritesNoReferencesAndNoDescription() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        let refs = try sandbox.git(["for-each-ref"])
        let objects = try sandbox.git(["count-objects", "-v"])
        let result = try sandbox.upgrade(mode: .dryRun)
        #expect(result.outcome == .upgraded && result.dryRun)
        #expect(result.changes.map(\.newPath) == [".scaffold.yaml", "f.txt"])
        #expect(result.description?.contains("# Upgrade svc to demo 1.1.0") == true)
        #expect(result.descriptionPath == nil)
        #expect(try sandbox.git(["for-each-ref"]) == refs)
        #expect(try sandbox.statusPorcelain() == "")
        #expect(!FileManager.default.fileExists(atPath: sandbox.service + "/.git/scaffold"))
        // The merge was computed in memory: not one object was added (git fsck finds nothing dangling).
        #expect(try sandbox.git(["count-objects", "-v"]) == objects)
        #expect(try sandbox.git(["fsck", "--no-progress"]) == "")
    }

    @Test func pushSendsTheBranchToABareOrigin() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        let origin = sandbox.folder + "/origin.git"
        try git(["init", "-q", "--bare", origin], in: sandbox.folder)
        try sandbox.git(["remote", "add", "origin", origin])
        let result = try ServiceUpgrade.run(
            path: sandbox.service, catalog: sandbox.catalogContext,
            options: ServiceUpgrade.Options(to: "1.1.0", push: true, environment: Isolation.environment))
        #expect(result.pushed)
        let remote = try git(["rev-parse", Self.branch], in: origin)
        #expect(remote.hasPrefix(result.commit?.hex ?? "-"))
    }

    @Test func consecutiveUpgradesChainThePristineRenders() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        try sandbox.write("mine.txt", "mine\n")
        try sandbox.commit()
        _ = try sandbox.upgrade(to: "1.1.0", mode: .inPlace)
        let second = try sandbox.upgrade(to: "1.2.0", mode: .inPlace)
        #expect(second.outcome == .upgraded)
        #expect(second.base == .history)
        #expect(try sandbox.git(["log", "--first-parent", "--format=%s", "HEAD^2"])
                == "Scaffold svc from demo 1.2.0\nScaffold svc from demo 1.1.0\nScaffold svc from demo 1.0.0\n")
        #expect(try sandbox.readFile("f.txt") == replacing(numberedLines(), "line 2\n", "template 2.2\n"))
        #expect(try sandbox.readFile("mine.txt") == "mine\n")
        try sandbox.fsck()
    }

    @Test func aSquashedHistoryIsReRenderedAndSaysSo() throws {
        let sandbox = try ServiceSandbox(Self.simpleVersions())
        try sandbox.git(["checkout", "-q", "--orphan", "squashed"])
        try sandbox.git(["commit", "-q", "-m", "Import"])
        let result = try sandbox.upgrade()
        #expect(result.base == .rerendered)
        #expect(result.description?.contains("was not in this repository's history") == true)
        // The re-rendered base is a parentless pristine commit under the new pristine render.
        #expect(try sandbox.git(["log", "--format=%s", "\(Self.branch)^2"])
                == "Scaffold svc from demo 1.1.0\nScaffold svc from demo 1.0.0\n")
        try sandbox.fsck()
    }

    @Test func theDescriptionCarriesTheChangelogBetweenTheVersions() throws {
        let changelog = """
            # demo changelog

            ## 1.2.0

            - Third.

            ## [1.1.0] - 2026-11-01

            - Second.

            ## 1.0.0

            - First.

            """
        let sandbox = try ServiceSandbox(Self.simpleVersions(), changelog: changelog)
        let result = try sandbox.upgrade(to: "1.2.0")
        let description = try String(contentsOfFile: try #require(result.descriptionPath), encoding: .utf8)
        #expect(result.descriptionPath?.hasSuffix("/.git/scaffold/upgrade-1.2.0.md") == true)
        #expect(description.contains("## Changelog\n\n### 1.2.0\n\n- Third.\n\n### 1.1.0\n\n- Second.\n"))
        #expect(!description.contains("First."))
        #expect(description.contains("from demo **1.0.0** to **1.2.0**"))
        #expect(description.contains("## Files changed (2)"))
    }

    @Test func anInlineChangelogWinsOverTheFile() throws {
        var versions = Self.simpleVersions()
        versions["1.1.0"]?.changelog = "Inline notes for 1.1.0."
        let sandbox = try ServiceSandbox(versions, changelog: "## 1.1.0\n\n- From the file.\n")
        let result = try sandbox.upgrade(mode: .dryRun)
        #expect(result.description?.contains("## Changelog\n\nInline notes for 1.1.0.\n") == true)
        #expect(result.description?.contains("From the file") == false)
    }

    @Test func setWithoutToReRendersTheSameVersionWithNewAnswers() throws {
        let version = TemplateVersion(files: ["port.txt": .text("port {{ port }}\n")],
                                      parameters: "    - name: port\n      type: integer\n      default: 8080\n")
        let sandbox = try ServiceSandbox(["1.0.0": version])
        let result = try sandbox.upgrade(to: nil, sets: ["port=9090"], mode: .inPlace)
        #expect(result.outcome == .upgraded)
        #expect(try sandbox.readFile("port.txt") == "port 9090\n")
        #expect(try sandbox.readFile(".scaffold.yaml").contains("answers:\n  name: svc\n  port: 9090\n"))
        #expect(try sandbox.git(["log", "-1", "--format=%s"]) == "Re-render svc with demo 1.0.0\n")
        // The same answers again change nothing.
        #expect(try sandbox.upgrade(to: nil, sets: ["port=9090"]).outcome == .alreadyCurrent)
    }
}
