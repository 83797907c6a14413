import Locations

/// One problem `scaffold lint` found, pointing at the file, line and column to fix.
public struct LintFinding: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Always with a position: findings about a whole file (its name, a missing folder) point at 1:1.
    public var location: SourceLocation
    public var message: String
    /// Worth a look, but nothing a render would trip on (a glob that matches nothing today):
    /// reported, and not a reason for lint to fail.
    public var isWarning = false

    public init(file: String, line: Int, column: Int, message: String, isWarning: Bool = false) {
        location = SourceLocation(file: file, line: max(line, 1), column: max(column, 1))
        self.message = message
        self.isWarning = isWarning
    }

    /// `FILE:LINE:COL: message` (`warning: message` for a warning), as compilers print, so
    /// editors and CI annotators can jump to it.
    public var description: String { "\(location): " + (isWarning ? "warning: " : "") + message }

    public static func < (a: LintFinding, b: LintFinding) -> Bool {
        (a.location, a.message) < (b.location, b.message)
    }
}
