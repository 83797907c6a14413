import CGit2
import Foundation

/// Signs commits as git does (`commit.gpgsign`): the commit's text goes to `gpg` or
/// `ssh-keygen -Y sign`, and the signature becomes the commit's `gpgsig` header.
public struct CommitSigner: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case openpgp, ssh
    }

    public var format: Format
    /// `user.signingkey`: a key id for gpg; a key file or a literal key (`key::ssh-ed25519 …`) for ssh.
    public var key: String
    /// `gpg.program` / `gpg.ssh.program`.
    public var program: String

    public init(format: Format, key: String, program: String) {
        self.format = format
        self.key = key
        self.program = program
    }

    /// The signer git's configuration asks for; nil when commits are not signed (`commit.gpgsign`
    /// unset or false, and `sign` not forcing it). The programs are read from the user's own
    /// configuration only (global, XDG, system): a repository's `.git/config` is its owners', and
    /// naming the program to run would let it run anything.
    public static func configured(by config: ConfigSnapshot, sign: Bool?,
                                  committer: Signature) throws(GitError) -> CommitSigner? {
        let configured = try config.bool("commit.gpgsign") ?? false
        guard sign ?? configured else { return nil }
        let formatName = try config.string("gpg.format") ?? "openpgp"
        guard let format = Format(rawValue: formatName) else {
            throw .invalidInput("gpg.format '\(formatName)' is not supported (openpgp or ssh)", operation: "sign commits")
        }
        let configuredKey = try config.string("user.signingkey")
        switch format {
        case .openpgp:
            return CommitSigner(format: format, key: configuredKey ?? committer.description,
                                program: try Git.userConfigValue("gpg.program") ?? "gpg")
        case .ssh:
            guard let key = configuredKey, !key.isEmpty else {
                throw .invalidInput("gpg.format is ssh but user.signingkey is not set", operation: "sign commits")
            }
            return CommitSigner(format: format, key: key,
                                program: try Git.userConfigValue("gpg.ssh.program") ?? "ssh-keygen")
        }
    }

    /// The signature of `content`, as the signing program prints it.
    public func sign(_ content: String) throws(GitError) -> String {
        let operation = "sign the commit with \(program)"
        switch format {
        case .openpgp:
            let run = try Self.run(program, ["--status-fd=2", "-bsau", key], input: Data(content.utf8), operation)
            guard run.status == 0, run.error.contains("\n[GNUPG:] SIG_CREATED ") || run.error.hasPrefix("[GNUPG:] SIG_CREATED "),
                  run.output.contains("-----BEGIN PGP SIGNATURE-----") else {
                throw Self.failure(run, operation)
            }
            return run.output
        case .ssh:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-sign-\(UUID().uuidString)").path
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                          attributes: [.posixPermissions: 0o700]) } catch {
                throw GitError(code: .generic, errorClass: .os, message: "cannot create \(folder): \(error)", operation: operation)
            }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let buffer = folder + "/commit"
            var arguments = ["-Y", "sign", "-n", "git", "-f"]
            let literal = key.hasPrefix("key::") ? String(key.dropFirst(5)) : key.hasPrefix("ssh-") ? key : nil
            if let literal {
                let keyFile = folder + "/key.pub"
                guard FileManager.default.createFile(atPath: keyFile, contents: Data((literal + "\n").utf8)) else {
                    throw .invalidInput("cannot write the signing key to \(keyFile)", operation: operation)
                }
                arguments += [keyFile, "-U"]
            } else {
                arguments += [NSString(string: key).expandingTildeInPath]
            }
            guard FileManager.default.createFile(atPath: buffer, contents: Data(content.utf8)) else {
                throw .invalidInput("cannot write \(buffer)", operation: operation)
            }
            let run = try Self.run(program, arguments + [buffer], input: nil, operation)
            guard run.status == 0, let signature = try? String(contentsOfFile: buffer + ".sig", encoding: .utf8),
                  signature.contains("-----BEGIN SSH SIGNATURE-----") else {
                throw Self.failure(run, operation)
            }
            return signature
        }
    }

    private struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    private static func failure(_ run: Run, _ operation: String) -> GitError {
        let reason = run.error.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("[GNUPG:]") }.joined(separator: "; ")
        return GitError(code: .generic, errorClass: .none,
                        message: "signing failed (exit \(run.status))" + (reason.isEmpty ? "" : ": \(reason)"), operation: operation)
    }

    /// Runs `program` (looked up on PATH, as git does) with `input` on stdin.
    private static func run(_ program: String, _ arguments: [String], input: Data?, _ operation: String) throws(GitError) -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw GitError(code: .generic, errorClass: .os, message: "cannot run \(program): \(error)", operation: operation)
        }
        if let input {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        // Both pipes are read at once so a chatty program cannot block on a full one.
        let errors = ErrorBox()
        let reader = Thread { errors.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let error = errors.wait()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   error: String(decoding: error, as: UTF8.self))
    }

    private final class ErrorBox: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()
        func set(_ value: Data) { data = value; done.signal() }
        func wait() -> Data { done.wait(); return data }
    }
}

extension Repository {
    /// Writes a signed commit object (the `gpgsig` header carries `signer`'s signature of it).
    func createSignedCommit(tree: OpaquePointer, parents: [OpaquePointer?], author: UnsafePointer<git_signature>,
                            committer: UnsafePointer<git_signature>, message: String,
                            signer: CommitSigner) throws(GitError) -> OID {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        var parents = parents
        let created = parents.withUnsafeMutableBufferPointer { parents in
            git_commit_create_buffer(&buffer, pointer, author, committer, nil, message, tree, parents.count,
                                     parents.baseAddress)
        }
        try check(created, "create commit")
        let content = buffer.ptr.map { String(cString: $0) } ?? ""
        let signature = try signer.sign(content)
        var oid = git_oid()
        try check(git_commit_create_with_signature(&oid, pointer, content, signature, nil), "create signed commit")
        return OID(oid)
    }
}

extension Git {
    /// A value from the user's own configuration (global, XDG, system), never the repository's.
    static func userConfigValue(_ key: String) throws(GitError) -> String? {
        initialize()
        var config: OpaquePointer?
        try check(git_config_open_default(&config), "read configuration")
        defer { git_config_free(config) }
        var snapshot: OpaquePointer?
        try check(git_config_snapshot(&snapshot, config), "read configuration")
        defer { git_config_free(snapshot) }
        return try Repository.string(key, in: snapshot)
    }

}
