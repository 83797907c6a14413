import Scaffold

/// The use cases' errors keep their location on the way to the terminal.
extension ScaffoldError: LocatedError {}

extension Diagnostics {
    /// Runs a use case; a `ScaffoldError` keeps its location and exit code.
    static func run<T>(_ body: () throws(ScaffoldError) -> T) throws(CLIError) -> T {
        do {
            return try body()
        } catch {
            throw CLIError(error.diagnostic, exitCode: error.exitCode == 1 ? .findings : .usage)
        }
    }
}
