import Foundation
import TestSupport
import Testing
@testable import ScaffoldCLI

/// Runs the built `scaffold` binary as a user would, to check what tests in process cannot:
/// real exit statuses and the streams output lands on.
@Suite struct ProcessTests {
    private func run(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(scaffoldExecutable(), arguments, environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm"])
    }

    @Test func helpListsTheSubcommands() throws {
        let result = try run(["--help"])
        #expect(result.status == 0)
        for name in ["new", "list", "preview", "lint", "test", "render", "diff", "upgrade", "check", "status",
                     "completions", "help"] {
            #expect(result.standardOutput.contains("\n  \(name) "), "missing \(name)")
        }
        #expect(!result.standardOutput.contains("\u{1B}"), "colored although stdout is a pipe")
    }

    @Test func printsTheVersion() throws {
        let result = try run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "scaffold \(ScaffoldVersion.current)\n")
    }

    @Test func unknownSubcommandExitsTwoWithASuggestion() throws {
        let result = try run(["upgarde"])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("error: unknown command 'upgarde'\ndid you mean 'upgrade'?\n"))
    }

    @Test func unknownFlagExitsTwoWithASuggestion() throws {
        let result = try run(["upgrade", "--dryrun"])
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix(
            "error: unknown option '--dryrun' for 'scaffold upgrade'\ndid you mean '--dry-run'?\n"))
    }

    @Test(arguments: testTable().commands.map(\.name))
    func everySubcommandHasHelp(_ name: String) throws {
        let result = try run([name, "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("scaffold \(name): "))
        #expect(result.standardError.isEmpty)
    }

    @Test func completionsAreGeneratedByTheBinary() throws {
        let result = try run(["completions", "bash"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasSuffix("complete -F _scaffold scaffold\n"))
    }
}
