import Scaffold

/// The fleet upgrade report as `--report FILE.json` and `--json` write it.
enum FleetReportJSON {
    static func encode(_ reports: [ServiceUpgradeReport], dryRun: Bool) -> JSON {
        var counts: [String: JSON] = [:]
        for report in reports {
            if case .int(let n) = counts[report.outcome.key] ?? .int(0) { counts[report.outcome.key] = .int(n + 1) }
        }
        return .object([
            "dry_run": .bool(dryRun),
            "summary": .object(counts),
            "services": .array(reports.map { report in
                .object([
                    "path": .string(report.location.path),
                    "name": .string(report.location.relativePath),
                    "golden_path": report.goldenPath.map { JSON.string($0) } ?? .null,
                    "from": report.from.map { JSON.string($0.description) } ?? .null,
                    "to": report.to.map { JSON.string($0.description) } ?? .null,
                    "outcome": .string(report.outcome.key),
                    "reason": report.outcome.reason.map { JSON.string($0) } ?? .null,
                    "branch": report.branch.map { JSON.string($0) } ?? .null,
                    "pushed": .bool(report.pushed),
                    "files_changed": .array(report.filesChanged.map { JSON.string($0) }),
                    "conflicted_files": .array(report.conflictedFiles.map { JSON.string($0) }),
                ])
            }),
        ])
    }
}
