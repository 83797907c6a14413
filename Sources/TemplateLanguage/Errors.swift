/// A position in a template source: the template's name and a 1-based line and column
/// (columns count Unicode scalars, as Python counts string positions).
public struct SourceLocation: Sendable, Hashable {
    public let name: String
    public let line: Int
    public let column: Int

    public init(name: String, line: Int, column: Int) {
        self.name = name
        self.line = line
        self.column = column
    }
}

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
    public let location: SourceLocation
    public let sourceLine: String?
    /// False while the error travels up from a helper that does not know where it is;
    /// the interpreter stamps the location of the nearest enclosing node.
    let isLocated: Bool

    public init(kind: Kind, message: String, location: SourceLocation, sourceLine: String?) {
        self.kind = kind
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.isLocated = true
    }

    /// An error raised where the location is not known yet (filters, methods, operators).
    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
        self.location = SourceLocation(name: "", line: 0, column: 0)
        self.sourceLine = nil
        self.isLocated = false
    }

    public var description: String {
        var text = "\(location.name):\(location.line):\(location.column): \(message)"
        if let sourceLine {
            text += "\n    \(sourceLine)\n    "
            let prefix = sourceLine.unicodeScalars.prefix(max(0, location.column - 1))
            for scalar in prefix { text += scalar == "\t" ? "\t" : " " }
            text += "^"
        }
        return text
    }
}
