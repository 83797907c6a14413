import Foundation
import TestSupport
import Testing
@testable import ScaffoldCLI

@Suite struct CompletionTests {
    let table = testTable()

    /// Writes the script for a shell into a fresh folder that also holds a small catalog.
    private func scriptFile(_ shell: CompletionShell) throws -> (script: URL, catalog: URL) {
        let folder = try temporaryFolder()
        let catalog = folder.appendingPathComponent("golden-paths")
        for name in ["go-microservice", "python-api"] {
            try FileManager.default.createDirectory(at: catalog.appendingPathComponent(name),
                                                    withIntermediateDirectories: true)
        }
        let script = folder.appendingPathComponent("scaffold.\(shell.rawValue)")
        try shell.script(for: table).write(to: script, atomically: true, encoding: .utf8)
        return (script, catalog)
    }

    @Test(arguments: CompletionShell.allCases)
    func namesEveryCommandAndOption(_ shell: CompletionShell) {
        let script = shell.script(for: table)
        for command in table.commands {
            #expect(script.contains(command.name))
            for option in command.options {
                let spelled = shell == .fish ? "-l \(option.name.dropFirst(2))" : option.name
                #expect(script.contains(spelled), "\(shell): \(command.name) \(option.name)")
            }
        }
    }

    @Test(arguments: CompletionShell.allCases)
    func scriptIsValidSyntax(_ shell: CompletionShell) throws {
        guard let executable = shellPath(shell.rawValue) else { return }  // shell not installed: nothing to check
        let (script, _) = try scriptFile(shell)
        let result = try runProcess(executable, ["-n", script.path])
        #expect(result.status == 0, "\(shell): \(result.standardError)")
    }

    @Test(arguments: [
        ("scaffold up", "upgrade"),
        ("scaffold upgrade --dry", "--dry-run"),
        ("scaffold completions ''", "bash fish zsh"),
        ("scaffold new ''", "go-microservice python-api"),
        ("scaffold new --version 1 go", "go-microservice"),
        ("scaffold new go-microservice ''", ""),
        ("scaffold new g n --version ''", ""),
        ("scaffold help li", "lint list"),
        ("scaffold --no-color pr", "preview"),
        ("scaffold list -", "--catalog --help --json --no-color -h"),
        ("scaffold upgrade --golden-path = go", "go-microservice"),
        ("scaffold completions --no-color z", "zsh"),
        ("scaffold lint --catalog /nonexistent ''", ""),
    ])
    func bashCompletesFromTheTable(_ line: String, _ expected: String) throws {
        guard let bash = shellPath("bash") else { return }
        let (script, catalog) = try scriptFile(.bash)
        let driver = """
            source \(ShellQuoting.posix(script.path))
            COMP_WORDS=(\(line))
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _scaffold
            printf '%s\\n' "${COMPREPLY[@]}" | sort | tr '\\n' ' '
            """
        let result = try runProcess(bash, ["-c", driver], environment: ["SCAFFOLD_CATALOG": catalog.path, "PATH": "/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.trimmingCharacters(in: .whitespaces) == expected, "\(line)")
    }

    @Test(arguments: [
        ("scaffold upgrade --dry", "--dry-run"),
        ("scaffold completions ", "bash fish zsh"),
        ("scaffold new ", "go-microservice python-api"),
        ("scaffold he", "help"),
        ("scaffold lint --catalog /nonexistent ", ""),
    ])
    func fishCompletesFromTheTable(_ line: String, _ expected: String) throws {
        guard let fish = shellPath("fish") else { return }
        let (script, catalog) = try scriptFile(.fish)
        let driver = "source \(ShellQuoting.fish(script.path)); complete -C \(ShellQuoting.fish(line))"
        let result = try runProcess(fish, ["--no-config", "-c", driver],
                                    environment: ["SCAFFOLD_CATALOG": catalog.path, "PATH": "/usr/bin:/bin",
                                                  "HOME": catalog.path])
        #expect(result.status == 0, "\(result.standardError)")
        let words = result.standardOutput.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
        #expect(words.sorted().joined(separator: " ") == expected, "\(line)")
    }

    @Test func quotesTextForEachShell() {
        #expect(ShellQuoting.posix("it's $HOME") == #"'it'\''s $HOME'"#)
        #expect(ShellQuoting.fish(#"it's a \ b"#) == #"'it\'s a \\ b'"#)
        #expect(ShellQuoting.backslashing("[]:", in: "a [b]: c") == #"a \[b\]\: c"#)
    }
}
