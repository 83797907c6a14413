import Foundation
import GitKit
import Testing

@Suite struct GitErrorTests {
    @Test func openingAFolderThatIsNotARepositoryGivesLibgit2sMessage() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let error = #expect(throws: GitError.self) { try Repository(openingAt: directory) }
        #expect(error?.code == .notFound)
        #expect(error?.errorClass == .repository)
        #expect(error?.message.contains("could not find repository") == true)
        #expect(error?.operation == "open repository '\(directory)'")
    }

    @Test func lookingUpAMissingObjectGivesNotFound() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        let repository = try Repository(creatingAt: directory)
        let missing = try OID(hex: "0123456789012345678901234567890123456789")
        let error = #expect(throws: GitError.self) { try repository.commit(missing) }
        #expect(error?.code == .notFound)
        #expect(error?.errorClass == .odb)
        #expect(error?.message.contains("object not found") == true)
        #expect(error?.description.hasPrefix("look up commit 0123456789") == true)
    }

    @Test func badObjectIdsAreRefusedBeforeLibgit2() {
        #expect(throws: GitError.self) { try OID(hex: "abc") }
        #expect(throws: GitError.self) { try OID(hex: String(repeating: "z", count: 40)) }
    }

    @Test func wellKnownIdsMatchGit() {
        #expect(OID.emptyBlob.hex == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        #expect(OID.emptyTree.hex == "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
    }

    @Test func creatingOverAnExistingRepositoryIsRefused() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { Fixture.remove(directory) }
        _ = try Repository(creatingAt: directory)
        #expect(throws: GitError.self) { try Repository(creatingAt: directory) }
        #expect(throws: GitError.self) { try Repository(creatingAt: directory + "/x", initialBranch: "bad..name") }
    }
}
