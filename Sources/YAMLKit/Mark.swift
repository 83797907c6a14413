/// A position in a YAML source, 1-based as editors show it.
public struct Mark: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The mark of nodes built in code rather than parsed.
    public static let none = Mark(line: 0, column: 0)

    public var description: String { "\(line):\(column)" }
}
