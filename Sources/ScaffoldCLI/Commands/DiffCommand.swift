import Foundation
import Scaffold

/// `scaffold diff [DIR]`: the unified diff an upgrade would make (or the drift from the pristine
/// render with `--drift`) on stdout; notes and conflicts on stderr so the patch stays applicable.
struct DiffCommand: Command {
    static let drift = OptionSpec.flag("--drift", "Diff against the pristine render of the version the service is on")
    static let stat = OptionSpec.flag("--stat", "Print changed files with counts instead of the diff")
    static let exitCode = OptionSpec.flag("--exit-code", "Exit 1 when the diff is not empty")
    static let spec = CommandSpec(
        name: "diff",
        abstract: "Show what an upgrade would change, or how a service drifted from its template",
        discussion: """
            By default prints the unified diff the upgrade would make to the service's HEAD and the
            conflicts it would have. Writes nothing: not a file, a reference or a git object.
            """,
        positionals: [CommonPositionals.service],
        options: [CommonOptions.to, drift, stat, exitCode] + CommonOptions.readingCatalog)

    var request: ServiceDiff.Request
    var stat: Bool
    var exitCode: Bool
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        request = ServiceDiff.Request(path: arguments.positional(CommonPositionals.service) ?? ".",
                                      to: arguments.value(CommonOptions.to), drift: arguments.flag(Self.drift))
        stat = arguments.flag(Self.stat)
        exitCode = arguments.flag(Self.exitCode)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate() throws(CLIError) {
        if request.drift && request.to != nil { throw Self.usageError("--drift compares with the current version; it takes no --to") }
        try CommonOptions.checkVersion(request.to, of: CommonOptions.to, in: Self.spec.name)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let catalog = try CommonOptions.locateCatalog(catalog, context, forServices: true)
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try ServiceDiff.run(request, catalog: catalog)
        }
        let note = context.console.errorStyle
        let service = Printable.escaping(result.service)
        let goldenPath = Printable.escaping(result.goldenPath)
        if result.base == .rerendered {
            context.console.printError(note.dim("re-rendered \(result.from): pristine history not found"))
        }
        if let to = result.to, to == result.from {
            context.console.printError(note.dim("\(service) is already on \(goldenPath) \(to)"))
        } else if let to = result.to, to < result.from {
            context.console.printError(note.dim("\(service) is on \(goldenPath) \(result.from), ahead of \(to)"))
        }
        if stat {
            ChangeListing.stat(result.files).forEach { context.console.print($0) }
        } else {
            context.console.print(result.files.map(\.patch).joined(), terminator: "")
        }
        if !result.conflicts.isEmpty {
            context.console.printError(note.red("\(result.conflicts.count) conflicted file\(result.conflicts.count == 1 ? "" : "s"):"))
            ChangeListing.conflictLines(result.conflicts).forEach { context.console.printError(note.red($0)) }
        }
        return exitCode && !result.files.isEmpty ? .findings : .success
    }
}
