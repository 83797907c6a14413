import Locations

/// A YAML syntax or structure error, located in its file.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.location = SourceLocation(file: file, line: line, column: column)
        self.message = message
    }

    /// About the whole file.
    public init(file: String, message: String) {
        self.location = SourceLocation(file: file)
        self.message = message
    }

    public init(file: String, mark: Mark, message: String) {
        self.init(file: file, line: mark.line, column: mark.column, message: message)
    }

    public var description: String { "\(location): \(message)" }
}
