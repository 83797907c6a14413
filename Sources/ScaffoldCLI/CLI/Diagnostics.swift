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
