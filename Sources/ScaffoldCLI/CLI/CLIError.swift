/// The one error type a command handler throws: what to tell the user and which exit code
/// that means. A use case's `ScaffoldError` becomes one through `Diagnostics.run`.
struct CLIError: Error, Equatable, Sendable {
    var diagnostic: Diagnostic
    /// Lines printed after the diagnostic, e.g. "did you mean '--dry-run'?".
    var notes: [String]
    var exitCode: ExitCode

    init(_ diagnostic: Diagnostic, notes: [String] = [], exitCode: ExitCode = .usage) {
        self.diagnostic = diagnostic
        self.notes = notes
        self.exitCode = exitCode
    }

    /// An error without a location.
    init(_ message: String, notes: [String] = [], exitCode: ExitCode = .usage) {
        self.init(Diagnostic(message: message), notes: notes, exitCode: exitCode)
    }

    /// Bad usage of a command: the message, an optional suggestion, and where to read more.
    static func usage(_ message: String, suggestion: String? = nil, command: String) -> CLIError {
        var notes: [String] = []
        if let suggestion { notes.append("did you mean '\(suggestion)'?") }
        notes.append("see '\(command) --help'")
        return CLIError(message, notes: notes, exitCode: .usage)
    }

    /// Everything as printed on stderr, one line per entry.
    func rendered(style: Style) -> String {
        ([diagnostic.rendered(style: style)] + notes).joined(separator: "\n")
    }
}
