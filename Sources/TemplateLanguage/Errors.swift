import Locations

/// Every failure of lexing, parsing or rendering. Always carries a location, so users
/// can jump to the offending spot; `description` prints it with an excerpt and a caret.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The template text is malformed.
        case syntax
        /// A strict undefined value was used.
        case undefined
        /// An operation got a value of the wrong type (Python's TypeError).
        case type
        /// An operation got a value of the right type but a bad content (ValueError, ZeroDivisionError).
        case value
        /// A sandbox limit (loop iterations, recursion, output size, range length) was exceeded.
        case limit
        /// An included or imported template could not be loaded.
        case include
        /// An unknown filter, test or function.
        case unknown
    }

    public let kind: Kind
    public let message: String
    /// The template's name as the file, and the line and column. Nil only while the error
    /// travels up from a helper that does not know where it is; the interpreter stamps the
    /// location of the nearest enclosing node before it leaves the engine.
    public let location: SourceLocation?
    public let sourceLine: String?

    public init(kind: Kind, message: String, location: SourceLocation, sourceLine: String?) {
        self.kind = kind
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
    }

    /// An error raised where the location is not known yet (filters, methods, operators).
    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
        self.location = nil
        self.sourceLine = nil
    }

    /// An error inside an included template, saying which include reached it: the partial alone
    /// does not tell which of its includers gave it the context it failed on.
    func included(from site: SourceLocation, template: String) -> TemplateError {
        guard let location, location.file == template || message.contains("; included from ") else { return self }
        return TemplateError(kind: kind, message: message + "; included from \(site)", location: location, sourceLine: sourceLine)
    }

    /// The message with the source line and a caret under the column, when both are known.
    public var messageWithExcerpt: String {
        guard let sourceLine, let column = location?.column else { return message }
        return message + "\n" + SourceExcerpt.lines(sourceLine, column: column)
    }

    public var description: String {
        location.map { "\($0): \(messageWithExcerpt)" } ?? messageWithExcerpt
    }
}
