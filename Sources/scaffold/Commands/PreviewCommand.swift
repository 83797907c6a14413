import Scaffold

/// `scaffold preview GOLDEN_PATH`: the rendered tree with sizes, optionally every file's content,
/// the folder written with --output, and the diff to another version with --compare-to.
enum PreviewCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        guard let goldenPath = inv.positional("GOLDEN_PATH") else { throw inv.usageError("expected GOLDEN_PATH") }
        let request = PreviewGoldenPath.Request(
            goldenPath: goldenPath, version: inv.value("--version"),
            values: ValueArguments(valuesFiles: inv.values("--values"), sets: inv.values("--set")),
            output: inv.value("--output"), compareTo: inv.value("--compare-to"))
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            let catalog = try CatalogContext.locate(explicit: inv.value("--catalog"), environment: inv.environment)
            return try PreviewGoldenPath.run(request, catalog: catalog,
                                             prompt: inv.console.isInteractive ? Prompting.prompter(console: inv.console) : nil)
        }
        let style = inv.console.outputStyle
        inv.console.print(style.bold("\(result.goldenPath) \(result.version)")
            + ": \(result.tree.files.count) files, \(PreviewTreeView.size(result.tree.totalBytes))")
        for line in PreviewTreeView.lines(result.tree) { inv.console.print(line) }
        if inv.flag("--show-files") {
            for file in result.tree.files where file.mode != .symlink {
                inv.console.print("\n" + style.bold("==> \(file.path) <=="))
                guard let text = String(validating: file.bytes, as: UTF8.self) else {
                    inv.console.print(style.dim("(binary, \(PreviewTreeView.size(file.bytes.count)))"))
                    continue
                }
                inv.console.print(text, terminator: text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
            }
        }
        if let comparison = result.comparison {
            inv.console.print("\n" + style.bold("Changes from \(result.version) to \(comparison.version)")
                + (comparison.difference.isEmpty ? ": none" : ": \(comparison.difference.files.count) files"))
            for name in comparison.droppedAnswers {
                inv.console.print(style.dim("(answer '\(name)' left out: \(comparison.version) has no such parameter)"))
            }
            inv.console.print(comparison.difference.patch, terminator: "")
        }
        if let output = result.output {
            inv.console.print("\n\(style.green("Wrote")) \(result.tree.files.count) files to \(Paths.relativeToCurrent(output))")
        }
        return .success
    }
}
