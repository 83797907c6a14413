import GitKit
import GoldenPath
import TemplateLanguage
import YAMLKit

/// Every failure a use case reports: a message, where it points (when it points somewhere),
/// and the exit code it means. Wraps the lower layers' typed errors without losing their location.
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String
    /// 2 for bad input or usage (the default), 1 for "ran and found something".
    public var exitCode: Int32

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, message: String, exitCode: Int32 = 2) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.exitCode = exitCode
    }

    public init(_ error: GoldenPathError) {
        var copy = error
        copy.file = ""
        self.init(file: error.file.isEmpty ? nil : error.file,
                  line: error.line > 0 ? error.line : nil,
                  column: error.line > 0 ? error.column : nil,
                  message: copy.description)
    }

    public init(_ error: GitError, path: String? = nil) {
        self.init(file: path, message: error.description)
    }

    public init(_ error: TemplateError) {
        self.init(GoldenPathError(templateError: error))
    }

    public init(_ error: YAMLError) {
        self.init(GoldenPathError(error))
    }

    public var description: String {
        guard let file else { return message }
        guard let line else { return "\(file): \(message)" }
        return "\(file):\(line):\(column ?? 1): \(message)"
    }
}

/// Runs `body`, turning the lower layers' errors into `ScaffoldError`s.
func mapErrors<T>(path: String? = nil, _ body: () throws -> T) throws(ScaffoldError) -> T {
    do {
        return try body()
    } catch let error as ScaffoldError {
        throw error
    } catch let error as GoldenPathError {
        throw ScaffoldError(error)
    } catch let error as GitError {
        throw ScaffoldError(error, path: path)
    } catch let error as TemplateError {
        throw ScaffoldError(error)
    } catch let error as YAMLError {
        throw ScaffoldError(error)
    } catch {
        throw ScaffoldError(message: "\(error)")
    }
}
