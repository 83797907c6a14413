import Foundation

/// Where a command writes, and how it may style what it writes. Commands print through this
/// rather than `print` so tests can capture output and `--no-color` applies everywhere.
struct Console: Sendable {
    /// Writes text to standard output exactly as given (no newline added).
    let writeOutput: @Sendable (String) -> Void
    /// Writes text to standard error exactly as given (no newline added).
    let writeError: @Sendable (String) -> Void
    /// Styling for text on standard output.
    let outputStyle: Style
    /// Styling for diagnostics on standard error.
    let errorStyle: Style
    /// Whether a person is at the keyboard: prompts and live progress lines only make sense then.
    let isInteractive: Bool

    /// The process's real streams, colored per stream as `Terminal` decides.
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        Console(
            writeOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            outputStyle: Terminal.style(for: Terminal.standardOutput, environment: environment),
            errorStyle: Terminal.style(for: Terminal.standardError, environment: environment),
            isInteractive: Terminal.isTerminal(Terminal.standardInput) && Terminal.isTerminal(Terminal.standardError)
        )
    }

    /// The same streams with all styling off, for `--no-color`.
    func withoutColor() -> Console {
        Console(writeOutput: writeOutput, writeError: writeError,
                outputStyle: .plain, errorStyle: .plain, isInteractive: isInteractive)
    }

    /// Writes text to standard output, followed by a newline unless `terminator` says otherwise.
    func print(_ text: String, terminator: String = "\n") {
        writeOutput(text + terminator)
    }

    /// Writes text to standard error, followed by a newline unless `terminator` says otherwise.
    func printError(_ text: String, terminator: String = "\n") {
        writeError(text + terminator)
    }
}
