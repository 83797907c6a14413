import TemplateLanguage

extension GoldenPathError {
    /// A template's error at its own location (the template file's path is the template's name),
    /// with the excerpt and caret the template language prints under it.
    public init(templateError error: TemplateError) {
        var message = error.message
        if let line = error.sourceLine {
            let caret = String(repeating: " ", count: max(0, error.location.column - 1)) + "^"
            message += "\n    \(line)\n    \(caret)"
        }
        self.init(file: error.location.name, line: error.location.line, column: error.location.column, message: message)
    }
}
