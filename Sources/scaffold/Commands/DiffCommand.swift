import Foundation
import Scaffold

/// `scaffold diff [DIR]`: the unified diff an upgrade would make (or the drift from the pristine
/// render with `--drift`) on stdout; notes and conflicts on stderr so the patch stays applicable.
enum DiffCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        let request = ServiceDiff.Request(path: inv.positional("DIR") ?? ".", to: inv.value("--to"),
                                          drift: inv.flag("--drift"), catalog: inv.value("--catalog"))
        if request.drift && request.to != nil { throw inv.usageError("--drift compares with the current version; it takes no --to") }
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try ServiceDiff.run(request, environment: inv.environment)
        }
        let note = inv.console.errorStyle
        if result.base == .rerendered {
            inv.console.printError(note.dim("re-rendered \(result.from): pristine history not found"))
        }
        if let to = result.to, to == result.from {
            inv.console.printError(note.dim("\(result.service) is already on \(result.goldenPath) \(to)"))
        }
        if inv.flag("--stat") {
            ChangeListing.stat(result.files).forEach { inv.console.print($0) }
        } else {
            inv.console.print(result.files.map(\.patch).joined(), terminator: "")
        }
        if !result.conflicts.isEmpty {
            inv.console.printError(note.red("\(result.conflicts.count) conflicted file\(result.conflicts.count == 1 ? "" : "s"):"))
            ChangeListing.conflictLines(result.conflicts).forEach { inv.console.printError(note.red($0)) }
        }
        return inv.flag("--exit-code") && !result.files.isEmpty ? .findings : .success
    }
}
