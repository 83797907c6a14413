import Foundation
import Scaffold

/// `scaffold status ROOT... | --repos FILE [--json] [--html FILE] [--drift]`: per service its
/// version against the newest, then the fleet view. Exits 1 when a repository could not be read.
struct StatusCommand: Command {
    /// How many of the most drifted files the text report lists (`--json` and `--html` list all).
    static let driftedFilesShown = 10

    static let roots = PositionalSpec(name: "ROOT", help: "Folders to search for services",
                                      isOptional: true, isVariadic: true, completion: .directory)
    static let repos = OptionSpec.value("--repos", "FILE", completion: .file,
                                        "Report the services listed in FILE (one path per line, # comments)")
    static let json = CommonOptions.json("Print the report as JSON")
    static let html = OptionSpec.value("--html", "FILE", completion: .file, "Write the report as a self-contained HTML page")
    static let drift = OptionSpec.flag("--drift", "Also count the template files each service changed or deleted")
    static let prs = OptionSpec.flag("--prs", "Also show each service's scaffold pull request: state, CI checks, mergeable")
    static let spec = CommandSpec(
        name: "status",
        abstract: "Report which version of its golden path each service of a fleet is on",
        discussion: """
            Per service: golden path, version, newest version and how far behind it is; then per
            golden path: services by version, adoption of the newest, and the most drifted files.
            Repositories listed by URL in FILE are fetched into the workspace first; with --prs
            their pull requests are read from the code host (token in GITHUB_TOKEN or
            GITLAB_TOKEN), and shown as unknown when the host cannot be reached.
            """,
        usages: ["ROOT... [options]", "--repos FILE [options]", "--github-org ORG|--gitlab-group GROUP [--topic TOPIC] [options]"],
        positionals: [roots],
        options: [repos, json, html, drift, prs] + CodeHostOptions.specs + CommonOptions.readingCatalog)

    var roots: [String]
    var repos: String?
    var json: Bool
    var html: String?
    var drift: Bool
    var prs: Bool
    var codeHost: CodeHostOptions
    var catalog: String?

