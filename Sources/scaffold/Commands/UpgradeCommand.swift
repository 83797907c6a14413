import Foundation
import GitKit
import Scaffold

/// `scaffold upgrade [DIR]`: upgrades one service to a newer version of its golden path.
/// Exit 0 when upgraded, current or already proposed; 1 with conflicts; 2 on bad input or a dirty work tree.
enum UpgradeCommand {
    static let fleetOptions = ["--repos", "--golden-path", "--jobs", "--shard", "--report", "--pr-body-dir"]
    static let fleetFlags = ["--skip-existing", "--replace-existing"]

    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        if inv.flag("--all") { return try FleetUpgradeCommand.run(inv) }
        let request = try request(inv)
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try UpgradeService.run(request, environment: inv.environment)
        }
        if inv.flag("--json") {
            inv.console.print(JSON.encode(json(result)))
        } else {
            printSummary(result, console: inv.console)
        }
        return result.status == .conflicts ? .findings : .success
    }

    private static func request(_ inv: Invocation) throws(CLIError) -> UpgradeService.Request {
        for name in fleetOptions where inv.value(name) != nil { throw inv.usageError("\(name) needs --all") }
        for name in fleetFlags where inv.flag(name) { throw inv.usageError("\(name) needs --all") }
        let paths = inv.positionals("PATH")
        guard paths.count <= 1 else { throw inv.usageError("expected one service folder (several need --all)") }
        let inPlace = inv.flag("--in-place")
        let dryRun = inv.flag("--dry-run")
        if inPlace && (inv.value("--branch") != nil || inv.flag("--commit-conflicts")) {
            throw inv.usageError("--in-place merges into the current branch; it takes neither --branch nor --commit-conflicts")
        }
        if inv.flag("--push") && (inPlace || dryRun) {
            throw inv.usageError("--push pushes the upgrade branch; it cannot be combined with --in-place or --dry-run")
        }
        let mode: UpgradeMode = dryRun ? .dryRun
            : inPlace ? .inPlace : .branch(name: inv.value("--branch"), commitConflicts: inv.flag("--commit-conflicts"))
        return UpgradeService.Request(
            path: paths.first ?? ".", to: inv.value("--to"), catalog: inv.value("--catalog"),
            options: ServiceUpgrade.Options(sets: inv.values("--set"), mode: mode, push: inv.flag("--push")))
    }

    private static func json(_ result: UpgradeResult) -> [String: JSON] {
        [
            "status": .string(result.status.rawValue),
            "service": .string(result.service),
            "golden_path": .string(result.goldenPath),
            "from": .string(result.from.description),
            "to": .string(result.to.description),
            "base": result.plan.map { .string($0.base.origin == .history ? "history" : "re-rendered") } ?? .null,
            "branch": result.branch.map { .string($0) } ?? .null,
            "commit": result.commit.map { .string($0.hex) } ?? .null,
            "pristine_commit": result.plan.map { .string($0.pristine.hex) } ?? .null,
            "in_place": .bool(result.inPlace),
            "dry_run": .bool(result.dryRun),
            "pushed": .bool(result.pushed),
            "files": ChangeListing.json(result.changes),
            "conflicts": ChangeListing.json(result.conflicts),
            "migrated_answers": .array((result.plan?.migrationNotes ?? []).map { .string($0) }),
            "pr_description": result.description.map { .string($0) } ?? .null,
            "pr_description_path": result.descriptionPath.map { .string($0) } ?? .null,
        ]
    }

    private static func printSummary(_ result: UpgradeResult, console: Console) {
        let style = console.outputStyle
        let move = result.from == result.to
            ? "\(result.service) (re-rendered from \(result.goldenPath) \(result.to) with new answers)"
            : "\(result.service) from \(result.goldenPath) \(result.from) to \(result.to)"
        guard let plan = result.plan else {
            console.print("\(result.service) is already on \(result.goldenPath) \(result.from)")
            return
        }
        let commit = result.commit.map { " (commit \($0.abbreviated()))" } ?? ""
        let whereTo = result.inPlace ? "on \(plan.service.branch ?? "HEAD")" : result.branch.map { "on branch \(style.bold($0))" } ?? ""
        switch (result.status, result.dryRun) {
        case (.alreadyProposed, _):
            console.print("Upgrade of \(move) already proposed \(whereTo)\(commit)")
        case (.upgraded, true):
            console.print("Would upgrade \(move) without conflicts (dry run)")
        case (.conflicts, true):
            console.print("Would upgrade \(move) with \(style.red("\(plan.conflicts.count) conflicts")) (dry run)")
        case (.upgraded, false):
            console.print("\(style.green("Upgraded")) \(move) \(whereTo)\(commit)")
        default:
            let landed = result.inPlace ? " in the work tree" : result.branch != nil ? " committed \(whereTo)\(commit)" : ""
            console.print("\(style.red("Conflicts")) upgrading \(move)\(landed)")
        }
        if plan.base.origin == .rerendered {
            console.print(style.dim("  re-rendered \(plan.from): pristine history not found"))
        }
        for note in plan.migrationNotes { console.print(style.dim("  answers: \(note.replacingOccurrences(of: "`", with: ""))")) }
        if !result.changes.isEmpty {
            console.print("\n\(result.changes.count) file\(result.changes.count == 1 ? "" : "s") changed:")
            ChangeListing.lines(result.changes).forEach { console.print($0) }
        }
        if plan.hasConflicts {
            console.print("\n\(plan.conflicts.count) conflicted file\(plan.conflicts.count == 1 ? "" : "s"):")
            ChangeListing.conflictLines(plan.conflicts).forEach { console.print(style.red($0)) }
            if result.inPlace {
                console.print("\nResolve the markers, then 'git add' and 'git commit'; or 'git merge --abort'.")
            } else if result.branch == nil && !result.dryRun {
                console.print("\nNo branch created: run with --in-place to resolve the conflicts here, "
                    + "or --commit-conflicts to commit the markers on the branch.")
            }
        }
        if let path = result.descriptionPath {
            console.print(style.dim("\nPull-request description: \(Paths.relativeToCurrent(path))"))
        }
        if result.pushed, let branch = result.branch { console.print("Pushed \(branch) to origin") }
    }
}
