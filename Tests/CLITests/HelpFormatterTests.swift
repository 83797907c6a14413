import Testing
@testable import ScaffoldCLI

@Suite struct HelpFormatterTests {
    let table = testTable()

    @Test func rootHelpListsEveryCommandWithItsAbstract() {
        let help = HelpFormatter.rootHelp(table, style: .plain)
        for command in table.commands {
            #expect(help.contains("  \(command.name)"), "missing \(command.name)")
            #expect(help.contains(command.abstract))
        }
        #expect(help.contains("--version"))
    }

    @Test(arguments: testTable().commands.map(\.name))
    func commandHelpShowsUsageArgumentsAndEveryOption(_ name: String) throws {
        let command = try #require(table.command(named: name))
        let help = HelpFormatter.commandHelp(command, style: .plain)
        #expect(help.hasPrefix("scaffold \(name): \(command.abstract)\n"))
        for usage in command.usageLines {
            #expect(help.contains("\n  scaffold \(usage)\n"))
        }
        for positional in command.positionals {
            #expect(help.contains("  \(positional.name)"))
        }
        for option in command.options {
            #expect(help.contains("  \(option.label)"), "missing \(option.label)")
        }
    }

    @Test func optionHelpTextsStartInOneColumn() throws {
        let command = try #require(table.command(named: "upgrade"))
        let help = HelpFormatter.commandHelp(command, style: .plain)
        let lines = help.split(separator: "\n")
        var columns = Set<Int>()
        for option in command.options {
            let line = try #require(lines.first { $0.hasPrefix("  \(option.label)  ") })
            let afterLabel = line.dropFirst(2 + option.label.count)
            columns.insert(2 + option.label.count + afterLabel.prefix { $0 == " " }.count)
        }
        #expect(columns.count == 1)
    }

    @Test func generatedUsageNamesThePositionals() throws {
        let new = try #require(table.command(named: "new"))
        #expect(new.usageLines == ["new GOLDEN_PATH [NAME] [options]"])
        let diff = try #require(table.command(named: "diff"))
        #expect(diff.usageLines == ["diff [DIR] [options]"])
    }

    @Test func listsFixedChoices() throws {
        let command = try #require(table.command(named: "completions"))
        #expect(HelpFormatter.commandHelp(command, style: .plain).contains("(bash|zsh|fish)"))
    }

    @Test func plainHelpHasNoEscapesAndColoredHelpHas() throws {
        let command = try #require(table.command(named: "new"))
        #expect(!HelpFormatter.commandHelp(command, style: .plain).contains("\u{1B}"))
        #expect(HelpFormatter.commandHelp(command, style: .colored).contains("\u{1B}[1m"))
    }
}
