/// A subcommand as a type, in the shape of swift-argument-parser's `ParsableCommand`: its table
/// entry, its options as typed properties read from the parsed line, every cross-flag rule in
/// `validate()`, and what it runs.
///
/// Properties are read through the same `OptionSpec` and `PositionalSpec` values the entry lists,
/// never by a string, so a misspelt option cannot compile; `CommandTableTests` checks that every
/// listed option is read and nothing unlisted is.
protocol Command: Sendable {
    static var spec: CommandSpec { get }
    init(_ arguments: inout ArgumentReader) throws(CLIError)
    /// Cross-flag rules, checked before `run`; a usage error names the flags.
    func validate() throws(CLIError)
    func run(_ context: CommandContext) throws(CLIError) -> ExitCode
}

extension Command {
    func validate() throws(CLIError) {}

    /// Parses `parsed`, validates and runs.
    static func main(_ parsed: ParsedArguments, context: CommandContext) throws(CLIError) -> ExitCode {
        var reader = ArgumentReader(parsed, command: spec)
        let command = try Self(&reader)
        try command.validate()
        return try command.run(context)
    }

    /// `scaffold NAME`, for messages.
    static var path: String { "\(CommandTable.programName) \(spec.name)" }

    /// A usage error of this command, for rules the table cannot express.
    static func usageError(_ message: String) -> CLIError {
        CLIError.usage(message, command: path)
    }
}

/// Typed access to what the parser found, by the specs the command's entry lists.
struct ArgumentReader {
    let parsed: ParsedArguments
    let command: CommandSpec
    /// The option and positional names read so far (checked by `CommandTableTests`).
    private(set) var read: Set<String> = []

    init(_ parsed: ParsedArguments, command: CommandSpec) {
        self.parsed = parsed
        self.command = command
    }

    mutating func flag(_ option: OptionSpec) -> Bool {
        read.insert(option.name)
        return parsed.flags.contains(option.name)
    }

    /// The value of a single-valued option; nil when not given.
    mutating func value(_ option: OptionSpec) -> String? {
        read.insert(option.name)
        return parsed.optionValues[option.name]?.last
    }

    /// Every value of a repeatable option, in the order given.
    mutating func values(_ option: OptionSpec) -> [String] {
        read.insert(option.name)
        return parsed.optionValues[option.name] ?? []
    }

    /// An option's value as a positive integer (`--jobs 4`); nil when not given.
    mutating func positiveInteger(_ option: OptionSpec) throws(CLIError) -> Int? {
        guard let text = value(option) else { return nil }
        guard let number = Int(text), number > 0 else {
            throw CLIError.usage("invalid value '\(text)' for '\(option.name)': expected a positive integer",
                                 command: "\(CommandTable.programName) \(command.name)")
        }
        return number
    }

    /// A single positional; nil when optional and absent.
    mutating func positional(_ positional: PositionalSpec) -> String? {
        read.insert(positional.name)
        return parsed.positionalValues[positional.name]?.first
    }

    /// A required positional (the parser has already refused a line without it).
    mutating func required(_ positional: PositionalSpec) -> String {
        self.positional(positional) ?? ""
    }

    /// Every argument a variadic positional took.
    mutating func positionals(_ positional: PositionalSpec) -> [String] {
        read.insert(positional.name)
        return parsed.positionalValues[positional.name] ?? []
    }
}

/// What a running command has besides its options: where to print, the environment, the table.
struct CommandContext: Sendable {
    let console: Console
    /// The process environment (injected so tests control `SCAFFOLD_CATALOG` and friends).
    let environment: [String: String]
    let table: CommandTable
}
