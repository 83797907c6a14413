/// `scaffold completions SHELL`: prints the completion script for that shell.
struct CompletionsCommand: Command {
    static let shellName = PositionalSpec(name: "SHELL", help: "The shell to complete in", choices: CompletionShell.allNames)
    static let spec = CommandSpec(
        name: "completions",
        abstract: "Print a shell completion script",
        discussion: """
            Load it for the current session with, for example:
              bash:  source <(scaffold completions bash)
              zsh:   source <(scaffold completions zsh)
              fish:  scaffold completions fish | source
            """,
        positionals: [shellName],
        options: [CommonOptions.noColor, CommonOptions.help])

    var shell: CompletionShell

    init(_ arguments: inout ArgumentReader) throws(CLIError) {
        // The parser has already checked SHELL against the choices.
        guard let shell = CompletionShell(rawValue: arguments.required(Self.shellName)) else {
            throw Self.usageError("missing argument SHELL")
        }
        self.shell = shell
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        context.console.print(shell.script(for: context.table), terminator: "")
        return .success
    }
}
