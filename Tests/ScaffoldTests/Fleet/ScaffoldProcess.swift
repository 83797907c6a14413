import Foundation

/// The built `scaffold` binary as a subprocess, with the fleet tests' isolated environment.
enum ScaffoldProcess {
    static let binary: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/debug/scaffold").path
    }()

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = FleetFixture.isolatedHome
        environment["XDG_CONFIG_HOME"] = FleetFixture.isolatedHome
        environment["SCAFFOLD_CATALOG"] = FleetFixture.catalogRoot
        for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { environment[key] = "Fleet Test" }
        for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { environment[key] = "fleet@example.com" }
        return environment
    }

    /// Starts `scaffold` with its output discarded; the caller waits or kills.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `scaffold` to the end: its exit status and standard output.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
