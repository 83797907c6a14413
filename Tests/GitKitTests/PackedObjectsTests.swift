import Foundation
import GitKit
import TestSupport
import Testing

/// `packNewObjects`: new objects held in memory, written as one pack before a reference (or an
/// index) can name them; checked with the git CLI.
@Suite struct PackedObjectsTests {
    func objects(_ repository: String) throws -> (loose: [String], packs: [String]) {
        let loose = try FileManager.default.contentsOfDirectory(atPath: repository + "/.git/objects").filter { $0 != "pack" && $0 != "info" }
        let packs = try FileManager.default.contentsOfDirectory(atPath: repository + "/.git/objects/pack").sorted()
        return (loose, packs)
    }

    @Test func objectsAreWrittenAsOnePackBeforeAReferenceNamesThemAndNotAtAllOtherwise() throws {
        let folder = try Fixture.temporaryDirectory()
        defer { Fixture.remove(folder) }
        let path = folder + "/repo"
        let repository = try Repository(creatingAt: path)
        try repository.packNewObjects()
        let commit = try repository.commitFiles(["a.txt": "a\n", "b/c.txt": "c\n"], updating: "refs/heads/main")
        #expect(try repository.reference(named: "refs/heads/main") == commit)
        var found = try objects(path)
        #expect(found.loose.isEmpty, "loose objects: \(found.loose)")
        #expect(found.packs.count == 2 && found.packs[0].hasSuffix(".idx") && found.packs[1].hasSuffix(".pack"))
        #expect(try git(["fsck", "--strict", "--no-dangling"], in: path).isEmpty)
        #expect(try git(["show", "main:b/c.txt"], in: path) == "c\n")

        // A branch made at a new commit writes what was held since: that commit's objects.
        let next = try repository.commitFiles(["a.txt": "A\n"], parents: [commit])
        try repository.createBranch(named: "next", at: next)
        found = try objects(path)
        #expect(found.loose.isEmpty && found.packs.count == 4)
        #expect(try git(["rev-parse", "next^"], in: path).trimmingCharacters(in: .whitespacesAndNewlines) == commit.hex)
        // Objects nothing names stay in memory and vanish with the repository object.
        let unused = try repository.commitFiles(["a.txt": "never landed\n"], parents: [next])
        #expect(try repository.commit(unused).parents == [next])
        #expect(try objects(path).packs.count == 4)
        #expect(try git(["fsck", "--strict"], in: path).isEmpty)
        let counted = try git(["count-objects", "-v"], in: path)
        #expect(counted.contains("count: 0") && counted.contains("garbage: 0"))
    }
}
