/// A parsed command line handed to a handler: typed access to flags, option values and
/// positionals by the names the table declares, plus the console and environment to use.
struct Invocation: Sendable {
    let command: CommandSpec
    let table: CommandTable
    let console: Console
    /// The process environment (injected so tests control `SCAFFOLD_CATALOG` and friends).
    let environment: [String: String]
    let parsed: ParsedArguments

    /// `scaffold NAME`, for messages.
    var commandPath: String { "\(CommandTable.programName) \(command.name)" }

    /// Whether a flag was given, e.g. `flag("--json")`.
    func flag(_ name: String) -> Bool {
        assert(command.option(named: name)?.isFlag == true, "\(name) is not a flag of \(commandPath)")
        return parsed.flags.contains(name)
    }

    /// The value of a single-valued option, e.g. `value("--to")`; nil when not given.
    func value(_ name: String) -> String? {
        assert(command.option(named: name)?.isFlag == false, "\(name) takes no value in \(commandPath)")
        return parsed.optionValues[name]?.last
    }

    /// Every value of a repeatable option, in the order given, e.g. `values("--set")`.
    func values(_ name: String) -> [String] {
        assert(command.option(named: name)?.isFlag == false, "\(name) takes no value in \(commandPath)")
        return parsed.optionValues[name] ?? []
    }

    /// An option's value as a positive integer (`--jobs 4`); nil when not given.
    func positiveInteger(_ name: String) throws(CLIError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), number > 0 else {
            throw CLIError.usage("invalid value '\(text)' for '\(name)': expected a positive integer",
                                 command: commandPath)
        }
        return number
    }

    /// A single positional by its placeholder, e.g. `positional("NAME")`; nil when optional and absent.
    func positional(_ name: String) -> String? {
        assert(command.positionals.contains { $0.name == name }, "\(name) is not a positional of \(commandPath)")
        return parsed.positionalValues[name]?.first
    }

    /// Every argument a variadic positional took, e.g. `positionals("ROOT")`.
    func positionals(_ name: String) -> [String] {
        assert(command.positionals.contains { $0.name == name }, "\(name) is not a positional of \(commandPath)")
        return parsed.positionalValues[name] ?? []
    }

    /// All positional arguments in the order given.
    var arguments: [String] { parsed.arguments }

    /// A usage error for this command, for checks the table cannot express
    /// (e.g. "--skip-existing and --replace-existing exclude each other").
    func usageError(_ message: String) -> CLIError {
        CLIError.usage(message, command: commandPath)
    }
}
