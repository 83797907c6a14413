#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the terminal the process talks to. Color is decided per stream: diagnostics on a
/// terminal stderr stay colored even when stdout is piped into a file.
enum Terminal {
    static let standardInput: Int32 = 0
    static let standardOutput: Int32 = 1
    static let standardError: Int32 = 2

    /// Whether the file descriptor is a terminal (and so a person is probably reading it).
    static func isTerminal(_ fileDescriptor: Int32) -> Bool {
        isatty(fileDescriptor) == 1
    }

    /// Color only on a terminal, and never when the user opted out through `NO_COLOR`
    /// (https://no-color.org: any value, even empty) or the terminal cannot show it (`TERM=dumb`).
    static func wantsColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// The style for writing to a file descriptor of this process.
    static func style(for fileDescriptor: Int32, environment: [String: String]) -> Style {
        wantsColor(isTerminal: isTerminal(fileDescriptor), environment: environment) ? .colored : .plain
    }
}
