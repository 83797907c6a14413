import Foundation
import GitKit
import TestSupport
import Testing

@Suite struct ConfigAndRemoteTests {
    @Test func defaultSignatureComesFromConfigAndFailsClearlyWithout() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let missing = #expect(throws: GitError.self) { try repository.defaultSignature() }
        #expect(missing?.message == "no author identity: set user.name and user.email in git config")
        #expect(try repository.configValue("user.name") == nil)

        try repository.setConfigValue("user.name", to: "Ada Lovelace")
        try repository.setConfigValue("user.email", to: "ada@example.com")
        #expect(try repository.configValue("user.name") == "Ada Lovelace")
        let signature = try repository.defaultSignature()
        #expect(signature.description == "Ada Lovelace <ada@example.com>")
        #expect(try git(["config", "user.email"], in: directory) == "ada@example.com\n")
    }

    @Test func invalidSignaturesAreRefusedByLibgit2() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let tree = try repository.writeTree([])
        let bad = Signature(name: "A <b>", email: "a@b")
        #expect(throws: GitError.self) {
            try repository.createCommit(tree: tree, parents: [], author: bad, committer: bad, message: "x")
        }
    }

    @Test func pushesABranchToALocalBareRepository() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let bare = try Repository(creatingAt: directory + "/remote.git", bare: true)
        #expect(bare.isBare)
        #expect(bare.workdir == nil)
        let repository = try Repository(creatingAt: directory + "/work")
        let commit = try repository.commitFiles(["a": "1\n"], updating: "HEAD")
        try repository.addRemote(named: "origin", url: directory + "/remote.git")
        #expect(try repository.remoteURL(named: "origin") == directory + "/remote.git")
        #expect(try repository.remoteURL(named: "absent") == nil)
        try repository.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
        #expect(try git(["rev-parse", "main"], in: directory + "/remote.git") == "\(commit)\n")
        try git(["fsck", "--strict"], in: directory + "/remote.git")

        let unrelated = try repository.commitFiles(["b": "2\n"])
        try repository.updateReference(named: "refs/heads/main", to: unrelated, message: "rewrite")
        #expect(throws: GitError.self) {
            try repository.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"])
        }
        try repository.push(remote: "origin", refspecs: ["+refs/heads/main:refs/heads/main"])
        #expect(try git(["rev-parse", "main"], in: directory + "/remote.git") == "\(unrelated)\n")
    }
}
