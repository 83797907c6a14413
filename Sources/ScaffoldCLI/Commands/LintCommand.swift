import GoldenPath
import Scaffold

/// `scaffold lint PATH_OR_NAME`: one `FILE:LINE:COL: message` line per finding on stdout, a
/// summary on stderr; exit 1 on findings, 2 when a manifest cannot be read at all.
struct LintCommand: Command {
    static let allowEdit = OptionSpec.value("--allow-edit", "V", repeatable: true,
                                            "A released version whose changes are deliberate (a hotfix): not reported")
    static let spec = CommandSpec(
        name: "lint",
        abstract: "Check a golden path's manifest and templates without rendering",
        discussion: """
            Reports syntax errors, unknown filters, undefined variables, unused parameters, invalid
            defaults and bad globs, each as FILE:LINE:COL: message. Exits 1 when it finds any. In a
            catalog that is a git repository, a file of a released version that changed since the
            commit that added the version is a finding too (--allow-edit V for a deliberate fix).
            """,
        positionals: [CommonPositionals.goldenPathOrFolder],
        options: [CommonOptions.templateVersion, allowEdit] + CommonOptions.readingCatalog)

    var goldenPath: AuthoredGoldenPath
    var allowEdits: [String]

    init(_ arguments: inout ArgumentReader) {
        goldenPath = AuthoredGoldenPath(&arguments)
        allowEdits = arguments.values(Self.allowEdit)
    }

    func validate() throws(CLIError) {
        try goldenPath.validate(in: Self.spec.name)
        for version in allowEdits where SemanticVersion.fromTag(version) == nil {
            throw Self.usageError("invalid value '\(version)' for '--allow-edit': expected a semantic version (like 1.2.0)")
        }
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let report = try Diagnostics.run { () throws(ScaffoldError) in
            try LintGoldenPath.run(goldenPath.target, version: goldenPath.version,
                                   allowEdits: Set(allowEdits.compactMap { SemanticVersion.fromTag($0) }),
                                   catalog: goldenPath.catalogLoader(context))
        }
        for finding in report.findings {
            var shown = finding
            shown.location = finding.location.inFile(Paths.relativeToCurrent(finding.location.file))
            context.console.print(Printable.escaping(shown.description))
        }
        let names = report.versions.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
        let style = context.console.errorStyle
        let warnings = report.findings.filter(\.isWarning).count
        let noted = warnings == 0 ? "" : " (\(warnings) warning\(warnings == 1 ? "" : "s"))"
        let count = report.findings.count - warnings
        if count == 0 {
            context.console.printError("\(style.green("clean")): \(names)\(noted)")
            return .success
        }
        context.console.printError("\(style.red("\(count) finding\(count == 1 ? "" : "s")")) in \(names)\(noted)")
        return report.unreadable ? .usage : .findings
    }
}
