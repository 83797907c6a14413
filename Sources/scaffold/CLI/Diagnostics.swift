/// An error that knows where in which file it happened. Domain error types of the other modules
/// are conformed to this in the executable, so those modules need not know about the CLI.
protocol LocatedError: Error {
    var file: String? { get }
    var line: Int? { get }
    var column: Int? { get }
    var message: String { get }
}

extension LocatedError {
    /// The error as a diagnostic, keeping whatever location it has.
    var diagnostic: Diagnostic {
        Diagnostic(file: file, line: line, column: column, message: message)
    }
}

/// The one place where errors from the use cases become what the user sees and the exit code.
enum Diagnostics {
    /// Maps any error to a `CLIError`. Located errors keep their location; anything else is bad
    /// input (exit 2), described by its own `description` rather than a type dump.
    static func cliError(for error: any Error) -> CLIError {
        switch error {
        case let error as CLIError:
            return error
        case let error as any LocatedError:
            return CLIError(error.diagnostic, exitCode: .usage)
        default:
            return CLIError(String(describing: error), exitCode: .usage)
        }
    }

    /// Runs a use case, turning whatever it throws into a `CLIError`, so handlers can write
    /// `let result = try Diagnostics.catching { try Upgrade.run(...) }`.
    static func catching<T>(_ body: () throws -> T) throws(CLIError) -> T {
        do {
            return try body()
        } catch {
            throw cliError(for: error)
        }
    }

    /// Prints an error to stderr in the documented format.
    static func report(_ error: CLIError, on console: Console) {
        console.printError(error.rendered(style: console.errorStyle))
    }

    /// Prints one diagnostic (an error, warning or note) to stderr.
    static func report(_ diagnostic: Diagnostic, on console: Console) {
        console.printError(diagnostic.rendered(style: console.errorStyle))
    }
}
