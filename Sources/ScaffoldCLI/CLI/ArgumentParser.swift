/// Parses a subcommand's arguments against its `CommandSpec`. Accepts `--opt value`,
/// `--opt=value`, `-o value`, `--` to end options and `-` as a positional (standard input).
struct ArgumentParser {
    let command: CommandSpec
    /// `scaffold NAME`, for messages.
    let commandPath: String

    func parse(_ arguments: [String]) throws(CLIError) -> ParsedArguments {
        var parsed = ParsedArguments()
        // Help wins over every other mistake on the line: a user asking for help is about to fix it.
        if arguments.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
            parsed.wantsHelp = true
            return parsed
        }
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.arguments.append(argument)
            } else if argument == "--" {
                optionsEnded = true
            } else {
                let (option, inlineValue) = try lookUp(argument)
                if option.isFlag {
                    if inlineValue != nil {
                        throw usage("option '\(option.name)' takes no value")
                    }
                    parsed.flags.insert(option.name)
                    continue
                }
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if index < arguments.count, !looksLikeOption(arguments[index]) {
                    value = arguments[index]
                    index += 1
                } else {
                    throw usage("option '\(option.name)' needs a value (\(option.valueName ?? "VALUE"))")
                }
                try check(value, choices: option.choices, for: "'\(option.name)'")
                if !option.isRepeatable, parsed.optionValues[option.name] != nil {
                    throw usage("option '\(option.name)' given more than once")
                }
                parsed.optionValues[option.name, default: []].append(value)
            }
        }
        try assignPositionals(&parsed)
        return parsed
    }

    /// The option an argument names, and the value after `=` if any.
    private func lookUp(_ argument: String) throws(CLIError) -> (OptionSpec, String?) {
        let name: String
        let inlineValue: String?
        if let equals = argument.firstIndex(of: "=") {
            name = String(argument[..<equals])
            inlineValue = String(argument[argument.index(after: equals)...])
        } else {
            name = argument
            inlineValue = nil
        }
        let found: OptionSpec?
        if name.hasPrefix("--") {
            found = command.option(named: name)
        } else if name.count == 2, let letter = name.last {
            found = command.option(short: letter)
        } else {
            found = nil
        }
        guard let found else {
            let candidates = command.options.map(\.name)
            throw CLIError.usage("unknown option '\(name)' for '\(commandPath)'",
                                 suggestion: Suggestion.closest(to: name, among: candidates),
                                 command: commandPath)
        }
        return (found, inlineValue)
    }

    /// A following argument that starts with a dash is taken as a forgotten value, not as the
    /// value itself; `--opt=-x` passes such a value explicitly.
    private func looksLikeOption(_ argument: String) -> Bool {
        argument.count > 1 && argument.hasPrefix("-")
    }

    private func assignPositionals(_ parsed: inout ParsedArguments) throws(CLIError) {
        var remaining = parsed.arguments[...]
        for positional in command.positionals {
            if positional.isVariadic {
                if remaining.isEmpty, !positional.isOptional {
                    throw usage("missing argument \(positional.name)")
                }
                for value in remaining {
                    try check(value, choices: positional.choices, for: positional.name)
                }
                parsed.positionalValues[positional.name] = Array(remaining)
                remaining = []
            } else if let value = remaining.first {
                try check(value, choices: positional.choices, for: positional.name)
                parsed.positionalValues[positional.name] = [value]
                remaining = remaining.dropFirst()
            } else if !positional.isOptional {
                throw usage("missing argument \(positional.name)")
            }
        }
        if let extra = remaining.first {
            throw usage("unexpected argument '\(extra)'")
        }
    }

    private func check(_ value: String, choices: [String], for name: String) throws(CLIError) {
        guard !choices.isEmpty, !choices.contains(value) else { return }
        throw CLIError.usage(
            "invalid value '\(value)' for \(name): expected one of \(choices.joined(separator: ", "))",
            suggestion: Suggestion.closest(to: value, among: choices), command: commandPath)
    }

    private func usage(_ message: String) -> CLIError {
        CLIError.usage("\(message) for '\(commandPath)'", command: commandPath)
    }
}
