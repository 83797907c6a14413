/// `scaffold help [COMMAND]`: the same text as `scaffold --help` and `scaffold COMMAND --help`.
enum HelpCommand {
    static func run(_ invocation: Invocation) throws(CLIError) -> ExitCode {
        let style = invocation.console.outputStyle
        guard let name = invocation.positional("COMMAND") else {
            invocation.console.print(HelpFormatter.rootHelp(invocation.table, style: style), terminator: "")
            return .success
        }
        guard let command = invocation.table.command(named: name) else {
            throw CLI.unknownCommand(name, in: invocation.table)
        }
        invocation.console.print(HelpFormatter.commandHelp(command, style: style), terminator: "")
        return .success
    }
}
