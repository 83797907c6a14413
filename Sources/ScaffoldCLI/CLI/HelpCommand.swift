/// `scaffold help [COMMAND]`: the same text as `scaffold --help` and `scaffold COMMAND --help`.
struct HelpCommand: Command {
    static let commandName = PositionalSpec(name: "COMMAND", help: "The command to describe", isOptional: true,
                                            completion: .command)
    static let spec = CommandSpec(
        name: "help",
        abstract: "Show help for scaffold or one of its commands",
        positionals: [commandName],
        options: [CommonOptions.noColor, CommonOptions.help])

    var name: String?

    init(_ arguments: inout ArgumentReader) {
        name = arguments.positional(Self.commandName)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let style = context.console.outputStyle
        guard let name else {
            context.console.print(HelpFormatter.rootHelp(context.table, style: style), terminator: "")
            return .success
        }
        guard let command = context.table.command(named: name) else {
            throw CLI.unknownCommand(name, in: context.table)
        }
        context.console.print(HelpFormatter.commandHelp(command, style: style), terminator: "")
        return .success
    }
}
