import Foundation
import Scaffold

/// `scaffold upgrade --all ROOT... | --repos FILE [...]`: the fleet branch of the upgrade command.
/// Prints a summary table (or `--json`), writes `--report` and `--pr-body-dir`, and exits 0 only
/// when every service ended upgraded, already current or already proposed.
enum FleetUpgradeCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        let single = (inv.flag("--in-place") ? ["--in-place"] : []) + (inv.value("--branch") != nil ? ["--branch"] : [])
            + (inv.values("--set").isEmpty ? [] : ["--set"])
        if let first = single.first {
            throw inv.usageError("\(first) upgrades one service; it cannot be combined with --all")
        }
        if inv.flag("--push") && inv.flag("--dry-run") {
            throw inv.usageError("--push cannot be combined with --dry-run")
        }
        if inv.flag("--skip-existing") && inv.flag("--replace-existing") {
            throw inv.usageError("--skip-existing and --replace-existing exclude each other")
        }
        let options = FleetUpgrade.Options(
            to: inv.value("--to"), goldenPath: inv.value("--golden-path"),
            existing: inv.flag("--skip-existing") ? .skip : inv.flag("--replace-existing") ? .replace : .keep,
            commitConflicts: inv.flag("--commit-conflicts"), push: inv.flag("--push"), dryRun: inv.flag("--dry-run"),
            jobs: try inv.positiveInteger("--jobs") ?? FleetSelection.defaultJobs(), environment: inv.environment)
        let (locations, cache) = try Diagnostics.run { () throws(ScaffoldError) in
            let catalog = try CatalogContext.locate(explicit: inv.value("--catalog"), environment: inv.environment)
            let shard = try inv.value("--shard").map { text throws(ScaffoldError) in
                try FleetShard.parse(text, environment: inv.environment)
            }
            let selection = FleetSelection(roots: inv.positionals("PATH"), reposFile: inv.value("--repos"), shard: shard)
            return (try selection.locations(), GoldenPathCache(catalog: catalog))
        }
        let progress = inv.console.isInteractive ? FleetProgress(total: locations.count, write: inv.console.writeError) : nil
        let reports = FleetUpgrade.run(locations, options: options, cache: cache) { done in
            progress?.update(done: done)
        }
        progress?.finish()
        let json = FleetReportJSON.encode(reports, dryRun: options.dryRun)
        if let file = inv.value("--report") { try StatusCommand.write(json.text + "\n", to: file) }
        if let folder = inv.value("--pr-body-dir") { try writePullRequests(reports, to: folder) }
        if inv.flag("--json") {
            inv.console.print(json.text)
        } else {
            printSummary(reports, dryRun: options.dryRun, console: inv.console)
        }
        return reports.allSatisfy(\.outcome.isDone) ? .success : .findings
    }

    /// `DIR/<service path relative to its root>.md`, one per service with a prepared upgrade.
    static func writePullRequests(_ reports: [ServiceUpgradeReport], to folder: String) throws(CLIError) {
        for report in reports {
            guard let body = report.pullRequest else { continue }
            let name = report.location.relativePath == "." ? (report.location.path as NSString).lastPathComponent
                : report.location.relativePath
            let file = folder + "/" + name + ".md"
            do {
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
            } catch {
                throw CLIError(Diagnostic(file: folder, message: "cannot create folder: \(error.localizedDescription)"))
            }
            try StatusCommand.write(body, to: file)
        }
    }

    private static func printSummary(_ reports: [ServiceUpgradeReport], dryRun: Bool, console: Console) {
        let style = console.outputStyle
        if reports.isEmpty {
            console.print("No services found")
            return
        }
        var table = FleetTable(["SERVICE", "GOLDEN PATH", "FROM", "TO", "CHANGED", "OUTCOME"])
        for report in reports {
            let label = report.outcome.label
            let styled = report.outcome.isDone ? style.green(label)
                : report.outcome.key == "failed" ? style.red(label) : style.yellow(label)
            table.append([Paths.relativeToCurrent(report.location.path), report.goldenPath ?? "-",
                          report.from?.description ?? "-", report.to?.description ?? "-",
                          String(report.filesChanged.count), styled])
        }
        console.print(table.rendered(style: style))
        let conflicted = reports.filter { !$0.conflictedFiles.isEmpty }
        if !conflicted.isEmpty {
            console.print("\nConflicts:")
            for report in conflicted {
                console.print("  \(Paths.relativeToCurrent(report.location.path)): \(report.conflictedFiles.joined(separator: ", "))")
            }
        }
        var counts: [String: Int] = [:]
        for report in reports { counts[report.outcome.key, default: 0] += 1 }
        let order = ["upgraded", "already_proposed", "already_current", "conflicts", "skipped", "failed"]
        let parts = order.compactMap { key in
            counts[key].map { "\($0) " + (key == "conflicts" ? "with conflicts" : key.replacingOccurrences(of: "_", with: " ")) }
        }
        console.print("\n\(reports.count) service\(reports.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
                      + (dryRun ? " (dry run: no branches written)" : ""))
    }
}
