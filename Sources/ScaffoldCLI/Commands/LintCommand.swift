import GoldenPath
import Scaffold

/// `scaffold lint PATH_OR_NAME`: one `FILE:LINE:COL: message` line per finding on stdout, a
/// summary on stderr; exit 1 on findings, 2 when a manifest cannot be read at all.
struct LintCommand: Command {
    static let allowEdit = OptionSpec.value("--allow-edit", "V", repeatable: true,
                                            "A released version whose changes are deliberate (a hotfix): not reported")
    static let fleet = OptionSpec.value("--fleet", "ROOT", repeatable: true, completion: .directory,
                                        "With --allow-edit: list the services under ROOT the edit re-renders differently")
    static let repos = OptionSpec.value("--repos", "FILE", completion: .file,
                                        "With --allow-edit: the same for the repositories listed in FILE")
    static let spec = CommandSpec(
        name: "lint",
        abstract: "Check a golden path's manifest and templates without rendering",
        discussion: """
            Reports syntax errors, unknown filters, undefined variables, unused parameters, invalid
            defaults and bad globs, each as FILE:LINE:COL: message. Exits 1 when it finds any. In a
            catalog that is a git repository, a file of a released version that changed since the
            commit that added the version is a finding too (--allow-edit V for a deliberate fix;
            with --fleet ROOT or --repos FILE it lists the services on V whose files the edit
            renders differently, which their next upgrade will merge in).
            """,
        positionals: [CommonPositionals.goldenPathOrFolder],
        options: [CommonOptions.templateVersion, allowEdit, fleet, repos] + CommonOptions.readingCatalog)

    var goldenPath: AuthoredGoldenPath
    var allowEdits: [String]
    var fleet: AuthoredFleet

    init(_ arguments: inout ArgumentReader) {
        goldenPath = AuthoredGoldenPath(&arguments)
        allowEdits = arguments.values(Self.allowEdit)
        fleet = AuthoredFleet(&arguments, fleet: Self.fleet, repos: Self.repos)
    }

    func validate() throws(CLIError) {
        try goldenPath.validate(in: Self.spec.name)
        for version in allowEdits where SemanticVersion.fromTag(version) == nil {
            throw Self.usageError("invalid value '\(version)' for '--allow-edit': expected a semantic version (like 1.2.0)")
        }
        if allowEdits.isEmpty, let option = fleet.given { throw Self.usageError("\(option.name) needs --allow-edit V") }
        try fleet.validate(Self.usageError)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let report = try Diagnostics.run { () throws(ScaffoldError) in
            try LintGoldenPath.run(goldenPath.target, version: goldenPath.version,
                                   allowEdits: Set(allowEdits.compactMap { SemanticVersion.fromTag($0) }),
                                   fleet: try fleet.locations(), jobs: FleetSelection.defaultJobs(), catalog: goldenPath.catalogLoader(context))
        }
        for finding in report.findings {
            var shown = finding
            shown.location = finding.location.inFile(Paths.relativeToCurrent(finding.location.file))
            context.console.print(Printable.escaping(shown.description))
        }
        for hotfix in report.hotfixes { printHotfix(hotfix, console: context.console) }
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

    /// What an allowed edit of a released version changed, and whom it reaches.
    private func printHotfix(_ hotfix: HotfixImpact.Report, console: Console) {
        let version = "\(hotfix.version.name) \(hotfix.version.version)"
        let files = hotfix.changed.count
        console.print(Printable.escaping("hotfix of \(version) (released in \(hotfix.releasedIn)): \(files) file\(files == 1 ? "" : "s") "
                                         + "changed (\(hotfix.changed.joined(separator: ", ")))"))
        guard hotfix.checkedFleet else {
            console.print("  pass --fleet ROOT or --repos FILE to see which services it re-renders differently")
            return
        }
        for service in hotfix.rerendered {
            console.print(Printable.escaping("  re-renders \(service.service): \(service.files.joined(separator: ", "))"))
        }
        for service in hotfix.failed {
            console.print(Printable.escaping("  cannot render \(service.service): \(service.files.joined(separator: "; "))"))
        }
        let same = hotfix.unchanged.count
        console.print("  \(hotfix.rerendered.count) service\(hotfix.rerendered.count == 1 ? "" : "s") on \(hotfix.version.version) "
                      + "re-render\(hotfix.rerendered.count == 1 ? "s" : "") differently (their next upgrade merges that in), "
                      + "\(same) unchanged")
    }
}
