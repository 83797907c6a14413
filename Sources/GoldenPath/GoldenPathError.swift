import Foundation
import Locations
import YAMLKit

/// An error in a golden path, a values file, a `--set` argument or an answers file, located so a
/// person can jump to it: `FILE:LINE:COL: key.path: message`.
public struct GoldenPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nil when there is no file to point at (a `--set` argument without a position, say).
    public var location: SourceLocation?
    /// Dotted path of the offending key (`spec.parameters[2].default`, `resources.requests.memory`), or empty.
    public var keyPath: String
    public var message: String
    /// The value as written, when the error is about a value.
    public var value: String?
    /// The layer a value came from, when the error is about a resolved value.
    public var source: ValueSource?

    public init(file: String, line: Int, column: Int, keyPath: String = "", message: String,
                value: String? = nil, source: ValueSource? = nil) {
        self.location = SourceLocation(file: file, line: line, column: column)
        self.keyPath = keyPath
        self.message = message
        self.value = value
        self.source = source
    }

    /// At a node's mark; a node built in code (`Mark.none`) points at the whole file.
    public init(file: String, mark: Mark, keyPath: String = "", message: String, value: String? = nil, source: ValueSource? = nil) {
        self.init(file: file, line: mark.line, column: mark.column, keyPath: keyPath, message: message, value: value, source: source)
        if mark == .none { location?.position = nil }
    }

    /// An error about a whole file or folder, or (nil) about nothing that is in a file.
    public init(file: String?, message: String) {
        self.init(file: "", line: 0, column: 0, message: message)
        location = file.map { SourceLocation(file: $0) }
    }

    /// A file that cannot be read, and why: located at its start (`values.yaml:1:1: cannot read
    /// file: no such file`), as every error a user can cause is.
    public static func unreadable(_ path: String) -> GoldenPathError {
        var isFolder: ObjCBool = false
        let reason = !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) ? "no such file"
            : isFolder.boolValue ? "it is a folder" : "permission denied"
        return GoldenPathError(file: path, line: 1, column: 1, message: "cannot read file: \(reason)")
    }

    /// A YAML syntax error in a golden path file.
    public init(_ yaml: YAMLError) {
        self.init(file: nil, message: yaml.message)
        location = yaml.location
    }

    /// The error without its location: `key.path: message`, for places that show the location apart.
    public var text: String {
        var subject = ""
        if let value, !keyPath.isEmpty {
            subject = "`\(keyPath): \(value)`"
        } else if !keyPath.isEmpty {
            subject = keyPath
        }
        if let source { subject += subject.isEmpty ? "(\(source))" : " (\(source))" }
        return subject.isEmpty ? message : "\(subject): \(message)"
    }

    public var description: String {
        location.map { "\($0): \(text)" } ?? text
    }
}
