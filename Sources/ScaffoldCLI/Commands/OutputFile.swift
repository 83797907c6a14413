import Foundation

/// Files a command writes on request (`--report`, `--html`, `--pr-body-dir`): a failure is the
/// path with the reason, exit 2.
enum OutputFile {
    static func write(_ text: String, to path: String) throws(CLIError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError(Diagnostic(file: path, message: "cannot write: \(error.localizedDescription)"), exitCode: .usage)
        }
    }
}
