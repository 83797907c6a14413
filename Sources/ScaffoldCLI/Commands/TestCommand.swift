import Scaffold

/// `scaffold test PATH_OR_NAME`: one line per case, the diff of each failing one; exit 1 when
/// any case fails. With `--fleet ROOT` or `--repos FILE`, the blast radius of a version instead:
/// every service of the fleet upgraded to it in memory; exit 1 when any would conflict or fail.
struct TestCommand: Command {
    static let update = OptionSpec.flag("--update", "Rewrite the expected trees from the current renders")
    static let blast = "BLAST RADIUS (before publishing a version)"
    static let fleet = OptionSpec.value("--fleet", "ROOT", repeatable: true, completion: .directory, section: blast,
                                        "Upgrade every service under ROOT to the version in memory and report (repeatable)")
    static let repos = OptionSpec.value("--repos", "FILE", completion: .file, section: blast,
                                        "The same for the repositories listed in FILE (paths or clone URLs)")
    static let to = OptionSpec.value("--to", "V", section: blast, "The version to try (default: the newest, released or not)")
    static let jobs = OptionSpec.value("--jobs", "N", short: "j", section: blast, "Services planned at a time (default: the number of cores)")
    static let json = CommonOptions.json("With --fleet or --repos: print the blast radius as JSON")
    static let spec = CommandSpec(
        name: "test",
        abstract: "Render a golden path's test cases and compare them with the expected trees",
        discussion: """
            Each tests/<case>/values.yaml beside the manifest is rendered and compared with
            tests/<case>/expected/. Exits 1 and shows the diff when they differ.
            With --fleet ROOT or --repos FILE, tests the version against the fleet instead: every
            service of the golden path is upgraded to it in memory (nothing is written to any
            service) and the report lists each service as clean, conflicts or fails, the conflicts
            per template file across the fleet, the migrations that fire and the defaults that
            change. Exits 1 when any service would conflict or fail.
            """,
        usages: ["PATH_OR_NAME [options]", "PATH_OR_NAME --fleet ROOT... | --repos FILE [--to V] [options]"],
        positionals: [CommonPositionals.goldenPathOrFolder],
        options: [CommonOptions.templateVersion, update, fleet, repos, to, jobs, json] + CommonOptions.readingCatalog)

    var goldenPath: AuthoredGoldenPath
    var update: Bool
    var fleet: AuthoredFleet
    var to: String?
    var jobs: Int?
    var json: Bool

    init(_ arguments: inout ArgumentReader) throws(CLIError) {
        goldenPath = AuthoredGoldenPath(&arguments)
        update = arguments.flag(Self.update)
        fleet = AuthoredFleet(&arguments, fleet: Self.fleet, repos: Self.repos)
        to = arguments.value(Self.to)
        jobs = try arguments.positiveInteger(Self.jobs)
        json = arguments.flag(Self.json)
    }

    var testsFleet: Bool { fleet.given != nil }

    func validate() throws(CLIError) {
        try goldenPath.validate(in: Self.spec.name)
        try CommonOptions.checkVersion(to, of: Self.to, in: Self.spec.name)
        if testsFleet {
            try fleet.validate(Self.usageError)
            if update { throw Self.usageError("--update rewrites golden tests; it cannot be combined with --fleet or --repos") }
            if goldenPath.version != nil { throw Self.usageError("with --fleet or --repos the version to try is --to V") }
        } else if let (_, option) = [(to != nil, Self.to), (jobs != nil, Self.jobs), (json, Self.json)].first(where: \.0) {
            throw Self.usageError("\(option.name) needs --fleet ROOT or --repos FILE")
        }
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        if testsFleet { return try runBlastRadius(context) }
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

extension TestCommand {
    func runBlastRadius(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let console = context.console
        let locations = try Diagnostics.run { () throws(ScaffoldError) in
            try fleet.locations() ?? []
        }
        let progress = console.isInteractive ? FleetProgress(total: locations.count, write: console.writeError) : nil
        let report = try Diagnostics.run { () throws(ScaffoldError) in
            try BlastRadius.run(goldenPath.target, to: to, over: locations,
                                jobs: jobs ?? FleetSelection.defaultJobs(), environment: context.environment,
                                catalog: goldenPath.catalogLoader(context)) { done in progress?.update(done: done) }
        }
        progress?.finish()
        if json {
            console.print(BlastRadiusOutput.json(report).text)
        } else {
            BlastRadiusOutput.print(report, console: console)
        }
        return report.isHarmful ? .findings : .success
    }
}
