/// One message for a person, optionally pinned to a place in a file. Rendered the way compilers
/// do (`error: FILE:LINE:COL: message`) so editors and CI annotators can jump to it.
struct Diagnostic: Equatable, Sendable {
    enum Severity: String, Sendable {
        case error, warning, note
    }

    var severity: Severity = .error
    var file: String? = nil
    var line: Int? = nil
    var column: Int? = nil
    var message: String

    /// `FILE:LINE:COL`, shortened to what is known; nil without a file.
    var location: String? {
        guard let file else { return nil }
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    /// The location and message without the severity, e.g. for lint findings on stdout.
    var locatedMessage: String {
        location.map { "\($0): \(message)" } ?? message
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
