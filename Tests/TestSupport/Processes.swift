import Foundation

/// How a child process ended, with everything it wrote.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs `executable` to the end with standard input closed (so it can never wait for a person),
/// reading both pipes at once so a large output cannot fill one and block the child.
public func runProcess(_ executable: URL, _ arguments: [String], in directory: String? = nil,
                       environment: [String: String]? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { process.environment = environment }
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    DispatchQueue.global().async(group: group) { errData = errPipe.fileHandleForReading.readDataToEndOfFile() }
    let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                         standardError: String(decoding: errData, as: UTF8.self))
}

public struct GitCLIError: Error, CustomStringConvertible {
    public var description: String
}

/// Runs the git CLI, the independent oracle, in `directory` with an isolated configuration and a
/// fixed identity; returns stdout. Throws on failure unless `allowFailure`.
@discardableResult
public func git(_ arguments: [String], in directory: String, allowFailure: Bool = false) throws -> String {
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = Isolation.home
    environment["XDG_CONFIG_HOME"] = Isolation.home
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { environment[key] = "Oracle" }
    for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { environment[key] = "oracle@example.com" }
    environment["LC_ALL"] = "C"
    let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: directory,
                                environment: environment)
    if result.status != 0 && !allowFailure {
        throw GitCLIError(description: "git \(arguments.joined(separator: " ")) failed: " + result.standardError)
    }
    return result.standardOutput
}

/// The package's root folder.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

public struct MissingExecutable: Error, CustomStringConvertible {
    public var description: String
}

/// The `scaffold` executable SwiftPM built beside the test bundle, else in the package's .build/debug.
/// git's output without the trailing newline.
public func gitOutput(_ arguments: [String], in directory: String) throws -> String {
    try git(arguments, in: directory).trimmingCharacters(in: .newlines)
}

public func scaffoldExecutable() throws -> URL {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL {
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("scaffold"))
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("scaffold"))
    candidates.append(packageRoot.appendingPathComponent(".build/debug/scaffold"))
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw MissingExecutable(description: "no scaffold binary at \(candidates.map(\.path))")
    }
    return found
}
