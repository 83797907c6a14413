import Foundation
import GitKit
import TestSupport
import Testing

/// A three-way merge scenario: base, ours and theirs as commits (ours and theirs children of base),
/// so the git CLI can replay the same merge with `git merge-tree --write-tree` as an oracle.
struct MergeScenario {
    let directory: String
    let repository: Repository
    let base: OID
    let ours: OID
    let theirs: OID

    init(base: [String: String], ours: [String: String], theirs: [String: String],
         baseModes: [String: FileMode] = [:], oursModes: [String: FileMode] = [:],
         theirsModes: [String: FileMode] = [:]) throws {
        directory = try Fixture.temporaryDirectory()
        repository = try Repository(creatingAt: directory)
        self.base = try repository.commitFiles(base, message: "base\n", modes: baseModes)
        self.ours = try repository.commitFiles(ours, parents: [self.base], message: "ours\n", modes: oursModes,
                                               updating: "HEAD")
        self.theirs = try repository.commitFiles(theirs, parents: [self.base], message: "theirs\n",
                                                 modes: theirsModes)
        try repository.createBranch(named: "theirs", at: self.theirs)
    }

    func merge(labels: MergeLabels = MergeLabels()) throws -> MergeResult {
        try repository.mergeTrees(ancestor: try repository.tree(ofCommit: base),
                                  ours: try repository.tree(ofCommit: ours),
                                  theirs: try repository.tree(ofCommit: theirs), labels: labels)
    }

    /// git's own merge: the tree id it writes (clean or with markers) and the conflicted paths.
    func gitMerge() throws -> (tree: String, conflicted: [String]) {
        let output = try git(["merge-tree", "--write-tree", "--name-only", "--no-messages", "main", "theirs"],
                             in: directory, allowFailure: true)
        let lines = output.split(separator: "\n").map(String.init)
        return (lines.first ?? "", Array(lines.dropFirst()))
    }

    func files(_ tree: OID) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try repository.flatTree(tree).map { ($0.path, try repository.text($0.oid)) })
    }

    func cleanup() { Fixture.remove(directory) }
}

private let tenLines = (1...10).map { "line \($0)\n" }.joined()

private func replacing(_ text: String, _ old: String, _ new: String) -> String {
    text.replacingOccurrences(of: old, with: new)
}

@Suite struct MergeTests {
    @Test func changesToDifferentPartsMergeCleanlyAsGitDoes() throws {
        let scenario = try MergeScenario(
            base: ["f.txt": tenLines, "untouched": "x\n", "dropped": "d\n"],
            ours: ["f.txt": replacing(tenLines, "line 2\n", "ours 2\n"), "untouched": "x\n", "dropped": "d\n",
                   "mine.go": "package mine\n"],
            theirs: ["f.txt": replacing(tenLines, "line 9\n", "theirs 9\n"), "untouched": "x\n",
                     "added": "new\n"])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        #expect(result.isClean)
        #expect(result.conflicts.isEmpty)
        let tree = try #require(result.tree)
        #expect(tree.hex == (try scenario.gitMerge().tree))
        let files = try scenario.files(tree)
        #expect(files["f.txt"] == replacing(replacing(tenLines, "line 2\n", "ours 2\n"), "line 9\n", "theirs 9\n"))
        #expect(files["dropped"] == nil)
        #expect(files["mine.go"] == "package mine\n")
        #expect(files["added"] == "new\n")
    }

