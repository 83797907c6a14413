import Testing
@testable import ScaffoldCLI

@Suite struct CLIRunTests {
    @Test func printsTheVersion() {
        let result = runCLI(["--version"])
        #expect(result.exitCode == .success)
        #expect(result.standardOutput == "scaffold \(ScaffoldVersion.current)\n")
    }

    @Test func rootHelpGoesToStandardOutput() {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let result = runCLI(arguments)
            #expect(result.exitCode == .success)
            #expect(result.standardOutput.hasPrefix("scaffold \(ScaffoldVersion.current):"))
            #expect(result.standardError.isEmpty)
        }
    }

    @Test func noCommandShowsTheOverviewAsAUsageError() {
        let result = runCLI([])
        #expect(result.exitCode == .usage)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("COMMANDS:"))
    }

    @Test func unknownCommandSuggestsTheClosest() {
        let result = runCLI(["updgrade", "--to", "2.0.0"])
        #expect(result.exitCode == .usage)
        #expect(result.standardError == """
            error: unknown command 'updgrade'
            did you mean 'upgrade'?
            see 'scaffold --help'

            """)
    }

    @Test func unknownRootOptionIsAUsageError() {
        let result = runCLI(["--verison"])
        #expect(result.exitCode == .usage)
        #expect(result.standardError.hasPrefix("error: unknown option '--verison' for 'scaffold'\ndid you mean '--version'?"))
    }

    @Test func commandHelpAndHelpCommandAgree() {
        let viaFlag = runCLI(["upgrade", "--help"])
        let viaCommand = runCLI(["help", "upgrade"])
        #expect(viaFlag.exitCode == .success)
        #expect(viaFlag.standardOutput == viaCommand.standardOutput)
        #expect(viaFlag.standardOutput.contains("--dry-run"))
    }

    @Test func helpForAnUnknownCommandSuggests() {
        let result = runCLI(["help", "lnit"])
        #expect(result.exitCode == .usage)
        #expect(result.standardError.contains("did you mean 'lint'?"))
    }

    @Test func handsTheParsedLineToTheCommandAsTypedOptions() {
        let seen = CapturedOutput()
        let table = testTable { parsed, context throws(CLIError) in
            var reader = ArgumentReader(parsed, command: UpgradeCommand.spec)
            let upgrade = try UpgradeCommand(&reader)
            let text = [
                upgrade.to ?? "-",
                upgrade.sets.joined(separator: ","),
                String(upgrade.dryRun),
                String(upgrade.inPlace),
                upgrade.paths.joined(separator: ","),
                String(upgrade.jobs ?? 0),
            ].joined(separator: "|")
            seen.console().print(text, terminator: "")
            context.console.print("ran")
            return .findings
        }
        let result = runCLI(["upgrade", "svc", "--to=2.0.0", "--set", "a=1", "--dry-run", "--set=b=2", "-j", "3"],
                            table: table)
        #expect(result.exitCode == .findings)
        #expect(result.standardOutput == "ran\n")
        #expect(seen.standardOutput == "2.0.0|a=1,b=2|true|false|svc|3")
    }

    @Test func rejectsANonNumericJobCount() {
        let result = runCLI(["upgrade", "--all", "--jobs", "many", "."], table: .standard)
        #expect(result.exitCode == .usage)
        #expect(result.standardError.hasPrefix("error: invalid value 'many' for '--jobs': expected a positive integer\n"))
    }

    @Test func handlerErrorsArePrintedWithTheirLocationAndExitCode() {
        let table = testTable { _, _ throws(CLIError) in
            throw CLIError(Diagnostic(file: "golden-path.yaml", line: 3, column: 7, message: "unknown key 'spce'"),
                           notes: ["did you mean 'spec'?"], exitCode: .usage)
        }
        let result = runCLI(["lint", "go-microservice"], table: table)
        #expect(result.exitCode == .usage)
        #expect(result.standardError == "error: golden-path.yaml:3:7: unknown key 'spce'\ndid you mean 'spec'?\n")
    }

    @Test func noColorTurnsStylingOffAnywhereOnTheLine() {
        let table = testTable { _, context throws(CLIError) in
            context.console.print(context.console.outputStyle.bold("x"))
            throw CLIError("failed")
        }
        let colored = runCLI(["list"], table: table, style: .colored)
        #expect(colored.standardOutput == "\u{1B}[1mx\u{1B}[0m\n")
        #expect(colored.standardError.contains("\u{1B}["))
        for arguments in [["list", "--no-color"], ["--no-color", "list"]] {
            let plain = runCLI(arguments, table: table, style: .colored)
            #expect(plain.standardOutput == "x\n")
            #expect(plain.standardError == "error: failed\n")
        }
    }

    @Test func parseErrorsAreNeverColoredWhenStderrIsPlain() {
        let result = runCLI(["list", "--jsn"])
        #expect(!result.standardError.contains("\u{1B}"))
        #expect(result.standardError.contains("did you mean '--json'?"))
    }

    @Test func passesTheEnvironmentThrough() {
        let table = testTable { _, context throws(CLIError) in
            context.console.print(context.environment["SCAFFOLD_CATALOG"] ?? "none", terminator: "")
            return .success
        }
        #expect(runCLI(["list"], table: table, environment: ["SCAFFOLD_CATALOG": "/c"]).standardOutput == "/c")
    }
}
