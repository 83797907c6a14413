/// One problem `scaffold lint` found, pointing at the file, line and column to fix.
public struct LintFinding: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    /// 1-based; findings about a whole file (its name, a missing folder) point at 1:1.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.message = message
    }

    /// `FILE:LINE:COL: message`, as compilers print, so editors and CI annotators can jump to it.
    public var description: String { "\(file):\(line):\(column): \(message)" }

    public static func < (a: LintFinding, b: LintFinding) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}
