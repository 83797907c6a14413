import Foundation
import Scaffold
import Synchronization

/// The JSON report of `upgrade --all` (`--report FILE`, `--json`), written a service at a time as
/// results arrive, so a run over thousands of services never holds the whole report: the same
/// bytes `UpgradeOutput.fleetJSON(...).text` gives (keys sorted: `catalog`, `dry_run`, then the
/// `services` as they come, then `summary`). The file is written beside its path (a `Staging`
/// file: removed on Ctrl-C, swept by the next run after kill -9) and renamed into place at the
/// end, so an interrupted run leaves the old report or none, never half of one.
final class FleetReport: Sendable {
    private struct State {
        var file: FileHandle?
        var services = 0
        var counts: [String: Int] = [:]
        var failure: String?
    }
    private let state: Mutex<State>
    private let path: String?
    private let partial: String?
    private let console: Console?

    /// nil when neither a file nor standard output wants the report.
    init?(path: String?, toStandardOutput: Bool, console: Console, dryRun: Bool, catalog: CatalogContext) throws(CLIError) {
        guard path != nil || toStandardOutput else { return nil }
        self.path = path
        self.console = toStandardOutput ? console : nil
        var file: FileHandle?
        if let path {
            let partial = Staging.file(beside: path)
            guard FileManager.default.createFile(atPath: partial, contents: nil), let handle = FileHandle(forWritingAtPath: partial) else {
                InterruptCleanup.unregister(partial)
                throw CLIError(Diagnostic(file: path, message: "cannot write: \(String(cString: strerror(errno)))"), exitCode: .usage)
            }
            self.partial = partial
            file = handle
        } else {
            partial = nil
        }
        state = Mutex(State(file: file))
        let head = JSON.object(["catalog": UpgradeOutput.catalogJSON(catalog), "dry_run": .bool(dryRun)]).text
        emit(String(head.dropLast(2)) + ",\n  \"services\": [")
    }

    /// One service, in order.
    func append(_ result: UpgradeResult) {
        let text = UpgradeOutput.json(result).text(indent: "    ")
        let first = state.withLock { state in
            state.counts[result.outcome.key, default: 0] += 1
            state.services += 1
            return state.services == 1
        }
        emit((first ? "\n    " : ",\n    ") + text)
    }

    /// The summary and the closing brackets; the file renamed into place.
    func finish() throws(CLIError) {
        let (services, counts) = state.withLock { ($0.services, $0.counts) }
        let summary = JSON.object(counts.mapValues { JSON.int($0) }).text(indent: "  ")
        emit((services == 0 ? "]" : "\n  ]") + ",\n  \"summary\": " + summary + "\n}\n")
        let (file, failure) = state.withLock { state in
            defer { state.file = nil }
            return (state.file, state.failure)
        }
        guard let path, let partial else { return }
        try? file?.close()
        defer { InterruptCleanup.unregister(partial) }
        if let failure {
            try? FileManager.default.removeItem(atPath: partial)
            throw CLIError(Diagnostic(file: path, message: "cannot write: \(failure)"), exitCode: .usage)
        }
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: partial)
            throw CLIError(Diagnostic(file: path, message: "cannot write: \(reason)"), exitCode: .usage)
        }
    }

    private func emit(_ text: String) {
        console?.print(text, terminator: "")
        state.withLock { state in
            guard let file = state.file, state.failure == nil else { return }
            do { try file.write(contentsOf: Data(text.utf8)) } catch { state.failure = error.localizedDescription }
        }
    }
}
