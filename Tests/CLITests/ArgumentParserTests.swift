import Testing
@testable import ScaffoldCLI

@Suite struct ArgumentParserTests {
    @Test func readsOptionValuesInBothSpellings() throws {
        let parsed = try parse("new", ["go-microservice", "payments", "--version", "1.1.0", "--output=out/dir"])
        #expect(parsed.optionValues["--version"] == ["1.1.0"])
        #expect(parsed.optionValues["--output"] == ["out/dir"])
        #expect(parsed.positionalValues["GOLDEN_PATH"] == ["go-microservice"])
        #expect(parsed.positionalValues["NAME"] == ["payments"])
    }

    @Test func keepsEveryValueOfARepeatableOptionInOrder() throws {
        let parsed = try parse("new", ["g", "n", "--set", "a=1", "--set=b.c=2", "--values", "x.yaml", "--set", "a=3"])
        #expect(parsed.optionValues["--set"] == ["a=1", "b.c=2", "a=3"])
        #expect(parsed.optionValues["--values"] == ["x.yaml"])
    }

    @Test func anEmptyInlineValueIsAValue() throws {
        let parsed = try parse("new", ["g", "n", "--author="])
        #expect(parsed.optionValues["--author"] == [""])
    }

    @Test func mapsShortAliasesToLongNames() throws {
        let parsed = try parse("upgrade", ["--all", "-j", "4", "roots"])
        #expect(parsed.optionValues["--jobs"] == ["4"])
        #expect(parsed.flags == ["--all"])
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try parse("upgrade", ["--all", "--", "--weird-folder", "-"])
        #expect(parsed.flags == ["--all"])
        #expect(parsed.positionalValues["PATH"] == ["--weird-folder", "-"])
    }

    @Test func aLoneDashIsStandardInput() throws {
        let parsed = try parse("render", ["-", "--set", "x=1"])
        #expect(parsed.positionalValues["TEMPLATE"] == ["-"])
    }

    @Test func variadicPositionalsTakeTheRest() throws {
        let parsed = try parse("status", ["a", "b", "--json", "c"])
        #expect(parsed.positionalValues["ROOT"] == ["a", "b", "c"])
        #expect(parsed.arguments == ["a", "b", "c"])
        let none = try parse("status", ["--repos", "list.txt"])
        #expect(none.positionalValues["ROOT"] == [])
    }

    @Test func optionalPositionalsMayBeLeftOut() throws {
        let parsed = try parse("diff", ["--drift"])
        #expect(parsed.positionalValues["DIR"] == nil)
        #expect(parsed.flags == ["--drift"])
    }

    @Test func helpWinsOverOtherMistakes() throws {
        #expect(try parse("new", ["--bogus", "-h"]).wantsHelp)
        #expect(try parse("upgrade", ["--help", "--to"]).wantsHelp)
        #expect(try parse("render", ["--", "--help"]).wantsHelp == false)
    }

    @Test func unknownOptionSuggestsTheClosest() {
        let error = usageError { () throws(CLIError) in _ = try parse("upgrade", ["--dryrun"]) }
        #expect(error?.exitCode == .usage)
        #expect(error?.diagnostic.message == "unknown option '--dryrun' for 'scaffold upgrade'")
        #expect(error?.notes == ["did you mean '--dry-run'?", "see 'scaffold upgrade --help'"])
    }

    @Test func unknownShortOptionIsAnError() {
        let error = usageError { () throws(CLIError) in _ = try parse("list", ["-x"]) }
        #expect(error?.diagnostic.message == "unknown option '-x' for 'scaffold list'")
        #expect(error?.notes == ["see 'scaffold list --help'"])
    }

    @Test(arguments: [
        ([], "missing argument GOLDEN_PATH for 'scaffold new'"),
        (["g", "n", "extra"], "unexpected argument 'extra' for 'scaffold new'"),
        (["g", "n", "--output"], "option '--output' needs a value (DIR) for 'scaffold new'"),
        (["g", "n", "--output", "--json"], "option '--output' needs a value (DIR) for 'scaffold new'"),
        (["g", "n", "--json=yes"], "option '--json' takes no value for 'scaffold new'"),
        (["g", "n", "--version", "1", "--version", "2"], "option '--version' given more than once for 'scaffold new'"),
    ])
    func reportsBadUsage(_ arguments: [String], _ message: String) {
        let error = usageError { () throws(CLIError) in _ = try parse("new", arguments) }
        #expect(error?.diagnostic.message == message)
        #expect(error?.exitCode == .usage)
    }

    @Test func aDashedValueCanBeGivenInline() throws {
        let parsed = try parse("new", ["g", "n", "--output=-odd"])
        #expect(parsed.optionValues["--output"] == ["-odd"])
    }

    @Test func checksFixedChoices() throws {
        #expect(try parse("completions", ["zsh"]).positionalValues["SHELL"] == ["zsh"])
        let error = usageError { () throws(CLIError) in _ = try parse("completions", ["bsh"]) }
        #expect(error?.diagnostic.message == "invalid value 'bsh' for SHELL: expected one of bash, zsh, fish")
        #expect(error?.notes.first == "did you mean 'bash'?")
    }
}
