import CodeHost
import Foundation

/// The local code host of Tests/CodeHost/codehost.py, started on 127.0.0.1 for one test: GitHub's
/// or GitLab's API and git over smart HTTP for the bare repositories under `root`. Stopped by
/// `stop()` (or when the test process dies: the server exits when its stdin closes).
public final class CodeHostServer: @unchecked Sendable {
    public let root: String
    public let kind: HostedRepository.Kind
    public let token: String
    public let port: Int
    private let process: Process
    private let input: Pipe

    public struct Options {
        public var pageSize = 0
        public var secondaryLimit = 0
        public var faultRate = 0.0
        public var seed = 0
        /// HTTPS with a self-signed certificate (`certificate`), for clients given it as GIT_SSL_CAINFO.
        public var tls = false
        public init(pageSize: Int = 0, secondaryLimit: Int = 0, faultRate: Double = 0, seed: Int = 0, tls: Bool = false) {
            self.pageSize = pageSize
            self.secondaryLimit = secondaryLimit
            self.faultRate = faultRate
            self.seed = seed
            self.tls = tls
        }
    }

    public let tls: Bool
    /// The certificate an HTTPS host serves (self-signed for 127.0.0.1).
    public static var certificate: String { packageRoot.appendingPathComponent("Tests/CodeHost/tls/cert.pem").path }

    public init(root: String, kind: HostedRepository.Kind, token: String = "test-token-5ecret", options: Options = Options()) throws {
        self.root = root
        self.kind = kind
        self.token = token
        tls = options.tls
        let script = packageRoot.appendingPathComponent("Tests/CodeHost/codehost.py").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--root", root, "--kind", kind.rawValue, "--token", token,
                             "--page-size", String(options.pageSize), "--secondary-limit", String(options.secondaryLimit),
                             "--fault-rate", String(options.faultRate), "--seed", String(options.seed)]
            + (options.tls ? ["--tls"] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = Isolation.home
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        process.environment = environment
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw GitCLIError(description: "the code host did not start")
        }
        self.port = port
    }

    /// Stops the server (again: nothing).
    public func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// HTTPS by name: libgit2's mbedTLS (2.28) matches a certificate's DNS names, never its IP addresses.
    public var base: String { tls ? "https://localhost:\(port)" : "http://127.0.0.1:\(port)" }
    public var apiURL: String { base + (kind == .github ? "/api/v3" : "/api/v4") }
    public var tokenVariable: String { kind == .github ? "GITHUB_TOKEN" : "GITLAB_TOKEN" }

    /// The clone URL of `owner/name`.
    public func url(_ path: String) -> String { "\(base)/\(path).git" }

    /// A new bare repository `owner/name` holding `source`'s main branch (pushed with the git CLI).
    public func publish(_ source: String, as path: String) throws {
        let bare = root + "/" + path + ".git"
        try FileManager.default.createDirectory(atPath: (bare as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try git(["init", "-q", "--bare", "-b", "main", bare], in: root)
        try git(["push", "-q", bare, "main"], in: source)
    }

    /// Sets what the host says of `owner/name` (`["topics": ["go"]]`, `["archived": true]`).
    public func describe(_ repo: String, _ fields: [String: Any]) throws {
        let body = try JSONSerialization.data(withJSONObject: ["repo": repo, "set": fields])
        _ = try control("POST", "/_codehost/repos", body: body)
    }

    public struct Call: Decodable, Equatable {
        public var method: String
        public var path: String
        public var status: Int
        /// POST, PATCH, PUT, DELETE, and git pushes: everything that changes the host.
        public var isWrite: Bool { method != "GET" }
    }

    /// Every API call and push since the last `resetLog()`.
    public func calls() throws -> [Call] {
        try JSONDecoder().decode([Call].self, from: try control("GET", "/_codehost/log"))
    }

    public func resetLog() throws { _ = try control("POST", "/_codehost/reset-log") }

    public struct Pull: Decodable {
        public var number: Int
        public var title: String
        public var body: String
        public var state: String
        public var draft: Bool
        public var merged: Bool
        public var labels: [String]
        public var head: Head
        public struct Head: Decodable { public var ref: String }
    }

    public struct Repository: Decodable {
        public var description: String?
        public var `private`: Bool?
        public var topics: [String]?
    }

    public struct State: Decodable {
        public var pulls: [String: [Pull]]
        public var repositories: [String: Repository]
        public var comments: [Comment]
        public var deleted_branches: [DeletedBranch]
        public struct Comment: Decodable { public var repo: String; public var number: Int; public var body: String }
        public struct DeletedBranch: Decodable { public var repo: String; public var branch: String }
    }

    public func state() throws -> State {
        try JSONDecoder().decode(State.self, from: try control("GET", "/_codehost/pulls"))
    }

    /// Changes a pull request as its team would on the host (`["state": "closed"]`, `["merged": true]`).
    public func edit(_ repo: String, number: Int, _ fields: [String: Any]) throws {
        let body = try JSONSerialization.data(withJSONObject: ["repo": repo, "number": number, "set": fields])
        _ = try control("POST", "/_codehost/pulls", body: body)
    }

    private func control(_ method: String, _ path: String, body: Data? = nil) throws -> Data {
        var transport = CurlTransport()
        if tls { transport.certificates = Self.certificate }
        let response = try transport.send(HTTPRequest(method: method, url: base + path, body: body))
        guard response.status == 200 else { throw GitCLIError(description: "code host control \(path): \(response.status)") }
        return response.body
    }
}
