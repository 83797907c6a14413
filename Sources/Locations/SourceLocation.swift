/// Where a problem is: a file, and the 1-based line and column in it when the problem is at a
/// place (a problem with a whole file, such as "no such file", has none). Every module's errors
/// carry one of these, or nil when there is no file to point at; nothing else means "nowhere".
///
/// Printed the way compilers print, `FILE:LINE:COL` (or `FILE`), so editors and CI annotators
/// can jump to it.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var position: Position?

    /// A 1-based line and column (columns count Unicode scalars, as editors and Python do).
    public struct Position: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }

        public var description: String { "\(line):\(column)" }
    }

    public init(file: String, line: Int, column: Int) {
        self.file = file
        position = Position(line: line, column: column)
    }

    /// The whole file.
    public init(file: String) {
        self.file = file
        position = nil
    }

    public var line: Int? { position?.line }
    public var column: Int? { position?.column }

    /// The same place in another file (a template's name shown as its path, a path made relative).
    public func inFile(_ file: String) -> SourceLocation {
        var copy = self
        copy.file = file
        return copy
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        switch (a.position, b.position) {
        case let (x?, y?): return x < y
        case (nil, _?): return true
        default: return false
        }
    }

    public var description: String {
        position.map { "\(file):\($0)" } ?? file
    }
}

/// The source line of an error with a caret under its column, as compilers show it:
///
///     {{ name | upper( }}
///                    ^
///
/// The caret's indentation copies the line's tabs, so it lands under the right character in
/// tab-indented files (Makefiles, Go) whatever the terminal's tab width.
public enum SourceExcerpt {
    public static func lines(_ sourceLine: String, column: Int, indent: String = "    ") -> String {
        var caret = indent
        for scalar in sourceLine.unicodeScalars.prefix(max(0, column - 1)) { caret += scalar == "\t" ? "\t" : " " }
        return indent + sourceLine + "\n" + caret + "^"
    }
}

extension SourceLocation {
    /// Where the first byte that is not valid UTF-8 is in `bytes` (line and column as an editor
    /// shows them), or nil when all of `bytes` is UTF-8: "not UTF-8 text" points at the byte.
    public static func firstInvalidUTF8(in bytes: some Sequence<UInt8>, file: String) -> SourceLocation? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return nil
            case .error:
                return SourceLocation(file: file, line: line, column: column)
            }
        }
    }
}
