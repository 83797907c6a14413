/// One positional argument of a command, in order. Optional ones come after required ones, and
/// only the last may be variadic; `CommandTableTests` checks the table keeps to that.
struct PositionalSpec: Equatable, Sendable {
    /// The placeholder shown in usage and help, e.g. `GOLDEN_PATH`; also the key handlers use.
    var name: String
    var help: String
    var isOptional: Bool = false
    /// Takes every remaining argument (`ROOT...`).
    var isVariadic: Bool = false
    var choices: [String] = []
    var completion: CompletionKind = .none

    /// How the argument appears in a usage line: `NAME`, `[DIR]`, `ROOT...`, `[ROOT...]`.
    var usage: String {
        let text = isVariadic ? "\(name)..." : name
        return isOptional ? "[\(text)]" : text
    }
}
