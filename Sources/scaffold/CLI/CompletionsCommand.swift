/// `scaffold completions SHELL`: prints the completion script for that shell.
enum CompletionsCommand {
    static func run(_ invocation: Invocation) throws(CLIError) -> ExitCode {
        // The parser has already checked SHELL against the choices.
        guard let name = invocation.positional("SHELL"), let shell = CompletionShell(rawValue: name) else {
            throw invocation.usageError("missing argument SHELL")
        }
        invocation.console.print(shell.script(for: invocation.table), terminator: "")
        return .success
    }
}
