/// Every subcommand of `scaffold`. Parsing, help and shell completions are generated from the
/// entries; each command's entry and options live in its own file under Commands/.
struct CommandTable: Sendable {
    static let programName = "scaffold"
    static let abstract = "new services from versioned golden-path templates, upgraded by three-way merge"

    /// An entry and the command that runs it.
    struct Entry: Sendable {
        let spec: CommandSpec
        let main: @Sendable (ParsedArguments, CommandContext) throws(CLIError) -> ExitCode

        init<C: Command>(_ command: C.Type) {
            spec = C.spec
            main = { parsed, context throws(CLIError) in try C.main(parsed, context: context) }
        }

        /// An entry run by something else than its command (tests of dispatch).
        init(spec: CommandSpec, main: @escaping @Sendable (ParsedArguments, CommandContext) throws(CLIError) -> ExitCode) {
            self.spec = spec
            self.main = main
        }
    }

    let entries: [Entry]
    var commands: [CommandSpec] { entries.map(\.spec) }

    /// Options accepted before the subcommand.
    let rootOptions: [OptionSpec] = [
        .flag("--help", short: "h", "Show this help"),
        .flag("--version", "Print the version of scaffold"),
        CommonOptions.noColor,
    ]

    init(_ commands: [any Command.Type]) {
        entries = commands.map { Entry($0) }
    }

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// The commands of `scaffold`, in the order help lists them.
    static let commandTypes: [any Command.Type] = [
        NewCommand.self, ListCommand.self, ParamsCommand.self, PreviewCommand.self, LintCommand.self, TestCommand.self, ReleaseCommand.self,
        RenderCommand.self, DiffCommand.self, UpgradeCommand.self, AdoptCommand.self, CheckCommand.self, StatusCommand.self,
        CompletionsCommand.self, HelpCommand.self,
    ]

    static let standard = CommandTable(commandTypes)

    func command(named name: String) -> CommandSpec? {
        entry(named: name)?.spec
    }

    func entry(named name: String) -> Entry? {
        entries.first { $0.spec.name == name }
    }
}
