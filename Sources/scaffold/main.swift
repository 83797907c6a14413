import Foundation
import Scaffold

/// A handler for a command whose use case is not wired in yet.
func notAvailableYet(_ name: String) -> CommandHandler {
    { _ throws(CLIError) -> ExitCode in
        throw CLIError("'\(CommandTable.programName) \(name)' is not available yet")
    }
}

let table = CommandTable(handlers: Handlers(
    new: NewCommand.run,
    list: ListCommand.run,
    preview: PreviewCommand.run,
    lint: LintCommand.run,
    test: TestCommand.run,
    render: RenderCommand.run,
    diff: DiffCommand.run,
    upgrade: UpgradeCommand.run,
    check: CheckCommand.run,
    status: StatusCommand.run))

let environment = ProcessInfo.processInfo.environment
let exitCode = CLI.run(Array(CommandLine.arguments.dropFirst()), table: table,
                       console: .standard(environment: environment), environment: environment)
exit(exitCode.rawValue)
