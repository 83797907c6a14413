import Foundation
import TestSupport

/// The built `scaffold` binary as a subprocess, with the fleet tests' isolated environment.
enum ScaffoldProcess {
    static var binary: String { (try? scaffoldExecutable().path) ?? packageRoot.appendingPathComponent(".build/debug/scaffold").path }

    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = Isolation.home
        environment["XDG_CONFIG_HOME"] = Isolation.home
        environment["SCAFFOLD_CATALOG"] = FleetFixture.catalogRoot
        for key in ["GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"] { environment[key] = "Fleet Test" }
        for key in ["GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"] { environment[key] = "fleet@example.com" }
        return environment
    }

    /// Starts `scaffold` with its output discarded; the caller waits or kills.
    static func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `scaffold` to the end.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ProcessResult {
        try runProcess(URL(fileURLWithPath: binary), arguments, environment: environment.merging(extra) { $1 })
    }
}
