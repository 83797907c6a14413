import Testing
@testable import ScaffoldCLI

/// The table is the contract with users, help and completions: these check that it keeps the
/// flags the issues specify and the shape the parser relies on.
@Suite struct CommandTableTests {
    let table = testTable()

    /// Every flag each issue names for each command.
    static let specifiedOptions: [String: [String]] = [
        "new": ["--version", "--set", "--values", "--output", "--no-input", "--author", "--remote", "--push",
                "--no-git", "--into", "--in-place", "--standalone", "--sign", "--no-sign", "--json", "--catalog"],
        "list": ["--json", "--catalog"],
        "release": ["--major", "--minor", "--patch", "--version", "--catalog"],
        "params": ["--version", "--json-schema", "--catalog"],
        "preview": ["--version", "--set", "--values", "--output", "--show-files", "--compare-to", "--catalog"],
        "lint": ["--version", "--allow-edit", "--catalog"],
        "test": ["--update", "--catalog"],
        "render": ["--values", "--set"],
        "diff": ["--to", "--drift", "--stat", "--exit-code", "--catalog"],
        "upgrade": ["--to", "--set", "--values", "--values-dir", "--adopt", "--no-input", "--sign", "--no-sign", "--branch", "--in-place", "--push", "--dry-run", "--json", "--commit-conflicts",
                    "--all", "--repos", "--golden-path", "--jobs", "--shard", "--skip-existing",
                    "--replace-existing", "--report", "--pr-body-dir", "--catalog"],
        "adopt": ["--version", "--set", "--values", "--no-input", "--branch", "--in-place", "--sign", "--no-sign",
                  "--json", "--catalog"],
        "check": ["--catalog"],
        "status": ["--repos", "--json", "--html", "--drift", "--catalog"],
        "completions": [],
        "help": [],
    ]

    @Test func hasEverySpecifiedCommandOnce() {
        let names = table.commands.map(\.name)
        #expect(Set(names) == Set(Self.specifiedOptions.keys))
        #expect(Set(names).count == names.count)
    }

    @Test(arguments: specifiedOptions.keys.sorted())
    func hasEverySpecifiedOption(_ name: String) throws {
        let command = try #require(table.command(named: name))
        for option in Self.specifiedOptions[name] ?? [] {
            #expect(command.option(named: option) != nil, "\(name) lacks \(option)")
        }
        #expect(command.option(named: "--help")?.short == "h")
        #expect(command.option(named: "--no-color") != nil)
    }

    @Test(arguments: testTable().commands.map(\.name))
    func optionNamesAreUniqueAndWellFormed(_ name: String) throws {
        let command = try #require(table.command(named: name))
        let longNames = command.options.map(\.name)
        #expect(Set(longNames).count == longNames.count)
        let shorts = command.options.compactMap(\.short)
        #expect(Set(shorts).count == shorts.count)
        for option in command.options {
            #expect(option.name.hasPrefix("--") && !option.name.contains("="))
            #expect(!option.help.isEmpty)
            #expect(!(option.isFlag && option.isRepeatable))
        }
    }

    @Test(arguments: testTable().commands.map(\.name))
    func positionalsAreInAnOrderTheParserCanAssign(_ name: String) throws {
        let command = try #require(table.command(named: name))
        let positionals = command.positionals
        for (index, positional) in positionals.enumerated() {
            if positional.isVariadic { #expect(index == positionals.count - 1, "\(name): variadic not last") }
            if index > 0, positionals[index - 1].isOptional {
                #expect(positional.isOptional, "\(name): required after optional")
            }
        }
    }

    @Test func repeatableOptionsAreTheValueLists() throws {
        let new = try #require(table.command(named: "new"))
        #expect(new.option(named: "--set")?.isRepeatable == true)
        #expect(new.option(named: "--values")?.isRepeatable == true)
        #expect(new.option(named: "--output")?.isRepeatable == false)
    }

    @Test func completionKindsPointAtTheRightThings() throws {
        let new = try #require(table.command(named: "new"))
        #expect(new.positionals.first?.completion == .goldenPath)
        #expect(new.option(named: "--values")?.completion == .file)
        #expect(new.option(named: "--output")?.completion == .directory)
        let completions = try #require(table.command(named: "completions"))
        #expect(completions.positionals.first?.choices == ["bash", "zsh", "fish"])
    }

    /// Every option and positional a command's entry lists is read into its typed options, and the
    /// command reads nothing its entry does not list: the table and the types cannot drift apart.
    @Test(arguments: CommandTable.commandTypes.map { $0.spec.name })
    func everyListedArgumentIsReadAndNothingElse(_ name: String) throws {
        let type = try #require(CommandTable.commandTypes.first { $0.spec.name == name })
        let read = try readNames(type)
        let machinery: Set = [CommonOptions.help.name, CommonOptions.noColor.name]  // read by the dispatcher
        let listed = Set(type.spec.options.map(\.name) + type.spec.positionals.map(\.name)).subtracting(machinery)
        #expect(read == listed, "\(name) reads \(read.subtracting(listed).sorted()), misses \(listed.subtracting(read).sorted())")
    }

    /// Decodes a line on which every option and positional of the command is given.
    private func readNames<C: Command>(_ command: C.Type) throws -> Set<String> {
        var parsed = ParsedArguments()
        for option in command.spec.options {
            if option.isFlag { parsed.flags.insert(option.name) }
            else { parsed.optionValues[option.name] = [option.choices.first ?? "1"] }
        }
        for positional in command.spec.positionals {
            parsed.positionalValues[positional.name] = [positional.choices.first ?? "x"]
        }
        var reader = ArgumentReader(parsed, command: command.spec)
        _ = try C(&reader)
        return reader.read
    }
}
