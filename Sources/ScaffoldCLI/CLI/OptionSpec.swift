/// One `--long` option of a command: a flag when `valueName` is nil, else it takes a value.
struct OptionSpec: Equatable, Sendable {
    /// The long name with its dashes, e.g. `--dry-run`; the key handlers look values up by.
    var name: String
    /// A one-letter alias, e.g. `h` for `-h`.
    var short: Character? = nil
    /// The placeholder shown in help (`--to V`); nil makes this a flag.
    var valueName: String? = nil
    /// Whether the option may be given more than once (`--set` and `--values`).
    var isRepeatable: Bool = false
    var help: String
    /// The only values accepted, e.g. `bash`, `zsh`, `fish`; empty means any.
    var choices: [String] = []
    var completion: CompletionKind = .none
    /// The heading the option is listed under in help; nil is the command's main list.
    var section: String? = nil

    var isFlag: Bool { valueName == nil }

    /// Short and long name with the value placeholder, as shown in help: `-o, --output DIR`.
    var label: String {
        var text = short.map { "-\($0), " } ?? ""
        text += name
        if let valueName { text += " \(valueName)" }
        return text
    }

    /// A flag.
    static func flag(_ name: String, short: Character? = nil, section: String? = nil, _ help: String) -> OptionSpec {
        OptionSpec(name: name, short: short, help: help, section: section)
    }

    /// An option that takes a value.
    static func value(
        _ name: String, _ valueName: String, short: Character? = nil, repeatable: Bool = false,
        choices: [String] = [], completion: CompletionKind = .none, section: String? = nil, _ help: String
    ) -> OptionSpec {
        OptionSpec(name: name, short: short, valueName: valueName, isRepeatable: repeatable, help: help,
                   choices: choices, completion: completion, section: section)
    }
}
