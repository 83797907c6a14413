import Foundation
import GitKit
import Scaffold
import TestSupport
import Testing

/// The eleven cases of an upgrade (issue 6), each on a service made by `scaffold new`, edited as a
/// developer would, upgraded, and checked with the git CLI. Every case also checks that the
/// pristine-history base and the re-rendered base give the same result.
@Suite struct UpgradeCaseTests {
    static let branch = ServiceSandbox.upgradeBranch

    @Test func templateChangeToAnUntouchedFileIsTaken() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["a.txt": .text("one\n"), "b.txt": .text(numberedLines())]),
            "1.1.0": TemplateVersion(files: ["a.txt": .text("one\ntwo\n"), "b.txt": .text(numberedLines())]),
        ])
        try sandbox.write("b.txt", replacing(numberedLines(), "line 3\n", "mine 3\n"))
        try sandbox.commit()
        let head = try sandbox.headCommit()
        try sandbox.expectBothBasePathsAgree()

        let result = try sandbox.upgrade()
        #expect(result.outcome == .upgraded)
        #expect(result.branch == Self.branch)
        #expect(try sandbox.show(Self.branch, "a.txt") == "one\ntwo\n")
        #expect(try sandbox.show(Self.branch, "b.txt") == replacing(numberedLines(), "line 3\n", "mine 3\n"))
        // The current branch, HEAD and work tree are untouched.
        #expect(try sandbox.headCommit() == head)
        #expect(try sandbox.statusPorcelain() == "")
        #expect(try sandbox.readFile("a.txt") == "one\n")
        // A two-parent merge of HEAD and the new pristine render, whose parent is the old one.
        #expect(try sandbox.git(["log", "--graph", "--format=%s", Self.branch]) == """
            *   Upgrade svc to demo 1.1.0
            |\\  
            | * Scaffold svc from demo 1.1.0
            * | developer edits
            |/  
            * Scaffold svc from demo 1.0.0

            """)
        #expect(try sandbox.git(["log", "-1", "--format=%(trailers:key=Scaffold-Template,valueonly)", "\(Self.branch)^2"])
                .trimmingCharacters(in: .whitespacesAndNewlines) == "demo 1.1.0")
        try sandbox.fsck()
    }

    @Test func changesToDifferentPartsOfAFileMerge() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["f.txt": .text(numberedLines())]),
            "1.1.0": TemplateVersion(files: ["f.txt": .text(replacing(numberedLines(), "line 2\n", "template 2\n"))]),
        ])
        try sandbox.write("f.txt", replacing(numberedLines(), "line 9\n", "mine 9\n"))
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()

        let result = try sandbox.upgrade()
        #expect(result.outcome == .upgraded)
        #expect(try sandbox.show(Self.branch, "f.txt")
                == replacing(replacing(numberedLines(), "line 2\n", "template 2\n"), "line 9\n", "mine 9\n"))
        try sandbox.fsck()
    }

    @Test func changesToTheSameLinesConflictAndNoBranchIsMade() throws {
        let sandbox = try sameLinesSandbox()
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade()
        #expect(result.outcome == .conflicts)
        #expect(result.branch == nil)
        #expect(result.conflicts.map(\.path) == ["f.txt"])
        #expect(result.conflicts.first?.kind == .bothModified)
        #expect(try sandbox.git(["branch", "--list", Self.branch]) == "")
        #expect(try sandbox.statusPorcelain() == "")
        // The pull-request description is saved and names the conflict.
        let description = try String(contentsOfFile: sandbox.service + "/.git/scaffold/upgrade-1.1.0.md", encoding: .utf8)
        #expect(description.contains("## Conflicts (1)"))
        #expect(description.contains("| `f.txt` | both modified | both changed it; resolve the conflict markers"))
        #expect(description.contains("scaffold upgrade --in-place --to 1.1.0"))
    }

    @Test func commitConflictsPutsTheMarkersOnTheBranch() throws {
        let sandbox = try sameLinesSandbox()
        let head = try sandbox.headCommit()
        let result = try sandbox.upgrade(branch: "review/upgrade", commitConflicts: true)
        #expect(result.outcome == .conflicts)
        #expect(result.branch == "review/upgrade")
        #expect(try sandbox.show("review/upgrade", "f.txt") == replacing(numberedLines(), "line 5\n",
            "<<<<<<< main\nmine 5\n=======\ntemplate 5\n>>>>>>> demo 1.1.0\n"))
        let message = try sandbox.git(["log", "-1", "--format=%B", "review/upgrade"])
        #expect(message.contains("resolve them in:\n\tf.txt\n"))
        #expect(try sandbox.git(["rev-parse", "review/upgrade^1"]).hasPrefix(head))
        // The description says how to resolve them on that branch.
        #expect(result.description?.contains("git fetch origin && git switch review/upgrade") == true)
        #expect(try sandbox.headCommit() == head)
        #expect(try sandbox.statusPorcelain() == "")
        try sandbox.fsck()
    }

    @Test func inPlaceConflictsLeaveGitsOwnConflictedStateAndAbortRestores() throws {
        let sandbox = try sameLinesSandbox()
        let head = try sandbox.headCommit()
        let result = try sandbox.upgrade(mode: .inPlace)
        #expect(result.outcome == .conflicts)
        #expect(result.inPlace)
        #expect(try sandbox.statusPorcelain() == "M  .scaffold.yaml\nUU f.txt\nM  g.txt\n")
        let stages = try sandbox.git(["ls-files", "-u"]).split(separator: "\n").map { $0.split(separator: "\t")[0].split(separator: " ")[2] }
        #expect(stages == ["1", "2", "3"])
        #expect(try sandbox.readFile("f.txt").contains("<<<<<<< main\nmine 5\n=======\ntemplate 5\n>>>>>>> demo 1.1.0\n"))
        let mergeHead = try sandbox.git(["rev-parse", "MERGE_HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try sandbox.git(["log", "-1", "--format=%s", mergeHead]) == "Scaffold svc from demo 1.1.0\n")

        try sandbox.git(["merge", "--abort"])
        #expect(try sandbox.statusPorcelain() == "")
        #expect(try sandbox.headCommit() == head)
        #expect(try sandbox.readFile("f.txt") == replacing(numberedLines(), "line 5\n", "mine 5\n"))
    }

    /// `merge.conflictStyle` is honoured as git honours it: diff3 and zdiff3 show the base's
    /// lines, labelled with the version the service was on.
    @Test(arguments: ["diff3", "zdiff3"])
    func theConfiguredConflictStyleShapesTheMarkers(_ style: String) throws {
        let sandbox = try sameLinesSandbox()
        try sandbox.git(["config", "merge.conflictStyle", style])
        let result = try sandbox.upgrade(mode: .inPlace)
        #expect(result.outcome == .conflicts)
        #expect(try sandbox.readFile("f.txt").contains(
            "<<<<<<< main\nmine 5\n||||||| demo 1.0.0\nline 5\n=======\ntemplate 5\n>>>>>>> demo 1.1.0\n"))
    }

    @Test func inPlaceConflictsResolvedAndCommittedMakeTheMerge() throws {
        let sandbox = try sameLinesSandbox()
        _ = try sandbox.upgrade(mode: .inPlace)
        try sandbox.write("f.txt", replacing(numberedLines(), "line 5\n", "mine and template 5\n"))
        try sandbox.git(["add", "f.txt"])
        try sandbox.git(["commit", "-q", "--no-edit"])
        #expect(try sandbox.git(["log", "-1", "--format=%P"]).split(separator: " ").count == 2)
        // The markers are resolved: the commit does not claim otherwise (git's `# Conflicts:`
        // comment is all MERGE_MSG says about them).
        let message = try sandbox.git(["log", "-1", "--format=%B"])
        #expect(message.hasPrefix("Upgrade svc to demo 1.1.0\n"))
        #expect(!message.contains("conflict markers"))
        #expect(try sandbox.show("HEAD", ".scaffold.yaml").contains("version: '1.1.0'"))
        // The next upgrade finds the 1.1.0 pristine render in history.
        let check = try CheckService.run(path: sandbox.service, catalog: sandbox.catalogContext)
        #expect(!check.isBehind)
        try sandbox.fsck()
    }

    @Test func inPlaceWithoutConflictsCommitsTheMergeOnTheCurrentBranch() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["f.txt": .text(numberedLines())]),
            "1.1.0": TemplateVersion(files: ["f.txt": .text(replacing(numberedLines(), "line 2\n", "template 2\n"))]),
        ])
        try sandbox.write("mine.txt", "mine\n")
        try sandbox.commit()
        let before = try sandbox.headCommit()
        let result = try sandbox.upgrade(mode: .inPlace)
        #expect(result.outcome == .upgraded)
        #expect(try sandbox.statusPorcelain() == "")
        #expect(try sandbox.readFile("f.txt") == replacing(numberedLines(), "line 2\n", "template 2\n"))
        #expect(try sandbox.git(["log", "--format=%s", "-1"]) == "Upgrade svc to demo 1.1.0\n")
        #expect(try sandbox.git(["rev-parse", "HEAD"]).hasPrefix(result.commit?.hex ?? "-"))
        // As after `git merge`: ORIG_HEAD is the commit before, and both reflogs record the merge.
        #expect(try sandbox.git(["rev-parse", "ORIG_HEAD"]) == before + "\n")
        for reflog in ["HEAD", "main"] {
            #expect(try sandbox.git(["reflog", "-1", "--format=%gs", reflog]) == "commit (merge): Upgrade svc to demo 1.1.0\n")
        }
        try sandbox.fsck()
    }

    @Test func templateAddsAFileAndAnAddAddConflictKeepsBoth() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["a.txt": .text("a\n")]),
            "1.1.0": TemplateVersion(files: ["a.txt": .text("a\n"), "new.txt": .text("template new\n"),
                                             "both.txt": .text("template both\n")]),
        ])
        try sandbox.write("both.txt", "mine both\n")
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade(commitConflicts: true)
        #expect(result.conflicts.map(\.path) == ["both.txt"])
        #expect(result.conflicts.first?.kind == .bothAdded)
        #expect(try sandbox.show(Self.branch, "new.txt") == "template new\n")
        let both = try sandbox.show(Self.branch, "both.txt")
        #expect(both.contains("mine both\n") && both.contains("template both\n") && both.contains("<<<<<<< main"))
    }

    @Test func templateDeletionRemovesUntouchedFilesAndNeverDeletesEdits() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["keep.txt": .text("k\n"), "gone.txt": .text(numberedLines()),
                                             "edited.txt": .text(numberedLines())]),
            "1.1.0": TemplateVersion(files: ["keep.txt": .text("k\n")]),
        ])
        try sandbox.write("edited.txt", replacing(numberedLines(), "line 4\n", "mine 4\n"))
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()

        let onBranch = try sandbox.upgrade(commitConflicts: true)
        #expect(onBranch.conflicts.map(\.path) == ["edited.txt"])
        #expect(onBranch.conflicts.first?.kind == .deletedByThem)
        #expect(try sandbox.paths(Self.branch) == [".scaffold.yaml", "edited.txt", "keep.txt"])
        #expect(try sandbox.show(Self.branch, "edited.txt") == replacing(numberedLines(), "line 4\n", "mine 4\n"))

        try sandbox.git(["branch", "-D", Self.branch])
        _ = try sandbox.upgrade(mode: .inPlace)
        #expect(try sandbox.statusPorcelain() == "M  .scaffold.yaml\nUD edited.txt\nD  gone.txt\n")
        #expect(try sandbox.readFile("edited.txt") == replacing(numberedLines(), "line 4\n", "mine 4\n"))
    }

    @Test func aFileTheDeveloperDeletedStaysDeletedUnlessTheTemplateChangedIt() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["unchanged.txt": .text("u\n"), "changed.txt": .text(numberedLines()),
                                             "keep.txt": .text("k\n")]),
            "1.1.0": TemplateVersion(files: ["unchanged.txt": .text("u\n"),
                                             "changed.txt": .text(replacing(numberedLines(), "line 1\n", "template 1\n")),
                                             "keep.txt": .text("k2\n")]),
        ])
        try sandbox.remove("unchanged.txt")
        try sandbox.remove("changed.txt")
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade(commitConflicts: true)
        #expect(result.conflicts.map(\.path) == ["changed.txt"])
        #expect(result.conflicts.first?.kind == .deletedByUs)
        // Worded as git words it, and no markers are promised for a file that has none.
        #expect(result.description?.contains(
            "| `changed.txt` | deleted by us | modified in demo 1.1.0, but deleted in HEAD; keep it (git add) or delete it (git rm) |") == true)
        #expect(result.description?.contains("conflict markers") == false)
        let paths = try sandbox.paths(Self.branch)
        #expect(!paths.contains("unchanged.txt"))
        #expect(try sandbox.show(Self.branch, "keep.txt") == "k2\n")
    }

    /// Each conflict is labelled as `git status` labels the same index: the porcelain codes of
    /// the in-place result are the oracle (modify/delete both ways, add/add, rename/delete).
    @Test func conflictKindsAreTheOnesGitStatusShows() throws {
        let module = (1...12).map { "func f\($0)() int { return \($0) }\n" }.joined()
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["api/spec.go": .text(module), "mod.txt": .text(numberedLines()),
                                             "gone.txt": .text(numberedLines())]),
            "1.1.0": TemplateVersion(files: ["docs/spec.go": .text(module), "mod.txt": .text(replacing(numberedLines(), "line 1\n", "t 1\n")),
                                             "new.txt": .text("template\n")]),
        ])
        try sandbox.remove("api/spec.go")
        try sandbox.remove("mod.txt")
        try sandbox.write("gone.txt", replacing(numberedLines(), "line 2\n", "mine 2\n"))
        try sandbox.write("new.txt", "mine\n")
        try sandbox.commit()
        let result = try sandbox.upgrade(mode: .inPlace)
        let codes = ["UU": "both modified", "AA": "both added", "DU": "deleted by us", "UD": "deleted by them",
                     "AU": "added by us", "UA": "added by them", "DD": "both deleted"]
        var fromGit: [String: String] = [:]
        for line in try sandbox.statusPorcelain().split(separator: "\n") {
            if let word = codes[String(line.prefix(2))] { fromGit[String(line.dropFirst(3))] = word }
        }
        // The index carries no rename records git does not know (no "ignoring NAME extension").
        let status = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), ["status"], in: sandbox.service,
                                    environment: ["HOME": Isolation.home, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"])
        #expect(status.standardError == "")
        let ours = Dictionary(uniqueKeysWithValues: result.conflicts.map { ($0.path, ConflictWords.kind($0.kind)) })
        #expect(ours == fromGit, "\(ours)")
        #expect(Set(ours.values).isSuperset(of: ["deleted by us", "deleted by them", "both added", "added by them"]), "\(ours)")
    }

    @Test func editsFollowARenamedTemplateFile() throws {
        let module = (1...12).map { "func f\($0)() int { return \($0) }\n" }.joined()
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["api/spec.go": .text(module)]),
            "1.1.0": TemplateVersion(files: ["docs/spec.go": .text(module)]),
        ])
        try sandbox.write("api/spec.go", module + "// mine\n")
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade()
        #expect(result.outcome == .upgraded)
        #expect(try sandbox.paths(Self.branch) == [".scaffold.yaml", "docs/spec.go"])
        #expect(try sandbox.show(Self.branch, "docs/spec.go") == module + "// mine\n")
    }

    @Test func editsFollowATemplatedPathWhenAnAnswerChanges() throws {
        let module = (1...12).map { "def f\($0)(): return \($0)\n" }.joined()
        let version = TemplateVersion(files: ["{{ package }}/core.py": .text(module)],
                                      parameters: "    - name: package\n      type: string\n      default: app\n")
        let sandbox = try ServiceSandbox(["1.0.0": version])
        try sandbox.write("app/core.py", module + "# mine\n")
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree(to: "1.0.0", sets: ["package=billing"])
        let result = try sandbox.upgrade(to: nil, sets: ["package=billing"])
        #expect(result.outcome == .upgraded)
        #expect(result.branch == "scaffold/upgrade-demo-1.0.0")
        #expect(try sandbox.paths("scaffold/upgrade-demo-1.0.0") == [".scaffold.yaml", "billing/core.py"])
        #expect(try sandbox.show("scaffold/upgrade-demo-1.0.0", "billing/core.py") == module + "# mine\n")
        #expect(try sandbox.show("scaffold/upgrade-demo-1.0.0", ".scaffold.yaml").contains("package: billing"))
    }

    @Test func theDevelopersOwnFilesAreNeverTouched() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["a.txt": .text("a\n")]),
            "1.1.0": TemplateVersion(files: ["a.txt": .text("a2\n"), "lib/extra.txt": .text("x\n")]),
        ])
        try sandbox.write("lib/mine.go", "package lib\n")
        try sandbox.write("tools/run.sh", .executable("#!/bin/sh\necho mine\n"))
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        _ = try sandbox.upgrade()
        for path in ["lib/mine.go", "tools/run.sh"] {
            #expect(try sandbox.git(["rev-parse", "HEAD:\(path)"]) == (try sandbox.git(["rev-parse", "\(Self.branch):\(path)"])))
        }
        #expect(try sandbox.mode(Self.branch, "tools/run.sh") == "100755")
    }

    @Test func executableBitsAndSymlinksAreCarriedAsGitCarriesThem() throws {
        let script = numberedLines(prefix: "echo")
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["run.sh": .text(script), "tool.sh": .executable("#!/bin/sh\n"),
                                             "current": .symlink("v1"), "v1/x": .text("1\n"), "v2/x": .text("2\n")]),
            "1.1.0": TemplateVersion(files: ["run.sh": .executable(script), "tool.sh": .executable("#!/bin/sh\n"),
                                             "current": .symlink("v2"), "v1/x": .text("1\n"), "v2/x": .text("2\n"),
                                             "latest": .symlink("v2/x")]),
        ])
        try sandbox.write("run.sh", replacing(script, "echo 9\n", "echo mine\n"))
        try sandbox.git(["update-index", "--chmod=-x", "tool.sh"])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: sandbox.service + "/tool.sh")
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        _ = try sandbox.upgrade()
        #expect(try sandbox.mode(Self.branch, "run.sh") == "100755")
        #expect(try sandbox.show(Self.branch, "run.sh") == replacing(script, "echo 9\n", "echo mine\n"))
        #expect(try sandbox.mode(Self.branch, "tool.sh") == "100644")
        #expect(try sandbox.mode(Self.branch, "current") == "120000")
        #expect(try sandbox.show(Self.branch, "current") == "v2")
        #expect(try sandbox.mode(Self.branch, "latest") == "120000")
    }

    @Test func answersFileGetsTheTargetVersionMigratedAnswersAndKeepsTheDevelopersKeys() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["owner.txt": .text("{{ team }}\n")],
                                     parameters: "    - name: team\n      type: string\n      default: core\n"),
            "1.1.0": TemplateVersion(files: ["owner.txt": .text("{{ owner }}\n")],
                                     parameters: "    - name: owner\n      type: string\n      default: core\n",
                                     migrations: "    - version: 1.1.0\n      rename: {team: owner}\n"),
        ], sets: ["team=payments"])
        try sandbox.write(".scaffold.yaml", try sandbox.readFile(".scaffold.yaml") + "jira: PAY\n")
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade()
        #expect(result.outcome == .upgraded)
        #expect(result.migrationNotes == ["renamed `team` to `owner` (1.1.0)"])
        let answers = try sandbox.show(Self.branch, ".scaffold.yaml")
        #expect(answers.contains("version: '1.1.0'"))
        #expect(answers.contains("  owner: payments\n"))
        #expect(!answers.contains("team"))
        #expect(answers.hasSuffix("jira: PAY\n"))
        #expect(try sandbox.show(Self.branch, "owner.txt") == "payments\n")
    }

    @Test func binaryFilesAreTakenWhenUntouchedAndConflictWhenBothChanged() throws {
        let logo: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3]
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["logo.png": .binary(logo), "icon.png": .binary(logo + [9])]),
            "1.1.0": TemplateVersion(files: ["logo.png": .binary(logo + [4]), "icon.png": .binary(logo + [10])]),
        ])
        try sandbox.write("icon.png", .binary(logo + [11]))
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade(commitConflicts: true)
        #expect(result.conflicts.map(\.path) == ["icon.png"])
        #expect(try sandbox.git(["rev-parse", "\(Self.branch):logo.png"])
                == (try sandbox.git(["hash-object", sandbox.catalog.root + "/demo/1.1.0/template/logo.png"])))
        // No text merge: the developer's binary is kept as it is.
        #expect(try sandbox.git(["rev-parse", "\(Self.branch):icon.png"]) == (try sandbox.git(["rev-parse", "HEAD:icon.png"])))
    }

    /// libgit2 1.5.1 pairs deleted and added empty files as renames; a developer's edit to one
    /// `__init__.py` must not land in another.
    @Test func emptyInitFilesNeverPickUpEditsThroughBogusRenames() throws {
        let module = (1...8).map { "def f\($0)(): return \($0)\n" }.joined()
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["a/__init__.py": .text(""), "b/__init__.py": .text(""),
                                             "a/x.py": .text(module), "b/y.py": .text("Y = 1\n")]),
            "1.1.0": TemplateVersion(files: ["a/__init__.py": .text(""), "c/__init__.py": .text(""),
                                             "c/x.py": .text(module), "b/y.py": .text("Y = 1\n")]),
        ])
        try sandbox.write("b/__init__.py", "import os\n")
        try sandbox.write("a/x.py", module + "# mine\n")
        try sandbox.commit()
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade(commitConflicts: true)
        #expect(result.conflicts.map(\.path) == ["b/__init__.py"])
        #expect(try sandbox.show(Self.branch, "c/__init__.py") == "")
        #expect(try sandbox.show(Self.branch, "b/__init__.py") == "import os\n")
        #expect(try sandbox.show(Self.branch, "c/x.py") == module + "# mine\n")
    }

    private func sameLinesSandbox() throws -> ServiceSandbox {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["f.txt": .text(numberedLines()), "g.txt": .text("g\n")]),
            "1.1.0": TemplateVersion(files: ["f.txt": .text(replacing(numberedLines(), "line 5\n", "template 5\n")),
                                             "g.txt": .text("g2\n")]),
        ])
        try sandbox.write("f.txt", replacing(numberedLines(), "line 5\n", "mine 5\n"))
        try sandbox.commit()
        return sandbox
    }

    /// A file of the service where the new version has a folder (`docs` against
    /// `docs/openapi.yaml`) is a conflict as git reports it, never an internal error: the
    /// service's file is kept as `docs~HEAD` beside the template's folder.
    @Test func aFileWhereTheNewVersionHasAFolderIsAConflict() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["a.txt": .text("one\n")]),
            "1.1.0": TemplateVersion(files: ["a.txt": .text("one\n"), "docs/openapi.yaml": .text("openapi: 3.1.0\n")]),
        ])
        try sandbox.write("docs", "the team's notes\n")
        try sandbox.commit()
        let dryRun = try sandbox.upgrade(mode: .dryRun)
        #expect(dryRun.outcome == .conflicts)
        #expect(dryRun.conflictedFiles.contains("docs"))
        let result = try sandbox.upgrade(commitConflicts: true)
        #expect(result.outcome == .conflicts)
        let paths = try sandbox.paths(Self.branch)
        #expect(paths.contains("docs~HEAD") && paths.contains("docs/openapi.yaml"), "\(paths)")
        #expect(try sandbox.show(Self.branch, "docs~HEAD") == "the team's notes\n")
        try sandbox.fsck()

        // In place: git's conflicted state, the team's file kept in the work tree.
        try sandbox.git(["branch", "-D", Self.branch])
        let inPlace = try sandbox.upgrade(mode: .inPlace)
        #expect(inPlace.outcome == .conflicts)
        #expect(try sandbox.git(["ls-files", "-u"]).contains("docs"), "the conflict is in the index")
        #expect(FileManager.default.fileExists(atPath: sandbox.service + "/.git/MERGE_HEAD"))
        let kept = (try? sandbox.readFile("docs~HEAD")) ?? (try? sandbox.readFile("docs"))
        #expect(kept == "the team's notes\n", "the team's file survives in the work tree")
        try sandbox.fsck()
    }
}
