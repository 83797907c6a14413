import Foundation
import GitKit
import TestSupport
import Testing

/// Clone, fetch and push over git's smart HTTP (Debian's `git http-backend` behind the local code
/// host), with a token as the HTTPS password, checked against the git CLI.
@Suite struct TransferTests {
    /// A code host serving `acme/app` with one commit on main, and a scratch folder.
    func withHost(_ body: (CodeHostServer, String) throws -> Void) throws {
        let folder = try Fixture.temporaryDirectory()
        defer { Fixture.remove(folder) }
        try FileManager.default.createDirectory(atPath: folder + "/host", withIntermediateDirectories: true)
        let server = try CodeHostServer(root: folder + "/host", kind: .github)
        defer { server.stop() }
        let source = folder + "/source"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: source)
        try "hello\n".write(toFile: source + "/README.md", atomically: true, encoding: .utf8)
        try git(["add", "."], in: source)
        try git(["commit", "-qm", "first"], in: source)
        try server.publish(source, as: "acme/app")
        try body(server, folder)
    }

    func credentials(_ server: CodeHostServer, token: String? = nil) -> RemoteCredentials {
        RemoteCredentials(username: "x-access-token", password: token ?? server.token)
    }

    @Test func cloneFetchAndPushWithATokenThatIsWrittenNowhere() throws {
        try withHost { server, folder in
            let clone = folder + "/clone"
            let (repository, cloned) = try Repository.clone(server.url("acme/app"), into: clone, credentials: credentials(server))
            #expect(cloned.defaultBranch == "main" && cloned.branches.keys.sorted() == ["refs/heads/main"])
            #expect(try String(contentsOfFile: clone + "/README.md", encoding: .utf8) == "hello\n")
            #expect(try git(["status", "--porcelain"], in: clone).isEmpty)
            #expect(try repository.remoteURL(named: "origin") == server.url("acme/app"))

            // Someone pushes to the host; a fetch brings it and reports the remote's branches.
            let other = folder + "/other"
            try git(["clone", "-q", server.root + "/acme/app.git", other], in: folder)
            try "more\n".write(toFile: other + "/MORE.md", atomically: true, encoding: .utf8)
            try git(["add", "."], in: other)
            try git(["commit", "-qm", "second"], in: other)
            try git(["push", "-q", "origin", "main", "main:topic"], in: other)
            let state = try repository.fetch(remote: "origin", credentials: credentials(server))
            let tip = try git(["rev-parse", "main"], in: other).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(state.defaultBranch == "main")
            #expect(state.branches["refs/heads/main"]?.hex == tip)
            #expect(state.branches["refs/heads/topic"]?.hex == tip)
            #expect(try repository.reference(named: "refs/remotes/origin/main")?.hex == tip)

            // Pruned: a branch gone from the host is gone from refs/remotes.
            try git(["push", "-q", "origin", ":topic"], in: other)
            _ = try repository.fetch(remote: "origin", credentials: credentials(server))
            #expect(try repository.reference(named: "refs/remotes/origin/topic") == nil)

            try git(["checkout", "-q", "-b", "scaffold/x", "origin/main"], in: clone)
            try git(["commit", "-q", "--allow-empty", "-m", "x"], in: clone)
            // A push's body is not held back by Nagle's algorithm waiting on the host's delayed ACK.
            let connections = Git.connectionsWithoutNagle
            try repository.push(remote: "origin", refspecs: ["refs/heads/scaffold/x:refs/heads/scaffold/x"],
                                credentials: credentials(server))
            #expect(Git.connectionsWithoutNagle > connections)
            #expect(try git(["rev-parse", "scaffold/x"], in: server.root + "/acme/app.git")
                    == (try git(["rev-parse", "scaffold/x"], in: clone)))
            #expect(try git(["fsck", "--strict"], in: server.root + "/acme/app.git").isEmpty)

            let enumerator = FileManager.default.enumerator(atPath: clone + "/.git")
            while let path = enumerator?.nextObject() as? String {
                let data = FileManager.default.contents(atPath: clone + "/.git/" + path) ?? Data()
                #expect(data.range(of: Data(server.token.utf8)) == nil, "the token is in .git/\(path)")
            }
        }
    }

    @Test func aRefusedOrMissingTokenIsSaidInScaffoldsWordsAndLeavesNoClone() throws {
        try withHost { server, folder in
            let url = server.url("acme/app")
            let refused = #expect(throws: GitError.self) {
                try Repository.clone(url, into: folder + "/a", credentials: credentials(server, token: "wrong"))
            }
            #expect(refused?.code == .authentication)
            #expect(refused?.message == "\(url) refused the credentials (the token is wrong, expired or lacks access)")
            let missing = #expect(throws: GitError.self) { try Repository.clone(url, into: folder + "/b", credentials: nil) }
            #expect(missing?.message == "\(url) asks for credentials and none were given")
            let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(left == ["host", "source"])
        }
    }
}
