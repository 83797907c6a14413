import Foundation
import TestSupport
@testable import ScaffoldCLI

/// Collects what a command writes, so tests can look at stdout and stderr separately.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    var standardOutput: String { lock.withLock { out } }
    var standardError: String { lock.withLock { err } }

    func console(style: Style = .plain) -> Console {
        Console(
            writeOutput: { text in self.lock.withLock { self.out += text } },
            writeError: { text in self.lock.withLock { self.err += text } },
            outputStyle: style, errorStyle: style, isInteractive: false)
    }
}

/// The result of running the CLI in process.
struct CLIResult {
    var exitCode: ExitCode
    var standardOutput: String
    var standardError: String
}

/// What a test handler gets: the parsed line and the context the command would run with.
typealias TestHandler = @Sendable (ParsedArguments, CommandContext) throws(CLIError) -> ExitCode

/// The real table with every use-case command run by `handler` instead (help and completions
/// stay real), for testing dispatch without the use cases.
func testTable(_ handler: @escaping TestHandler = { _, _ throws(CLIError) in .success }) -> CommandTable {
    let builtIn = [HelpCommand.spec.name, CompletionsCommand.spec.name]
    return CommandTable(entries: CommandTable.standard.entries.map { entry in
        builtIn.contains(entry.spec.name) ? entry : CommandTable.Entry(spec: entry.spec, main: handler)
    })
}

/// Parses and decodes one command's typed options, as the CLI does before `validate()`.
func decode<C: Command>(_ command: C.Type, _ arguments: [String]) throws(CLIError) -> C {
    var reader = ArgumentReader(try parse(command.spec.name, arguments), command: command.spec)
    return try C(&reader)
}

/// Runs the CLI in process with captured output.
func runCLI(_ arguments: [String], table: CommandTable = testTable(), style: Style = .plain,
            environment: [String: String] = [:]) -> CLIResult {
    let output = CapturedOutput()
    let code = CLI.run(arguments, table: table, console: output.console(style: style), environment: environment)
    return CLIResult(exitCode: code, standardOutput: output.standardOutput, standardError: output.standardError)
}

/// Parses a command line for one command of the table.
func parse(_ command: String, _ arguments: [String]) throws(CLIError) -> ParsedArguments {
    guard let spec = testTable().command(named: command) else {
        throw CLIError("no command \(command) in the table")
    }
    return try ArgumentParser(command: spec, commandPath: "scaffold \(command)").parse(arguments)
}

/// Expects `body` to throw a usage error and returns it (nil, recorded as a failure, otherwise).
func usageError(_ body: () throws(CLIError) -> Void) -> CLIError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// Where a shell is installed, or nil when it is not (its tests are then skipped).
func shellPath(_ name: String) -> URL? {
    for folder in ["/usr/bin", "/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-cli-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
