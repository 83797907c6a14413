import Foundation
@testable import GoldenPath
import TestSupport
import Testing

/// The names the renderer refuses as `.git` are the ones `git fsck` flags (hasDotgit), checked
/// against git itself.
@Suite struct DotGitNameTests {
    @Test func refusedNamesAreTheOnesGitFsckFlags() throws {
        let names = [".git", ".GIT", ".Git", ".git.", ".git ", ".git. .", "git~1", "GIT~1", "git~1.", ".git::$INDEX_ALLOCATION",
                     ".g\u{200C}it", ".\u{200D}git", ".git\u{FEFF}", ".gi\u{206A}t", ".gitx", "git~2", "git", ".gitignore", "x.git"]
        let folder = try Isolation.temporaryDirectory("dotgit")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in names {
            let repository = folder + "/\(UUID().uuidString)"
            try git(["init", "-q", repository], in: folder)
            let blob = try git(["hash-object", "-w", "--stdin"], in: repository).trimmingCharacters(in: .whitespacesAndNewlines)
            let inner = try shell("printf '100644 blob \(blob)\\tx\\n' | git mktree", in: repository)
            let listing = folder + "/listing"
            try "040000 tree \(inner)\t\(name)\n".write(toFile: listing, atomically: true, encoding: .utf8)
            _ = try shell("git mktree < '\(listing)'", in: repository)
            let flagged = try shell("git fsck --no-dangling 2>&1 || true", in: repository).contains("hasDotgit")
            #expect(PathCheck.namesDotGit(Substring(name)) == flagged, "\(name.debugDescription): git fsck flags it: \(flagged)")
        }
    }

    private func shell(_ command: String, in directory: String) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = Isolation.home
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        let result = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: directory, environment: environment)
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
