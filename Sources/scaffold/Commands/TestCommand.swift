import Scaffold

/// `scaffold test PATH_OR_NAME`: one line per case, the diff of each failing one; exit 1 when
/// any case fails.
enum TestCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        guard let target = inv.positional("PATH_OR_NAME") else { throw inv.usageError("expected PATH_OR_NAME") }
        let report = try Diagnostics.run { () throws(ScaffoldError) in
            try GoldenTests.run(target, version: inv.value("--version"), update: inv.flag("--update")) { () throws(ScaffoldError) in
                try CatalogContext.locate(explicit: inv.value("--catalog"), environment: inv.environment)
            }
        }
        let style = inv.console.outputStyle
        var failed = 0
        for result in report.cases {
            let label = "\(result.version.name) \(result.version.version) \(result.name)"
            switch result.outcome {
            case .passed:
                inv.console.print("\(style.green("ok"))       \(label)")
            case .updated(let difference):
                inv.console.print(difference.isEmpty ? "\(style.green("ok"))       \(label)"
                                  : "\(style.yellow("updated"))  \(label): \(difference.files.count) files")
            case .failed(let difference, let expectedMissing):
                failed += 1
                let reason = expectedMissing ? "no expected tree (run with --update to create it)" : "\(difference.files.count) files differ"
                inv.console.print("\(style.red("FAIL"))     \(label): \(reason)")
                if !expectedMissing { inv.console.print(difference.patch, terminator: "") }
            case .error(let error):
                failed += 1
                var shown = error
                shown.file = error.file.map(Paths.relativeToCurrent)
                inv.console.print("\(style.red("ERROR"))    \(label): \(shown.description)")
            }
        }
        let total = report.cases.count
        let errorStyle = inv.console.errorStyle
        inv.console.printError(failed == 0 ? "\(errorStyle.green("passed")): \(total) cases"
                               : "\(errorStyle.red("failed")): \(failed) of \(total) cases")
        return failed == 0 ? .success : .findings
    }
}
