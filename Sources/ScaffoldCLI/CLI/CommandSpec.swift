/// A subcommand as data: parsing, help and shell completions are all generated from it.
struct CommandSpec: Sendable {
    var name: String
    /// One line, shown in the command list.
    var abstract: String
    /// Paragraphs shown in the command's own help after the usage.
    var discussion: String = ""
    /// Usage lines after `scaffold NAME`, when the generated one does not say enough
    /// (e.g. upgrade's single-service and fleet forms).
    var usages: [String] = []
    var positionals: [PositionalSpec] = []
    var options: [OptionSpec] = []

    /// The usage lines without the program name.
    var usageLines: [String] {
        if !usages.isEmpty { return usages.map { "\(name) \($0)" } }
        let parts = [name] + positionals.map(\.usage) + (options.isEmpty ? [] : ["[options]"])
        return [parts.joined(separator: " ")]
    }

    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    func option(short: Character) -> OptionSpec? {
        options.first { $0.short == short }
    }
}
