import Foundation
import GitKit
import TestSupport
import Testing

@Suite struct ObjectTests {
    @Test func objectsKeptInMemoryAreReadableAndNeverReachTheDisk() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let existing = try Repository(creatingAt: directory).writeBlob(Array("on disk\n".utf8))

        let repository = try Repository(openingAt: directory)
        try repository.keepNewObjectsInMemory()
        let blob = try repository.writeBlob(Array("scratch\n".utf8))
        let tree = try repository.writeTree([TreeEntry(path: "a.txt", oid: blob), TreeEntry(path: "b.txt", oid: existing)])
        #expect(try repository.blob(blob) == Array("scratch\n".utf8))
        #expect(try repository.flatTree(tree).map(\.oid) == [blob, existing])

        // Another handle on the same repository (and git itself) sees only what was on disk.
        let fresh = try Repository(openingAt: directory)
        #expect(try fresh.blob(existing) == Array("on disk\n".utf8))
        #expect(throws: GitError.self) { try fresh.blob(blob) }
        #expect(try git(["cat-file", "-t", existing.hex], in: directory) == "blob\n")
        #expect(throws: GitCLIError.self) { try git(["cat-file", "-t", tree.hex], in: directory) }
    }

    @Test func blobsTreesAndCommitsRoundTripWithModes() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let script = try repository.writeBlob(Array("#!/bin/sh\necho hi\n".utf8))
        let readme = try repository.writeBlob(Data("hello\n".utf8))
        let link = try repository.writeBlob(Array("../README.md".utf8))
        let empty = try repository.writeBlob([])
        #expect(empty == OID.emptyBlob)
        #expect(try repository.blob(readme) == Array("hello\n".utf8))
        #expect(try repository.blob(empty) == [])

        let entries = [
            TreeEntry(path: "scripts/run.sh", oid: script, mode: .executable),
            TreeEntry(path: "README.md", oid: readme),
            TreeEntry(path: "docs/deep/nested/link", oid: link, mode: .symlink),
            TreeEntry(path: "pkg/__init__.py", oid: empty),
            TreeEntry(path: "a.b", oid: readme),
            TreeEntry(path: "a/b", oid: readme),
        ]
        let tree = try repository.writeTree(entries)
        let expected = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        #expect(try repository.flatTree(tree) == expected)

        let commit = try repository.createCommit(tree: tree, parents: [], author: Fixture.signature,
                                                 committer: Fixture.signature,
                                                 message: "Initial\n\nScaffold-Template: go 1.0.0\n",
                                                 updating: "HEAD")
        let read = try repository.commit(commit)
        #expect(read.tree == tree)
        #expect(read.parents.isEmpty)
        #expect(read.summary == "Initial")
        #expect(read.author == Fixture.signature)
        #expect(read.trailers == [Trailer(key: "Scaffold-Template", value: "go 1.0.0")])

        try git(["fsck", "--strict"], in: directory)
        let listing = try git(["ls-tree", "-r", "HEAD"], in: directory)
        #expect(listing == expected.map { "\($0.mode) blob \($0.oid)\t\($0.path)\n" }.joined())
        let log = try git(["log", "--format=%an <%ae> %ad|%s", "--date=raw"], in: directory)
        #expect(log == "Test Author <test@example.com> 1700000000 +0100|Initial\n")
    }

    @Test(arguments: ["", "/abs", "a//b", "a/", "a/./b", "../x", "x/.git/config", ".GIT", "nul\u{0}byte"])
    func badTreePathsAreRefused(path: String) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let blob = try repository.writeBlob([1])
        let error = #expect(throws: GitError.self) { try repository.writeTree([TreeEntry(path: path, oid: blob)]) }
        #expect(error?.message.contains("invalid path") == true)
    }

    @Test func duplicateAndFileFolderClashesAreRefused() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let blob = try repository.writeBlob([1])
        #expect(throws: GitError.self) {
            try repository.writeTree([TreeEntry(path: "a", oid: blob), TreeEntry(path: "a", oid: blob)])
        }
        #expect(throws: GitError.self) {
            try repository.writeTree([TreeEntry(path: "a", oid: blob), TreeEntry(path: "a/b", oid: blob)])
        }
        #expect(throws: GitError.self) {
            try repository.writeTree([TreeEntry(path: "a/b", oid: blob), TreeEntry(path: "a", oid: blob)])
        }
    }

    @Test func aMissingBlobIsRefusedByStrictObjectCreation() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let missing = try OID(hex: "0123456789012345678901234567890123456789")
        #expect(throws: GitError.self) { try repository.writeTree([TreeEntry(path: "x", oid: missing)]) }
    }

    @Test func anEmptyListWritesTheEmptyTree() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        #expect(try repository.writeTree([]) == OID.emptyTree)
    }
}
