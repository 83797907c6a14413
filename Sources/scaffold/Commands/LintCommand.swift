import Scaffold

/// `scaffold lint PATH_OR_NAME`: one `FILE:LINE:COL: message` line per finding on stdout, a
/// summary on stderr; exit 1 on findings, 2 when a manifest cannot be read at all.
enum LintCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        guard let target = inv.positional("PATH_OR_NAME") else { throw inv.usageError("expected PATH_OR_NAME") }
        let report = try Diagnostics.run { () throws(ScaffoldError) in
            try LintGoldenPath.run(target, version: inv.value("--version")) { () throws(ScaffoldError) in
                try CatalogContext.locate(explicit: inv.value("--catalog"), environment: inv.environment)
            }
        }
        for finding in report.findings {
            var shown = finding
            shown.file = Paths.relativeToCurrent(finding.file)
            inv.console.print(shown.description)
        }
        let names = report.versions.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
        let style = inv.console.errorStyle
        if report.findings.isEmpty {
            inv.console.printError("\(style.green("clean")): \(names)")
            return .success
        }
        let count = report.findings.count
        inv.console.printError("\(style.red("\(count) finding\(count == 1 ? "" : "s")")) in \(names)")
        return report.unreadable ? .usage : .findings
    }
}
