import Scaffold

/// The entry point: dispatches `scaffold [root options] COMMAND [arguments]` through the table,
/// prints errors in the documented format and returns the exit code.
enum CLI {
    static func run(
        _ arguments: [String], table: CommandTable, console: Console, environment: [String: String]
    ) -> ExitCode {
        var console = console
        do {
            return try dispatch(arguments, table: table, console: &console, environment: environment)
        } catch {
            Diagnostics.report(error, on: console)
            return error.exitCode
        }
    }

    private static func dispatch(
        _ arguments: [String], table: CommandTable, console: inout Console, environment: [String: String]
    ) throws(CLIError) -> ExitCode {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            switch arguments[index] {
            case "--help", "-h":
                console.print(HelpFormatter.rootHelp(table, style: console.outputStyle), terminator: "")
                return .success
            case "--version":
                console.print("\(CommandTable.programName) \(ScaffoldVersion.current)")
                return .success
            case "--no-color":
                console = console.withoutColor()
            default:
                let option = arguments[index]
                throw CLIError.usage("unknown option '\(option)' for '\(CommandTable.programName)'",
                                     suggestion: Suggestion.closest(to: option, among: table.rootOptions.map(\.name)),
                                     command: CommandTable.programName)
            }
            index += 1
        }
        guard index < arguments.count else {
            // A bare `scaffold` is a usage mistake, but the most useful answer to it is the overview.
            console.printError(HelpFormatter.rootHelp(table, style: console.errorStyle), terminator: "")
            return .usage
        }
        let name = arguments[index]
        guard let entry = table.entry(named: name) else {
            throw unknownCommand(name, in: table)
        }
        let command = entry.spec
        let commandPath = "\(CommandTable.programName) \(command.name)"
        let parsed = try ArgumentParser(command: command, commandPath: commandPath)
            .parse(Array(arguments[(index + 1)...]))
        if parsed.wantsHelp {
            console.print(HelpFormatter.commandHelp(command, style: console.outputStyle), terminator: "")
            return .success
        }
        if parsed.flags.contains(CommonOptions.noColor.name) {
            console = console.withoutColor()
        }
        return try entry.main(parsed, CommandContext(console: console, environment: environment, table: table))
    }

    static func unknownCommand(_ name: String, in table: CommandTable) -> CLIError {
        CLIError.usage("unknown command '\(name)'",
                       suggestion: Suggestion.closest(to: name, among: table.commands.map(\.name)),
                       command: CommandTable.programName)
    }
}

/// The executable's entry point: runs `scaffold` with the process's streams; returns the exit status.
public enum Program {
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        InterruptCleanup.install()
        let code = CLI.run(arguments, table: .standard, console: .standard(environment: environment), environment: environment)
        InterruptCleanup.beforeExit()
        return code.rawValue
    }
}
