import Foundation
import GitKit
import TestSupport
import Testing

@Suite struct WorkTreeTests {
    @Test func checkoutOfTheFirstCommitLeavesACleanStatus() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        #expect(try repository.head() == .unborn(branch: "main"))
        #expect(repository.isHeadUnborn)
        let commit = try repository.commitFiles(
            ["run.sh": "#!/bin/sh\n", "src/main.go": "package main\n", "link": "src/main.go", ".gitkeep": ""],
            modes: ["run.sh": .executable, "link": .symlink], updating: "HEAD")
        try repository.checkoutHead(strategy: .force)

        #expect(try repository.head() == .branch(name: "main", commit: commit))
        #expect(!repository.isHeadUnborn)
        #expect(try repository.isClean())
        #expect(try git(["status", "--porcelain"], in: directory) == "")
        #expect(FileManager.default.isExecutableFile(atPath: directory + "/run.sh"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link") == "src/main.go")
        #expect(try readFile(directory + "/src/main.go") == "package main\n")
        #expect(repository.workdir == directory + "/")
        #expect(repository.gitdir == directory + "/.git/")
        #expect(!repository.isBare)
    }

    @Test func statusReportsModifiedStagedDeletedAndUntrackedButNotIgnored() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        _ = try repository.commitFiles(["a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n", ".gitignore": "*.log\n"],
                                       updating: "HEAD")
        try repository.checkoutHead(strategy: .force)
        try "changed\n".write(toFile: directory + "/a.txt", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: directory + "/b.txt")
        try FileManager.default.createDirectory(atPath: directory + "/new", withIntermediateDirectories: true)
        try "new\n".write(toFile: directory + "/new/file.txt", atomically: true, encoding: .utf8)
        try "x\n".write(toFile: directory + "/debug.log", atomically: true, encoding: .utf8)
        try "staged\n".write(toFile: directory + "/c.txt", atomically: true, encoding: .utf8)
        try git(["add", "c.txt"], in: directory)

        let status = try repository.status()
        #expect(status.map(\.path) == ["a.txt", "b.txt", "c.txt", "new/file.txt"])
        #expect(status.map(\.changes) == [.modified, .deleted, .staged, .untracked])
        #expect(try repository.status(includeUntracked: false).map(\.path) == ["a.txt", "b.txt", "c.txt"])
        #expect(try !repository.isClean())
    }
}
