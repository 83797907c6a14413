import Foundation
import GitKit

/// Test isolation: an empty HOME and libgit2 config search path, so neither libgit2 nor the git CLI
/// reads the developer's configuration; identities come from the environment instead.
enum Isolation {
    static let home: String = {
        let path = NSTemporaryDirectory() + "scaffold-tests-home-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try? Git.setConfigSearchPath(path)
        return path
    }()

    /// What the use cases see as the process environment: an author, no catalog variable.
    static let environment = ["GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com"]

    static func temporaryDirectory(_ label: String) throws -> String {
        _ = home
        let path = NSTemporaryDirectory() + "scaffold-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

struct GitCLIError: Error, CustomStringConvertible {
    var description: String
}

/// Runs the git CLI (the oracle) in `directory` with an isolated configuration; returns stdout.
@discardableResult
func git(_ arguments: [String], in directory: String, allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = Isolation.home
    environment["XDG_CONFIG_HOME"] = Isolation.home
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { environment[key] = "Oracle" }
    for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { environment[key] = "oracle@example.com" }
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
    if process.terminationStatus != 0 && !allowFailure {
        throw GitCLIError(description: "git \(arguments.joined(separator: " ")) failed: "
                          + String(decoding: errorData, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}
