import Foundation
import GitKit
import GoldenPath
import Locations
import TemplateLanguage
import YAMLKit

/// Every failure a use case reports: what kind of failure, a message, and where it points (nil
/// when it points at no file). Wraps the lower layers' typed errors without losing their location.
public struct ScaffoldError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The request or its input is wrong (arguments, files, values, versions, a repository
        /// that is not a service): nothing was changed. Exit 2.
        case invalidInput
        /// A valid request could not be finished: the remote refused a push, a file could not
        /// be written. What was done before stays done and is reported. Exit 1.
        case operationFailed
    }

    public var kind: Kind
    public var location: SourceLocation?
    public var message: String
    /// For a failed git operation, its cause without the steps around it: the system's words for
    /// an OS error (`No space left on device`), else the library's message.
    public var reason: String?

    public init(_ kind: Kind = .invalidInput, location: SourceLocation?, message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    /// At a file (and a line and column in it, when given); nowhere when `file` is nil.
    public init(_ kind: Kind = .invalidInput, file: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        var location = file.map { SourceLocation(file: $0) }
        if let line { location?.position = .init(line: line, column: column ?? 1) }
        self.init(kind, location: location, message: message)
    }

    public init(_ error: GoldenPathError) {
        self.init(location: error.location, message: error.text)
    }

    public init(_ error: GitError, path: String? = nil, kind: Kind = .invalidInput) {
        self.init(kind, file: path, message: error.description)
        let last = error.message.components(separatedBy: ": ").last ?? ""
        reason = Self.systemMessages.contains(last) ? last : error.message
    }

    /// The C library's words for each `errno` (`No space left on device`).
    private static let systemMessages = Set((1...133).map { String(cString: strerror(Int32($0))) })

    public init(_ error: TemplateError) {
        self.init(GoldenPathError(templateError: error))
    }

    public init(_ error: YAMLError) {
        self.init(GoldenPathError(error))
    }

    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }

    /// The same error pointing at `location` (when there is one): an error about a name the
    /// service's files wrote points there, not at the catalog.
    func located(at location: SourceLocation?) -> ScaffoldError {
        guard let location else { return self }
        var copy = self
        copy.location = location
        return copy
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
