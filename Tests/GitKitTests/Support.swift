import Foundation
import GitKit
import Testing

/// Shared fixtures: temporary folders, a fixed identity, and the `git` CLI as an independent oracle.
enum Fixture {
    /// An empty folder used as HOME and as libgit2's config search path, so neither libgit2 nor the
    /// git CLI reads the developer's ~/.gitconfig. Set once per process (a process-wide option).
    static let isolatedHome: String = {
        let path = NSTemporaryDirectory() + "gitkit-home-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try? Git.setConfigSearchPath(path)
        return path
    }()

    static let signature = Signature(name: "Test Author", email: "test@example.com",
                                     time: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 60)

    /// A fresh empty folder, removed by the caller's `defer`.
    static func temporaryDirectory() throws -> String {
        _ = isolatedHome
        let path = NSTemporaryDirectory() + "gitkit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

struct GitCLIError: Error, CustomStringConvertible {
    var description: String
}

/// Runs the git CLI in `directory` with an isolated configuration; returns stdout. Throws on failure
/// unless `allowFailure`.
@discardableResult
func git(_ arguments: [String], in directory: String, allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = Fixture.isolatedHome
    environment["XDG_CONFIG_HOME"] = Fixture.isolatedHome
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_AUTHOR_NAME"] = "Oracle"
    environment["GIT_AUTHOR_EMAIL"] = "oracle@example.com"
    environment["GIT_COMMITTER_NAME"] = "Oracle"
    environment["GIT_COMMITTER_EMAIL"] = "oracle@example.com"
    environment["LC_ALL"] = "C"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 && !allowFailure {
        throw GitCLIError(description: "git \(arguments.joined(separator: " ")) failed: "
                          + String(decoding: errorData, as: UTF8.self))
    }
    return text
}

extension Repository {
    /// Writes `files` (path: content) as blobs and a tree; modes default to `.file`.
    func tree(_ files: [String: String], modes: [String: FileMode] = [:]) throws -> OID {
        var entries: [TreeEntry] = []
        for (path, content) in files {
            entries.append(TreeEntry(path: path, oid: try writeBlob(Array(content.utf8)), mode: modes[path] ?? .file))
        }
        return try writeTree(entries)
    }

    /// Commits `files` on top of `parents`, optionally moving `ref`.
    func commitFiles(_ files: [String: String], parents: [OID] = [], message: String = "commit\n",
                     modes: [String: FileMode] = [:], updating ref: String? = nil) throws -> OID {
        try createCommit(tree: try tree(files, modes: modes), parents: parents, author: Fixture.signature,
                         committer: Fixture.signature, message: message, updating: ref)
    }

    func text(_ oid: OID) throws -> String {
        String(decoding: try blob(oid), as: UTF8.self)
    }
}

func readFile(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}
