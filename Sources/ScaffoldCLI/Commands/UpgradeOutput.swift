import Foundation
import GitKit
import Scaffold

/// How upgrade results print, for one service and for a fleet: the same words, the same JSON
/// object per service, and the command-line hints the use case does not know about.
enum UpgradeOutput {
    /// An outcome in plain words: `upgraded`, `already current`, `skipped: the work tree has …`.
    static func label(_ outcome: UpgradeOutcome) -> String {
        switch outcome {
        case .upgraded: "upgraded"
        case .adopted: "adopted"
        case .conflicts: "conflicts"
        case .alreadyCurrent: "already current"
        case .alreadyProposed: "already proposed"
        case .updated: "pull request updated"
        case .merged: "merged"
        case .declined: "declined (pull request closed; --reopen-declined to propose it again)"
        case .ahead: "ahead of the target"
        case .skipped(let reason): "skipped: " + words(reason)
        case .failed(let reason): "failed: " + reason
        }
    }

    /// A skip reason with what to do about it, naming this command's flags.
    static func words(_ reason: UpgradeOutcome.SkipReason) -> String {
        switch reason {
        case .dirtyWorkTree: "\(reason); commit or stash them first"
        case .branchExists: "\(reason) (left alone by --skip-existing)"
        case .branchHasOtherContent(let branch):
            "\(reason); delete it (git branch -D \(branch)), name another with --branch, or rebuild it with --replace-existing"
        case .operationInProgress, .anotherRunInProgress, .repositoryLocked: reason.description
        }
    }

    /// The JSON object of one service: `scaffold upgrade --json` prints it, `--all` lists one per service.
    static func json(_ result: UpgradeResult) -> JSON {
        var fields: [String: JSON] = [:]
        fields["path"] = .string(result.location.path)
        fields["name"] = .string(result.location.relativePath)
        fields["folder"] = .string(result.folder)
        fields["service"] = optional(result.service)
        fields["golden_path"] = optional(result.goldenPath)
        fields["from"] = optional(result.from?.description)
        fields["to"] = optional(result.to?.description)
        fields["outcome"] = .string(result.outcome.key)
        fields["reason"] = optional(reason(result.outcome))
        fields["base"] = optional(result.base.map { $0 == .history ? "history" : "re-rendered" })
        fields["branch"] = optional(result.branch)
        fields["commit"] = optional(result.commit?.hex)
        fields["pristine_commit"] = optional(result.pristineCommit?.hex)
        fields["in_place"] = .bool(result.inPlace)
        fields["dry_run"] = .bool(result.dryRun)
        fields["pushed"] = .bool(result.pushed)
        fields["files_changed"] = .array(result.filesChanged.map(JSON.string))
        fields["conflicted_files"] = .array(result.conflictedFiles.map(JSON.string))
        fields["files"] = ChangeListing.json(result.changes)
        fields["conflicts"] = ChangeListing.json(result.conflicts)
        fields["migrated_answers"] = .array(result.migrationNotes.map(JSON.string))
        fields["merged_by_key"] = .array(result.mergedStructurally.map(JSON.string))
        fields["key_conflicts"] = .object(result.keyConflicts.mapValues { .array($0.map(JSON.string)) })
        fields["pr_description"] = optional(result.description)
        fields["pr_description_path"] = optional(result.descriptionPath)
        fields["recovered"] = optional(result.recovery.map(recoveryKey))
        fields["recovery_kept"] = .array(recoveryKept(result.recovery).map(JSON.string))
        fields["url"] = optional(result.repositoryURL)
        fields["pr"] = result.pullRequest.map { pull in
            JSON.object(["number": .int(pull.number), "url": .string(pull.url), "state": .string(pull.state), "draft": .bool(pull.draft)])
        } ?? .null
        if let calls = result.apiCalls { fields["api_calls"] = .object(["reads": .int(calls.reads), "writes": .int(calls.writes)]) }
        return .object(fields)
    }

    private static func recoveryKey(_ recovery: InPlaceRecovery) -> String {
        switch recovery {
        case .rolledBack: "rolled_back"
        case .completed: "completed"
        case .abandoned: "abandoned"
        }
    }

    private static func recoveryKept(_ recovery: InPlaceRecovery?) -> [String] {
        if case .rolledBack(let kept) = recovery { return kept }
        return []
    }

