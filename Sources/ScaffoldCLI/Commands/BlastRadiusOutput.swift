import Scaffold

/// How `scaffold test --fleet` shows a blast radius: the per-service table, then the folds (by
/// template file, migration, changed default) and a one-line verdict; or all of it as JSON.
enum BlastRadiusOutput {
    static func print(_ report: BlastRadius.Report, console: Console) {
        let style = console.outputStyle
        let target = "\(report.goldenPath) \(report.version)"
        guard !report.results.isEmpty else {
            console.print("No services of \(Printable.escaping(report.goldenPath)) found")
            return
        }
        var table = FleetTable(["SERVICE", "FROM", "RESULT", "DETAIL"])
        for ((result, label), verdict) in zip(zip(report.results, report.labels), report.verdicts) {
            let styled: String
            switch verdict {
            case .clean, .current, .ahead: styled = style.green(verdict.rawValue)
            case .conflicts, .skipped: styled = style.yellow(verdict.rawValue)
            case .fails: styled = style.red(verdict.rawValue)
            }
            table.append([Printable.escaping(label), result.from?.description ?? "-", styled, Printable.escaping(detail(result))])
        }
        console.print(table.rendered(style: style))
        if !report.conflictsByFile.isEmpty {
            console.print("\nConflicts by template file:")
            for file in report.conflictsByFile {
                console.print(Printable.escaping("  \(file.file): \(services(file.services))"))
                for key in file.keys { console.print(Printable.escaping("    \(key.subject): \(services(key.services))")) }
            }
        }
        for (title, counts) in [("Migrations that fire", report.migrations), ("Defaults that change", report.changedDefaults)]
        where !counts.isEmpty {
            console.print("\n\(title):")
            for count in counts { console.print(Printable.escaping("  \(count.subject): \(services(count.services))")) }
        }
        let parts = BlastRadius.Verdict.allCases.compactMap { verdict -> String? in
            let count = report.count(verdict)
            return count == 0 ? nil : "\(count) \(verdict.rawValue)"
        }
        let verdict = report.isHarmful ? style.red("would hurt") : style.green("safe to publish")
        console.print("\n\(target) over \(report.results.count) service\(report.results.count == 1 ? "" : "s"): "
                      + parts.joined(separator: ", ") + " (\(verdict); nothing was written)")
    }

    /// `3 services (a, b, c)`, naming at most five.
    static func services(_ names: [String]) -> String {
        let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
        return "\(names.count) service\(names.count == 1 ? "" : "s") (\(shown))"
    }

    /// What a row says besides its verdict: the conflicted files, or why it fails or was skipped.
    static func detail(_ result: UpgradeResult) -> String {
        if !result.conflictedFiles.isEmpty { return result.conflictedFiles.joined(separator: ", ") }
        if let reason = result.outcome.reason { return reason }
        if result.hasMerge { return "\(result.filesChanged.count) files change" }
        return ""
    }

    static func json(_ report: BlastRadius.Report) -> JSON {
        func counts(_ counts: [BlastRadius.Count]) -> JSON {
            .array(counts.map { .object(["subject": .string($0.subject), "services": .array($0.services.map(JSON.string))]) })
        }
        var summary: [String: JSON] = [:]
        for verdict in BlastRadius.Verdict.allCases { summary[verdict.rawValue] = .int(report.count(verdict)) }
        let services = zip(zip(report.results, report.labels), report.verdicts).map { pair, verdict -> JSON in
            let (result, label) = pair
            var row: [String: JSON] = [
                "service": .string(label),
                "from": result.from.map { .string($0.description) } ?? .null,
                "result": .string(verdict.rawValue),
                "files_changed": .array(result.filesChanged.map(JSON.string)),
                "conflicts": .array(result.conflictedFiles.map(JSON.string)),
                "migrations": .array(result.migrationNotes.map(JSON.string)),
                "changed_defaults": .array(result.changedDefaults.map(JSON.string)),
            ]
            if let reason = result.outcome.reason { row["reason"] = .string(reason) }
            return .object(row)
        }
        return .object([
            "golden_path": .string(report.goldenPath),
            "version": .string(report.version.description),
            "harmful": .bool(report.isHarmful),
            "summary": .object(summary),
            "services": .array(services),
            "conflicts_by_file": .array(report.conflictsByFile.map { file in
                .object(["file": .string(file.file), "services": .array(file.services.map(JSON.string)), "keys": counts(file.keys)])
            }),
            "migrations": counts(report.migrations),
            "changed_defaults": counts(report.changedDefaults),
        ])
    }
}
