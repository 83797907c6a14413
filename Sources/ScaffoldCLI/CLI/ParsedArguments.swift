/// What the parser found on a command line, keyed by the table's names (long option names with
/// dashes, positional placeholders), so short aliases and `--opt=value` look the same.
struct ParsedArguments: Equatable, Sendable {
    var flags: Set<String> = []
    var optionValues: [String: [String]] = [:]
    /// Positional arguments in the order given.
    var arguments: [String] = []
    var positionalValues: [String: [String]] = [:]
    /// `--help` or `-h` was given: show the command's help instead of running it.
    var wantsHelp = false
}
