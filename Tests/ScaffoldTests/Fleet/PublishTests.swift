import CodeHost
import Foundation
import TestSupport
import Testing

/// `scaffold new GP NAME --publish URL` against the local code host: the repository created
/// through the API, pushed to over smart HTTP, refused when it already has history.
@Suite(.serialized) struct PublishTests {
    final class Host {
        let folder: String
        let server: CodeHostServer
        init(_ kind: HostedRepository.Kind) throws {
            folder = try FleetFixture.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: folder + "/host", withIntermediateDirectories: true)
            server = try CodeHostServer(root: folder + "/host", kind: kind)
        }
        deinit {
            server.stop()
            FleetFixture.remove(folder)
        }

        func new(_ name: String, at path: String, _ extra: [String] = [], token: String? = nil) throws -> ProcessResult {
            try ScaffoldProcess.run(["new", "go-microservice", name, "--no-input", "--output", folder + "/" + name,
                                     "--publish", server.base + "/" + path, "--api-url", server.apiURL] + extra,
                                    environment: [server.tokenVariable: token ?? server.token])
        }
    }

    @Test(arguments: [HostedRepository.Kind.github, .gitlab])
    func aNewServiceIsCreatedOnTheHostAndPushed(kind: HostedRepository.Kind) throws {
        let host = try Host(kind)
        let result = try host.new("payments", at: "acme/payments")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Published: \(host.server.base)/acme/payments"))
        let bare = host.server.root + "/acme/payments.git"
        let local = host.folder + "/payments"
        #expect(try git(["rev-parse", "main"], in: bare) == (try git(["rev-parse", "main"], in: local)))
        #expect(try git(["fsck", "--strict"], in: bare).isEmpty)
        #expect(try git(["remote", "get-url", "origin"], in: local).trimmingCharacters(in: .whitespacesAndNewlines)
                == host.server.url("acme/payments"))
        let created = try host.server.state().repositories["acme/payments"]
        #expect(created?.private == true)
        #expect(created?.description == "The payments service")
        #expect(created?.topics == ["go-microservice", "go", "http", "backend"])
        let config = try String(contentsOfFile: local + "/.git/config", encoding: .utf8)
        #expect(!config.contains(host.server.token) && !result.standardOutput.contains(host.server.token))

        // Again, to the repository that now has history: refused before anything is made.
        let again = try host.new("payments2", at: "acme/payments")
        #expect(again.status == 2)
        #expect(again.standardError.contains("the repository exists and is not empty"))
        #expect(!FileManager.default.fileExists(atPath: host.folder + "/payments2"))
    }

    @Test func anEmptyRepositoryIsPushedToAndPublicIsAsked() throws {
        let host = try Host(.github)
        try git(["init", "-q", "--bare", "-b", "main", host.server.root + "/acme/empty.git"], in: host.folder)
        let result = try host.new("empty", at: "acme/empty", ["--public"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try host.server.state().repositories["acme/empty"] == nil)  // not created again
        #expect(!(try git(["rev-parse", "main"], in: host.server.root + "/acme/empty.git")).isEmpty)
        let open = try host.new("opensource", at: "acme/opensource", ["--public"])
        #expect(open.status == 0)
        #expect(try host.server.state().repositories["acme/opensource"]?.private == false)
    }

    @Test func aRefusedTokenMakesNothing() throws {
        let host = try Host(.github)
        let result = try host.new("payments", at: "acme/payments", token: "wrong")
        #expect(result.status == 2)
        #expect(result.standardError.contains("refused the token in GITHUB_TOKEN"))
        #expect(!FileManager.default.fileExists(atPath: host.folder + "/payments"))
        #expect(!FileManager.default.fileExists(atPath: host.server.root + "/acme/payments.git"))
        let usage = try ScaffoldProcess.run(["new", "go-microservice", "x", "--publish", host.server.base + "/acme/x", "--remote", "y"])
        #expect(usage.status == 2)
        #expect(usage.standardError.contains("--publish creates the repository and pushes to it"))
    }
}
