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

/// The one place where errors from the use cases become what the user sees.
enum Diagnostics {
    /// Prints an error to stderr in the documented format.
    static func report(_ error: CLIError, on console: Console) {
        console.printError(error.rendered(style: console.errorStyle))
    }

    /// Prints one diagnostic (an error, warning or note) to stderr.
    static func report(_ diagnostic: Diagnostic, on console: Console) {
        console.printError(diagnostic.rendered(style: console.errorStyle))
    }
}
