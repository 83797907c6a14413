/// Builds help text from the table, so help can never disagree with what the parser accepts.
enum HelpFormatter {
    /// `scaffold --help`: usage, the command list, the top-level options.
    static func rootHelp(_ table: CommandTable, style: Style) -> String {
        let program = CommandTable.programName
        var lines = ["\(style.bold(program)) \(ScaffoldVersion.current): \(CommandTable.abstract)", ""]
        lines.append(style.bold("USAGE:"))
        lines.append("  \(program) <command> [options]")
        lines.append("")
        lines.append(style.bold("COMMANDS:"))
        lines += columns(table.commands.map { ($0.name, $0.abstract) })
        lines.append("")
        lines.append(style.bold("OPTIONS:"))
        lines += columns(table.rootOptions.map { ($0.label, $0.help) })
        lines.append("")
        lines.append("Run '\(program) help <command>' or '\(program) <command> --help' for a command's options.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `scaffold CMD --help`: usage lines, abstract, discussion, arguments, options by section.
    static func commandHelp(_ command: CommandSpec, style: Style) -> String {
        let program = CommandTable.programName
        var lines = ["\(style.bold("\(program) \(command.name)")): \(command.abstract)", ""]
        lines.append(style.bold("USAGE:"))
        lines += command.usageLines.map { "  \(program) \($0)" }
        if !command.discussion.isEmpty {
            lines.append("")
            lines += command.discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        if !command.positionals.isEmpty {
            lines.append("")
            lines.append(style.bold("ARGUMENTS:"))
            lines += columns(command.positionals.map { ($0.name, describe($0.help, choices: $0.choices)) })
        }
        var sections: [String?] = []
        for option in command.options where !sections.contains(option.section) {
            sections.append(option.section)
        }
        // Every row of every section shares one column width, so the sections line up.
        let width = columnWidth(command.options.map(\.label))
        for section in sections {
            lines.append("")
            lines.append(style.bold("\(section ?? "OPTIONS"):"))
            let rows = command.options.filter { $0.section == section }
            lines += columns(rows.map { ($0.label, describe($0.help, choices: $0.choices)) }, width: width)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ help: String, choices: [String]) -> String {
        choices.isEmpty ? help : "\(help) (\(choices.joined(separator: "|")))"
    }

    /// Labels longer than this get their help on the next line instead of a very wide column.
    private static let maximumLabelWidth = 28

    private static func columnWidth(_ labels: [String]) -> Int {
        min(labels.map(\.count).max() ?? 0, maximumLabelWidth) + 2
    }

    /// Two aligned columns, indented by two spaces.
    private static func columns(_ rows: [(String, String)], width: Int? = nil) -> [String] {
        let width = width ?? columnWidth(rows.map(\.0))
        var lines: [String] = []
        for (label, help) in rows {
            if label.count + 2 > width {
                lines.append("  \(label)")
                lines.append("  " + String(repeating: " ", count: width) + help)
            } else {
                lines.append("  " + label + String(repeating: " ", count: width - label.count) + help)
            }
        }
        return lines
    }
}
