import Scaffold

extension Diagnostics {
    /// Runs a use case; its error keeps its location, and its kind decides the exit code:
    /// bad input exits 2 (nothing was changed), an operation that could not finish exits 1.
    static func run<T>(_ body: () throws(ScaffoldError) -> T) throws(CLIError) -> T {
        do {
            return try body()
        } catch {
            let exitCode: ExitCode = switch error.kind {
            case .invalidInput: .usage
            case .operationFailed: .findings
            }
            throw CLIError(Diagnostic(location: error.location, message: error.message), exitCode: exitCode)
        }
    }
}