    @Test func sameLinesConflictWithLabelledMarkers() throws {
        let scenario = try MergeScenario(base: ["f.txt": tenLines, "g": "g\n"],
                                         ours: ["f.txt": replacing(tenLines, "line 5\n", "ours 5\n"), "g": "g\n"],
                                         theirs: ["f.txt": replacing(tenLines, "line 5\n", "theirs 5\n"),
                                                  "g": "g2\n"])
        defer { scenario.cleanup() }
        let result = try scenario.merge(labels: MergeLabels(ancestor: "go-microservice 1.0.0", ours: "ours",
                                                            theirs: "go-microservice 1.1.0"))
        #expect(result.tree == nil)
        #expect(result.conflicts.map(\.path) == ["f.txt"])
        #expect(result.conflicts.first?.kind == .bothModified)
        #expect(try scenario.gitMerge().conflicted == ["f.txt"])

        let files = try scenario.files(try scenario.repository.treeWithConflictMarkers(result))
        #expect(files["g"] == "g2\n")
        #expect(files["f.txt"] == replacing(tenLines, "line 5\n",
                                            "<<<<<<< ours\nours 5\n=======\ntheirs 5\n>>>>>>> go-microservice 1.1.0\n"))
    }

    @Test func editsFollowARenamedFile() throws {
        let scenario = try MergeScenario(base: ["old/name.go": tenLines],
                                         ours: ["old/name.go": replacing(tenLines, "line 3\n", "edited 3\n")],
                                         theirs: ["new/name.go": tenLines + "line 11\n"])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        let tree = try #require(result.tree)
        #expect(try scenario.files(tree) == ["new/name.go": replacing(tenLines, "line 3\n", "edited 3\n") + "line 11\n"])
        #expect(tree.hex == (try scenario.gitMerge().tree))
    }

    @Test func modifyDeleteConflictsKeepTheModifiedSide() throws {
        let scenario = try MergeScenario(base: ["gone.txt": "a\n", "kept.txt": "k\n"],
                                         ours: ["gone.txt": "edited\n", "kept.txt": "k\n"],
                                         theirs: ["kept.txt": "k\n"])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        #expect(result.conflicts.map(\.path) == ["gone.txt"])
        #expect(result.conflicts.first?.kind == .deletedByThem)
        #expect(result.conflicts.first?.ours?.oid == (try scenario.repository.writeBlob(Array("edited\n".utf8))))
        #expect(try scenario.gitMerge().conflicted == ["gone.txt"])
        let files = try scenario.files(try scenario.repository.treeWithConflictMarkers(result))
        #expect(files == ["gone.txt": "edited\n", "kept.txt": "k\n"])
    }

    @Test func bothAddedDifferentFilesConflict() throws {
        let scenario = try MergeScenario(base: ["x": "x\n"], ours: ["x": "x\n", "new": "mine\n"],
                                         theirs: ["x": "x\n", "new": "template\n"])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        #expect(result.conflicts.map(\.kind) == [.bothAdded])
        #expect(try scenario.gitMerge().conflicted == ["new"])
    }

    @Test func binaryFilesConflictWithoutATextMerge() throws {
        let scenario = try MergeScenario(base: ["logo.png": "\u{0}PNG\u{1}base"],
                                         ours: ["logo.png": "\u{0}PNG\u{1}ours"],
                                         theirs: ["logo.png": "\u{0}PNG\u{1}theirs"])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        #expect(result.conflicts.map(\.path) == ["logo.png"])
        let files = try scenario.files(try scenario.repository.treeWithConflictMarkers(result))
        #expect(files["logo.png"] == "\u{0}PNG\u{1}ours")
    }

    @Test func executableBitsAndSymlinksAreCarriedAsGitCarriesThem() throws {
        let scenario = try MergeScenario(
            base: ["run.sh": "#!/bin/sh\necho 1\n", "link": "a", "tool": "t\n"],
            ours: ["run.sh": "#!/bin/sh\necho 1\necho mine\n", "link": "a", "tool": "t\n"],
            theirs: ["run.sh": "#!/bin/sh\necho 1\n", "link": "b", "tool": "t\n"],
            baseModes: ["link": .symlink], oursModes: ["link": .symlink, "tool": .executable],
            theirsModes: ["run.sh": .executable, "link": .symlink])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        let tree = try #require(result.tree)
        let entries = try scenario.repository.flatTree(tree)
        #expect(entries.map(\.mode) == [.symlink, .executable, .executable])
        #expect(try scenario.files(tree) == ["link": "b", "run.sh": "#!/bin/sh\necho 1\necho mine\n", "tool": "t\n"])
        #expect(tree.hex == (try scenario.gitMerge().tree))
    }

    /// libgit2 1.5.1 (PR 6717): ours replaced empty `bar.c` by empty `boo.c`; theirs filled `bar.c`.
    /// Unguarded, libgit2 takes bar.c -> boo.c as a rename and silently puts theirs' content into
    /// boo.c. Git reports a modify/delete conflict on bar.c and keeps boo.c empty.
    @Test func anEmptyFileNeverReceivesAnotherFilesContent() throws {
        let scenario = try MergeScenario(base: ["foo.c": "content\n", "bar.c": ""],
                                         ours: ["foo.c": "content\n", "boo.c": ""],
                                         theirs: ["foo.c": "other content\n", "bar.c": "with content\n"])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        #expect(result.conflicts.map(\.path) == ["bar.c"])
        #expect(result.conflicts.first?.kind == .deletedByUs)
        #expect(try scenario.gitMerge().conflicted == ["bar.c"])
        let files = try scenario.files(try scenario.repository.treeWithConflictMarkers(result))
        #expect(files == ["foo.c": "other content\n", "boo.c": "", "bar.c": "with content\n"])
    }

    /// The template shape: Python packages with empty `__init__.py`. Theirs (the template) removes
    /// package `b` and moves `a/x.py` into a new package `c`; ours (the developer) edits `b/__init__.py`
    /// and `a/x.py`. The edit to `a/x.py` follows the rename; `b/__init__.py`'s edit must not land in
    /// the new empty `c/__init__.py`.
    @Test func emptyPackageMarkersDoNotPickUpEditsThroughBogusRenames() throws {
        let module = (1...8).map { "def f\($0)(): return \($0)\n" }.joined()
        let scenario = try MergeScenario(
            base: ["a/__init__.py": "", "b/__init__.py": "", "a/x.py": module, "b/y.py": "Y = 1\n"],
            ours: ["a/__init__.py": "", "b/__init__.py": "import os\n", "a/x.py": module + "# mine\n",
                   "b/y.py": "Y = 1\n"],
            theirs: ["a/__init__.py": "", "c/__init__.py": "", "c/x.py": module, "b/y.py": "Y = 1\n"])
        defer { scenario.cleanup() }
        let result = try scenario.merge()
        #expect(result.conflicts.map(\.path) == ["b/__init__.py"])
        #expect(try scenario.gitMerge().conflicted == ["b/__init__.py"])
        let files = try scenario.files(try scenario.repository.treeWithConflictMarkers(result))
        #expect(files["c/__init__.py"] == "")
        #expect(files["a/__init__.py"] == "")
        #expect(files["b/__init__.py"] == "import os\n")
        #expect(files["c/x.py"] == module + "# mine\n")
        #expect(files["a/x.py"] == nil)
    }

    @Test func mergeWithoutAncestorTreatsBothSidesAsAdded() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let ours = try repository.tree(["same": "s\n", "a": "ours\n"])
        let theirs = try repository.tree(["same": "s\n", "a": "theirs\n", "b": "b\n"])
        let result = try repository.mergeTrees(ancestor: nil, ours: ours, theirs: theirs)
        #expect(result.conflicts.map(\.kind) == [.bothAdded])
    }
}
