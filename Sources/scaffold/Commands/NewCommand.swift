import Foundation
import Scaffold

/// `scaffold new GOLDEN_PATH NAME`: prints the folder, file count, commit and next steps.
enum NewCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        guard let goldenPath = inv.positional("GOLDEN_PATH"), let name = inv.positional("NAME") else {
            throw inv.usageError("expected GOLDEN_PATH and NAME")
        }
        let request = NewService.Request(
            goldenPath: goldenPath, name: name, version: inv.value("--version"),
            values: ValueArguments(valuesFiles: inv.values("--values"), sets: inv.values("--set")),
            output: inv.value("--output"), author: inv.value("--author"), remote: inv.value("--remote"),
            push: inv.flag("--push"), git: !inv.flag("--no-git"))
        let interactive = inv.console.isInteractive && !inv.flag("--no-input")
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            let catalog = try CatalogContext.locate(explicit: inv.value("--catalog"), environment: inv.environment)
            return try NewService.run(request, catalog: catalog, environment: inv.environment,
                                      prompt: interactive ? Prompting.prompter(console: inv.console) : nil)
        }
        if inv.flag("--json") {
            inv.console.print(JSON.encode([
                "path": .string(result.path),
                "commit": result.commit.map({ JSON.string($0) }) ?? .null,
                "golden_path": .string(result.goldenPath),
                "version": .string(result.version),
                "files": .array(result.files.map({ JSON.string($0) })),
                "next_steps": .array(result.nextSteps.map({ JSON.string($0) })),
            ]))
            return .success
        }
        let style = inv.console.outputStyle
        let folder = Paths.relativeToCurrent(result.path)
        var summary = "\(style.green("Created")) \(style.bold(folder)) from \(result.goldenPath) \(result.version): \(result.files.count) files"
        if let commit = result.commit { summary += ", commit \(commit.prefix(7)) on main" }
        inv.console.print(summary)
        if !result.nextSteps.isEmpty {
            inv.console.print("\nNext steps:")
            for step in result.nextSteps { inv.console.print("  \(step)") }
        }
        return .success
    }
}
