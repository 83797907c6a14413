import Foundation

/// The git CLI as an independent oracle, with no user or system configuration.
enum GitOracle {
    static func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        try process("/usr/bin/env", ["git"] + arguments, in: directory)
    }

    /// Output with the trailing newline removed; throws when git fails.
    static func output(_ arguments: [String], in directory: String) throws -> String {
        let result = try run(arguments, in: directory)
        guard result.status == 0 else { throw OracleError(description: "git \(arguments.joined(separator: " ")) failed: \(result.output)") }
        return result.output.trimmingCharacters(in: .newlines)
    }

    static func process(_ executable: String, _ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct OracleError: Error, CustomStringConvertible {
        let description: String
    }
}