    init(_ arguments: inout ArgumentReader) throws(CLIError) {
        roots = arguments.positionals(Self.roots)
        repos = arguments.value(Self.repos)
        json = arguments.flag(Self.json)
        html = arguments.value(Self.html)
        drift = arguments.flag(Self.drift)
        prs = arguments.flag(Self.prs)
        codeHost = try CodeHostOptions(&arguments, command: Self.spec.name)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate() throws(CLIError) {
        try codeHost.validate(in: Self.spec.name)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let catalog = try CommonOptions.locateCatalog(catalog, context, forServices: true)
        let report = try Diagnostics.run { () throws(ScaffoldError) in
            let remote = codeHost.remote(environment: context.environment)
            let selection = FleetSelection(roots: roots, reposFile: repos, discovery: codeHost.discovery, remote: remote)
            return FleetStatus.run(try selection.locations(), catalog: catalog, drift: drift, jobs: FleetSelection.defaultJobs(),
                                   remote: remote, pullRequests: prs)
        }
        if let html {
            try OutputFile.write(StatusPage.render(report, catalog: catalog.sourceLabel, generated: StatusPage.now()), to: html)
        }
        if json {
            context.console.print(Self.json(report, catalog: catalog).text)
        } else {
            Self.printText(report, console: context.console)
        }
        return report.failures.isEmpty ? .success : .findings
    }

    private static func printText(_ report: FleetStatus.Report, console: Console) {
        let style = console.outputStyle
        let drift = report.overview.driftedFiles != nil
        if report.services.isEmpty && report.failures.isEmpty {
            console.print("No services found")
            return
        }
        let prs = report.pullRequests
        var services = FleetTable(["SERVICE", "GOLDEN PATH", "VERSION", "NEWEST", "BEHIND"] + (drift ? ["DRIFT"] : [])
                                  + (prs ? ["PULL REQUEST"] : []) + ["NOTE"])
        for service in report.services {
            let name = Paths.service(at: service.location.path, url: service.repositoryURL, folder: service.folder)
            services.append(Printable.cells([name, service.goldenPath, service.version.description,
                             service.newest?.description ?? "-", String(service.behind)]
                            + (drift ? [service.drift.map { String($0.count) } ?? "-"] : [])
                            + (prs ? [service.pullRequest.map(StatusPage.pullRequestWords) ?? "unknown"] : [])
                            + [service.notes.joined(separator: "; ")]))
        }
        console.print(services.rendered(style: style))
        if !report.failures.isEmpty {
            var failures = FleetTable(["FAILED", "REASON"])
            for failure in report.failures {
                failures.append(Printable.cells([failure.location.remote ?? Paths.relativeToCurrent(failure.location.path), failure.reason]))
            }
            console.print("\n" + failures.rendered(style: style).replacingOccurrences(of: "FAILED", with: style.red("FAILED")))
        }
        var goldenPaths = FleetTable(["GOLDEN PATH", "SERVICES", "NEWEST", "ADOPTION", "BY VERSION"])
        for summary in report.overview.goldenPaths {
            goldenPaths.append(Printable.cells([summary.name, String(summary.services), summary.newest?.description ?? "-",
                                StatusPage.percent(summary.adoption),
                                summary.versions.map { "\($0.version): \($0.services)" }.joined(separator: ", ")]))
        }
        console.print("\n" + goldenPaths.rendered(style: style))
        if let drifted = report.overview.driftedFiles, !drifted.isEmpty {
            var files = FleetTable(["DRIFTED IN", "GOLDEN PATH", "TEMPLATE FILE"])
            for file in drifted.prefix(driftedFilesShown) {
                files.append(Printable.cells([file.services == 1 ? "1 service" : "\(file.services) services", file.goldenPath, file.path]))
            }
            console.print("\n" + files.rendered(style: style))
        }
    }

    /// One service's row of `status --json`.
    static func json(_ service: ServiceStatus) -> JSON {
        var fields: [String: JSON] = [
            "path": .string(service.location.path),
            "name": .string(service.location.relativePath),
            "golden_path": .string(service.goldenPath),
            "version": .string(service.version.description),
            "behind": .int(service.behind),
            "published": .bool(service.isPublished),
        ]
        fields["newest"] = service.newest.map { JSON.string($0.description) } ?? .null
        fields["drift"] = service.drift.map { drift in
            JSON.object(["modified": .array(drift.modified.map { JSON.string($0) }),
                         "deleted": .array(drift.deleted.map { JSON.string($0) })])
        } ?? .null
        fields["problem"] = service.problem.map { JSON.string($0) } ?? .null
        fields["proposed_branch"] = service.proposedBranch.map { JSON.string($0) } ?? .null
        fields["dirty"] = service.isDirty.map { JSON.bool($0) } ?? .null
        fields["folder"] = .string(service.folder)
        if let url = service.repositoryURL { fields["url"] = .string(url) }
        if let stale = service.staleReason { fields["not_fetched"] = .string(stale) }
        fields["last_upgrade"] = service.lastUpgrade.map { last in
            JSON.object(["to": .string(last.to), "outcome": .string(last.outcome),
                         "conflicts": .array(last.conflicts.map { JSON.string($0) })])
        } ?? .null
        return .object(fields)
    }

    /// `pr` of a service row with `--prs`: its state always (`unknown` with the reason when the
    /// host could not be asked), and number, url, version, checks, mergeable when there is one.
    static func pullRequestJSON(_ service: ServiceStatus) -> JSON {
        guard let pull = service.pullRequest else {
            return .object(["state": .string("unknown"), "reason": .string(service.pullRequestProblem ?? "not asked")])
        }
        var fields: [String: JSON] = ["state": .string(pull.state), "checks": .string(pull.checks)]
        fields["number"] = pull.number.map { JSON.int($0) } ?? .null
        fields["url"] = pull.url.map { JSON.string($0) } ?? .null
        fields["version"] = pull.version.map { JSON.string($0) } ?? .null
        fields["mergeable"] = pull.mergeable.map { JSON.bool($0) } ?? .null
        return .object(fields)
    }

    static func json(_ report: FleetStatus.Report, catalog: CatalogContext) -> JSON {
        .object([
            "catalog": UpgradeOutput.catalogJSON(catalog),
            "services": .array(report.services.map { service in
                guard report.pullRequests, case .object(var fields) = json(service) else { return json(service) }
                fields["pr"] = pullRequestJSON(service)
                return .object(fields)
            }),
            "failures": .array(report.failures.map { failure in
                var fields: [String: JSON] = ["path": .string(failure.location.path), "name": .string(failure.location.relativePath),
                                                   "reason": .string(failure.reason)]
                if let url = failure.location.remote { fields["url"] = .string(url) }
                return .object(fields)
            }),
            "golden_paths": .array(report.overview.goldenPaths.map { summary in
                .object([
                    "name": .string(summary.name),
                    "newest": summary.newest.map { JSON.string($0.description) } ?? .null,
                    "services": .int(summary.services),
                    "on_newest": .int(summary.onNewest),
                    "adoption_percent": .int(Int((summary.adoption * 100).rounded())),
                    "versions": .array(summary.versions.map { entry in
                        .object(["version": .string(entry.version.description), "services": .int(entry.services)])
                    }),
                ])
            }),
            "drifted_files": report.overview.driftedFiles.map { files in
                JSON.array(files.map { file in
                    .object(["golden_path": .string(file.goldenPath), "path": .string(file.path), "services": .int(file.services)])
                })
            } ?? .null,
        ])
    }
}
