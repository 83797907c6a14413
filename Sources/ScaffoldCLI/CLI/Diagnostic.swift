import Locations

/// One message for a person, optionally pinned to a place in a file. Rendered the way compilers
/// do (`error: FILE:LINE:COL: message`) so editors and CI annotators can jump to it.
struct Diagnostic: Equatable, Sendable {
    enum Severity: String, Sendable {
        case error, warning, note
    }

    var severity: Severity = .error
    var location: SourceLocation?
    var message: String

    init(severity: Severity = .error, location: SourceLocation?, message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// At a file, and a line and column in it when given; a line without a file points nowhere.
    init(severity: Severity = .error, file: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        var location = file.map { SourceLocation(file: $0) }
        if let line { location?.position = .init(line: line, column: column ?? 1) }
        self.init(severity: severity, location: location, message: message)
    }

    /// The location and message without the severity, e.g. for lint findings on stdout.
    /// Escaped for the terminal: messages quote names and paths from service repositories.
    var locatedMessage: String {
        Printable.escaping(location.map { "\($0): \(message)" } ?? message)
    }

    /// The full line: severity (colored when the style allows), location, message.
    func rendered(style: Style) -> String {
        let label = severity.rawValue + ":"
        let coloredLabel: String
        switch severity {
        case .error: coloredLabel = style.bold(style.red(label))
        case .warning: coloredLabel = style.bold(style.yellow(label))
        case .note: coloredLabel = style.bold(label)
        }
        return "\(coloredLabel) \(locatedMessage)"
    }
}