    /// What was done about an in-place upgrade a killed run left, in a sentence.
    static func recoveryNote(_ recovery: InPlaceRecovery) -> String {
        switch recovery {
        case .rolledBack(let kept):
            "put back the work tree an interrupted in-place upgrade had half changed"
                + (kept.isEmpty ? "" : " (kept, as changed since: \(kept.joined(separator: ", ")))")
        case .completed: "finished an in-place upgrade that had been interrupted after writing everything"
        case .abandoned: "dropped the record of an interrupted in-place upgrade: HEAD has moved since"
        }
    }

    private static func optional(_ text: String?) -> JSON {
        text.map(JSON.string) ?? .null
    }

    private static func reason(_ outcome: UpgradeOutcome) -> String? {
        if case .skipped(let reason) = outcome { return words(reason) }
        return outcome.reason
    }


    /// Which catalog a report came from: where (as given) and, for a git catalog, the commit.
    static func catalogJSON(_ catalog: CatalogContext) -> JSON {
        .object(["source": .string(catalog.sourceLabel), "commit": catalog.revision.map { JSON.string($0) } ?? .null])
    }

    /// One service's upgrade in sentences, with its changed and conflicted files.
    static func printSummary(_ result: UpgradeResult, console: Console) {
        let style = console.outputStyle
        let service = Printable.escaping(result.service ?? result.location.relativePath)
        let goldenPath = Printable.escaping(result.goldenPath ?? "-")
        let from = result.from?.description ?? "-"
        let to = result.to?.description ?? "-"
        if let recovery = result.recovery { console.print(style.dim("note: " + Printable.escaping(recoveryNote(recovery)))) }
        guard result.hasMerge else {
            switch result.outcome {
            case .ahead: console.print("\(service) is on \(goldenPath) \(from), ahead of \(to): nothing to do")
            case .skipped(let reason): console.print("Left \(service) alone: \(words(reason))")
            default: console.print("\(service) is already on \(goldenPath) \(from)")
            }
            return
        }
        let move = result.from == result.to
            ? "\(service) (re-rendered from \(goldenPath) \(to) with new answers)"
            : "\(service) from \(goldenPath) \(from) to \(to)"
        let commit = result.commit.map { " (commit \($0.abbreviated()))" } ?? ""
        let whereTo = result.inPlace ? "on \(result.headBranch ?? "HEAD")"
            : result.branch.map { "on branch \(style.bold($0))" } ?? ""
        switch (result.outcome, result.dryRun) {
        case (.alreadyProposed, _):
            console.print("Upgrade of \(move) already proposed \(whereTo)\(commit)")
        case (.upgraded, true):
            console.print("Would upgrade \(move) without conflicts (dry run)")
        case (.conflicts, true):
            console.print("Would upgrade \(move) with \(style.red("\(result.conflicts.count) conflicts")) (dry run)")
        case (.upgraded, false):
            console.print("\(style.green("Upgraded")) \(move) \(whereTo)\(commit)")
        default:
            let landed = result.inPlace ? " in the work tree" : result.branch != nil ? " committed \(whereTo)\(commit)" : ""
            console.print("\(style.red("Conflicts")) upgrading \(move)\(landed)")
        }
        if result.base == .rerendered {
            console.print(style.dim("  re-rendered \(from): pristine history not found"))
        }
        for note in result.migrationNotes { console.print(style.dim("  answers: \(note.replacingOccurrences(of: "`", with: ""))")) }
        if !result.changes.isEmpty {
            console.print("\n\(result.changes.count) file\(result.changes.count == 1 ? "" : "s") changed:")
            ChangeListing.lines(result.changes).forEach { console.print($0) }
        }
        if !result.mergedStructurally.isEmpty {
            console.print(style.dim("  merged key by key: " + result.mergedStructurally.map(Printable.escaping).joined(separator: ", ")))
        }
        if result.hasConflicts {
            console.print("\n\(result.conflicts.count) conflicted file\(result.conflicts.count == 1 ? "" : "s"):")
            ChangeListing.conflictLines(result.conflicts).forEach { console.print(style.red($0)) }
            for (file, keys) in result.keyConflicts.sorted(by: { $0.key < $1.key }) {
                console.print(style.red("    \(Printable.escaping(file)): both sides changed " + keys.map(Printable.escaping).joined(separator: ", ")))
            }
            if result.inPlace {
                let markers = result.conflicts.contains { $0.kind.hasMarkers } ? "Resolve the markers (and the files listed), " : "Resolve the files listed, "
                console.print("\n\(markers)then 'git add' or 'git rm' them and 'git commit'; or 'git merge --abort'.")
            } else if result.branch == nil && !result.dryRun {
                console.print("\nNo branch created: run with --in-place to resolve the conflicts here, "
                    + "or --commit-conflicts to commit the markers on the branch.")
            }
        }
        if let path = result.descriptionPath {
            console.print(style.dim("\nPull-request description: \(Paths.relativeToCurrent(path))"))
        }
        if result.pushed, let branch = result.branch { console.print("Pushed \(branch) to origin") }
        if let pull = result.pullRequest { console.print("Pull request #\(pull.number) (\(pull.state)): \(Printable.escaping(pull.url))") }
    }

    /// The fleet as a table, its conflicts, and one line of counts.
    static func printFleetSummary(_ results: [UpgradeResult], dryRun: Bool, console: Console) {
        let style = console.outputStyle
        if results.isEmpty {
            console.print("No services found")
            return
        }
        var table = FleetTable(["SERVICE", "GOLDEN PATH", "FROM", "TO", "CHANGED", "OUTCOME"])
        for result in results {
            let text = Printable.escaping(label(result.outcome))
            let styled = result.outcome.isDone ? style.green(text)
                : result.outcome.key == "failed" ? style.red(text) : style.yellow(text)
            let name = Paths.service(at: result.location.path, url: result.repositoryURL, folder: result.folder)
            table.append([Printable.escaping(name), Printable.escaping(result.goldenPath ?? "-"),
                          result.from?.description ?? "-", result.to?.description ?? "-",
                          String(result.changedFileCount), styled])
        }
        console.print(table.rendered(style: style))
        let conflicted = results.filter { !$0.conflictedFiles.isEmpty }
        if !conflicted.isEmpty {
            console.print("\nConflicts:")
            for result in conflicted {
                console.print(Printable.escaping("  \(Paths.relativeToCurrent(result.location.path)): \(result.conflictedFiles.joined(separator: ", "))"))
            }
        }
        var counts: [String: Int] = [:]
        for result in results { counts[result.outcome.key, default: 0] += 1 }
        let parts = UpgradeOutcome.keys.compactMap { key in
            counts[key].map { "\($0) " + (key == "conflicts" ? "with conflicts" : key.replacingOccurrences(of: "_", with: " ")) }
        }
        console.print("\n\(results.count) service\(results.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
                      + (dryRun ? " (dry run: no branches written)" : ""))
    }

    /// `DIR/<service path relative to its root>.md`, one per service with a prepared upgrade.
    static func writePullRequests(_ results: [UpgradeResult], to folder: String) throws(CLIError) {
        let prepared = results.filter { $0.description != nil }
        for (result, name) in zip(prepared, pullRequestFileNames(prepared.map(\.location))) {
            let file = folder + "/" + name
            do {
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
            } catch {
                throw CLIError(Diagnostic(file: folder, message: "cannot create folder: \(error.localizedDescription)"))
            }
            try OutputFile.write(result.description ?? "", to: file)
        }
    }

    /// One file name per service, always inside the folder and never shared: the service's path
    /// relative to its root (without `.`, `..` or a leading `/`, so `../svc` stays inside), and,
    /// when two services would get the same name (`payments` under two roots), a stable hash of
    /// each one's full path after it.
    static func pullRequestFileNames(_ locations: [ServiceLocation]) -> [String] {
        let names = locations.map { location -> String in
            // A repository listed by URL is named by its host and path (`github.com/acme/payments`).
            let relative = location.remote.flatMap { URLComponents(string: $0) }
                .map { ($0.host ?? "local") + ($0.path.hasSuffix(".git") ? String($0.path.dropLast(4)) : $0.path) }
                ?? location.relativePath
            let parts = relative.split(separator: "/").filter { $0 != "." && $0 != ".." }
            return parts.isEmpty ? (location.path as NSString).lastPathComponent : parts.joined(separator: "/")
        }
        var uses: [String: Int] = [:]
        for name in names { uses[name, default: 0] += 1 }
        return zip(names, locations).map { name, location in
            guard uses[name, default: 0] > 1 else { return name + ".md" }
            return name + "-" + String(String(StableHash.fnv1a64(location.path), radix: 16).prefix(8)) + ".md"
        }
    }
}
