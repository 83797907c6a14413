import Scaffold

/// `scaffold test PATH_OR_NAME`: one line per case, the diff of each failing one; exit 1 when
/// any case fails.
struct TestCommand: Command {
    static let update = OptionSpec.flag("--update", "Rewrite the expected trees from the current renders")
    static let spec = CommandSpec(
        name: "test",
        abstract: "Render a golden path's test cases and compare them with the expected trees",
        discussion: """
            Each tests/<case>/values.yaml beside the manifest is rendered and compared with
            tests/<case>/expected/. Exits 1 and shows the diff when they differ.
            """,
        positionals: [CommonPositionals.goldenPathOrFolder],
        options: [CommonOptions.templateVersion, update] + CommonOptions.readingCatalog)

    var goldenPath: AuthoredGoldenPath
    var update: Bool

    init(_ arguments: inout ArgumentReader) {
        goldenPath = AuthoredGoldenPath(&arguments)
        update = arguments.flag(Self.update)
    }

    func validate() throws(CLIError) {
        try goldenPath.validate(in: Self.spec.name)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let report = try Diagnostics.run { () throws(ScaffoldError) in
            try GoldenTests.run(goldenPath.target, version: goldenPath.version, update: update,
                                catalog: goldenPath.catalogLoader(context))
        }
        let style = context.console.outputStyle
        var failed = 0
        for result in report.cases {
            let label = "\(result.version.name) \(result.version.version) \(result.name)"
            switch result.outcome {
            case .passed:
                context.console.print("\(style.green("ok"))       \(label)")
            case .updated(let difference):
                context.console.print(difference.isEmpty ? "\(style.green("ok"))       \(label)"
                                  : "\(style.yellow("updated"))  \(label): \(difference.files.count) files")
            case .failed(let difference, let expectedMissing):
                failed += 1
                let reason = expectedMissing ? "no expected tree (run with --update to create it)" : "\(difference.files.count) files differ"
                context.console.print("\(style.red("FAIL"))     \(label): \(reason)")
                if !expectedMissing { context.console.print(difference.patch, terminator: "") }
            case .error(let error):
                failed += 1
                var shown = error
                shown.location = error.location.map { $0.inFile(Paths.relativeToCurrent($0.file)) }
                context.console.print("\(style.red("ERROR"))    \(label): \(shown.description)")
            }
        }
        let total = report.cases.count
        let errorStyle = context.console.errorStyle
        context.console.printError(failed == 0 ? "\(errorStyle.green("passed")): \(total) cases"
                               : "\(errorStyle.red("failed")): \(failed) of \(total) cases")
        return failed == 0 ? .success : .findings
    }
}
