import Foundation
import GitKit
import TestSupport
import Testing

@Suite struct ReferenceTests {
    @Test func creatingABranchDoesNotMoveHead() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let first = try repository.commitFiles(["a": "1\n"], updating: "HEAD")
        let second = try repository.commitFiles(["a": "2\n"], parents: [first])
        try repository.checkoutHead(strategy: .force)

        let branch = try repository.createBranch(named: "scaffold/upgrade-go-1.1.0", at: second)
        #expect(branch.referenceName == "refs/heads/scaffold/upgrade-go-1.1.0")
        #expect(try repository.head() == .branch(name: "main", commit: first))
        #expect(try repository.branches() == [Branch(name: "main", commit: first), branch])
        #expect(try repository.branch(named: "scaffold/upgrade-go-1.1.0") == branch)
        #expect(try repository.branch(named: "absent") == nil)
        #expect(try git(["rev-parse", "scaffold/upgrade-go-1.1.0"], in: directory) == "\(second)\n")
        #expect(try git(["status", "--porcelain"], in: directory) == "")

        let exists = #expect(throws: GitError.self) { try repository.createBranch(named: branch.name, at: first) }
        #expect(exists?.code == .exists)
        try repository.createBranch(named: branch.name, at: first, force: true)
        #expect(try repository.reference(named: branch.referenceName) == first)
        #expect(throws: GitError.self) { try repository.createBranch(named: "bad..name", at: first) }
        #expect(throws: GitError.self) { try repository.createBranch(named: "-x", at: first) }
    }

    @Test func referencesMoveWithCompareAndSwapAndHeadFollowsSetHead() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let first = try repository.commitFiles(["a": "1\n"], updating: "HEAD")
        let second = try repository.commitFiles(["a": "2\n"], parents: [first])

        try repository.updateReference(named: "refs/heads/other", to: first, message: "create")
        let stale = #expect(throws: GitError.self) {
            try repository.updateReference(named: "refs/heads/other", to: second, expecting: second, message: "move")
        }
        #expect(stale?.code == .modified)
        try repository.updateReference(named: "refs/heads/other", to: second, expecting: first, message: "move")
        #expect(try repository.reference(named: "refs/heads/other") == second)

        try repository.setHead(branch: "other")
        #expect(try repository.head() == .branch(name: "other", commit: second))
        try repository.setHead(branch: "unborn")
        #expect(try repository.head() == .unborn(branch: "unborn"))
        try repository.setHead(branch: "other")
        try repository.deleteReference(named: "refs/heads/main")
        try repository.deleteReference(named: "refs/heads/main")
        #expect(try repository.reference(named: "refs/heads/main") == nil)
        #expect(throws: GitError.self) {
            try repository.updateReference(named: "refs/heads/a b", to: first, message: "bad")
        }
        #expect(Git.isValidBranchName("feature/x") && !Git.isValidBranchName("x.lock"))
    }

    @Test func detachedHeadIsReported() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let first = try repository.commitFiles(["a": "1\n"], updating: "HEAD")
        try git(["checkout", "-q", "--detach", "main"], in: directory)
        #expect(try repository.head() == .detached(commit: first))
        #expect(try repository.head().branchName == nil)
    }

    @Test func logFindsTheNewestCommitWithATrailerAcrossMerges() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let pristine1 = try repository.commitFiles(
            ["a": "1\n"], message: "Scaffold payments\n\nScaffold-Template: go-microservice 1.0.0\n")
        let edit = try repository.commitFiles(["a": "1\n", "b": "mine\n"], parents: [pristine1],
                                              message: "developer edit\n")
        let pristine2 = try repository.commitFiles(
            ["a": "2\n"], parents: [pristine1],
            message: "Upgrade template\n\nScaffold-Template: go-microservice 1.1.0\nSigned-off-by: x <x@y>\n")
        let merge = try repository.commitFiles(["a": "2\n", "b": "mine\n"], parents: [edit, pristine2],
                                               message: "Merge\n")
        #expect(try repository.log(from: merge).count == 4)
        #expect(try repository.log(from: merge, firstParentOnly: true) == [merge, edit, pristine1])
        #expect(try repository.log(from: merge, limit: 2).count == 2)

        let found = try repository.newestCommit(from: merge, withTrailer: "Scaffold-Template")
        #expect(found?.commit.oid == pristine2)
        #expect(found?.value == "go-microservice 1.1.0")
        let firstParent = try repository.newestCommit(from: merge, withTrailer: "Scaffold-Template",
                                                      firstParentOnly: true)
        #expect(firstParent?.commit.oid == pristine1)
        #expect(try repository.newestCommit(from: merge, withTrailer: "Absent") == nil)
        #expect(Trailer.parse("x\n\nA: 1\nB-c: two words\n") == [Trailer(key: "A", value: "1"),
                                                                  Trailer(key: "B-c", value: "two words")])
        #expect(Trailer.parse("no trailers here\n").isEmpty)
        #expect(try repository.mergeBase(merge, pristine2) == pristine2)
    }
}
