/// The process exit status, restricted to the three meanings scaffold documents, so a handler
/// cannot invent a fourth one that scripts and CI would have to guess at.
struct ExitCode: Equatable, Hashable, Sendable, CustomStringConvertible {
    let rawValue: Int32

    private init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The command did what was asked and found nothing to report.
    static let success = ExitCode(0)
    /// The command ran and found something: conflicts, lint findings, drift under `--exit-code`.
    static let findings = ExitCode(1)
    /// Bad usage or bad input: unknown flags, missing arguments, invalid files or values.
    static let usage = ExitCode(2)

    var description: String { String(rawValue) }
}
