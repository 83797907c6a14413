import Foundation
import YAMLKit

/// An error in a golden path, a values file, a `--set` argument or an answers file, located so a
/// person can jump to it: `FILE:LINE:COL: key.path: message`.
public struct GoldenPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Dotted path of the offending key (`spec.parameters[2].default`, `resources.requests.memory`), or empty.
    public var keyPath: String
    public var message: String
    /// The value as written, when the error is about a value.
    public var value: String?
    /// The layer a value came from, when the error is about a resolved value.
    public var source: ValueSource?

    public init(file: String, line: Int, column: Int, keyPath: String = "", message: String,
                value: String? = nil, source: ValueSource? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
        self.value = value
        self.source = source
    }

    public init(file: String, mark: Mark, keyPath: String = "", message: String, value: String? = nil, source: ValueSource? = nil) {
        self.init(file: file, line: mark.line, column: mark.column, keyPath: keyPath, message: message, value: value, source: source)
    }

    /// An error about a whole file or folder (line and column 0: no position to point at).
    public init(file: String?, message: String) {
        self.init(file: file ?? "", line: 0, column: 0, message: message)
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
        self.init(file: yaml.file, line: yaml.line, column: yaml.column, message: yaml.message)
    }

    public var description: String {
        var subject = ""
        if let value, !keyPath.isEmpty {
            subject = "`\(keyPath): \(value)`"
        } else if !keyPath.isEmpty {
            subject = keyPath
        }
        if let source { subject += subject.isEmpty ? "(\(source))" : " (\(source))" }
        let text = subject.isEmpty ? message : "\(subject): \(message)"
        return location.isEmpty ? text : "\(location): \(text)"
    }

    /// `FILE:LINE:COL`, `FILE` when there is no position, or empty when there is no file.
    public var location: String {
        if file.isEmpty { return "" }
        return line > 0 ? "\(file):\(line):\(column)" : file
    }
}
