import CGit2

/// A failed git operation: either a libgit2 call that returned a negative code (carrying libgit2's
/// own class and message), or a GitKit check that refused its input before reaching libgit2.
///
/// `operation` names what GitKit was doing, so a message like "writeTree: invalid path 'a//b'"
/// tells the reader which step failed without a stack trace.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// libgit2's return code (`git_error_code`), e.g. `.notFound`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let generic = Code(rawValue: GIT_ERROR.rawValue)
        public static let notFound = Code(rawValue: GIT_ENOTFOUND.rawValue)
        public static let exists = Code(rawValue: GIT_EEXISTS.rawValue)
        public static let ambiguous = Code(rawValue: GIT_EAMBIGUOUS.rawValue)
        public static let unbornBranch = Code(rawValue: GIT_EUNBORNBRANCH.rawValue)
        public static let invalidSpec = Code(rawValue: GIT_EINVALIDSPEC.rawValue)
        public static let conflict = Code(rawValue: GIT_ECONFLICT.rawValue)
        public static let locked = Code(rawValue: GIT_ELOCKED.rawValue)
        public static let modified = Code(rawValue: GIT_EMODIFIED.rawValue)
        public static let uncommitted = Code(rawValue: GIT_EUNCOMMITTED.rawValue)
        public static let invalid = Code(rawValue: GIT_EINVALID.rawValue)
        public static let nonFastForward = Code(rawValue: GIT_ENONFASTFORWARD.rawValue)
        public static let authentication = Code(rawValue: GIT_EAUTH.rawValue)

        public var description: String { "\(rawValue)" }
    }

    /// The libgit2 error class (`git_error_t`), e.g. `GIT_ERROR_REPOSITORY`.
    public struct ErrorClass: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let none = ErrorClass(rawValue: Int32(GIT_ERROR_NONE.rawValue))
        public static let invalid = ErrorClass(rawValue: Int32(GIT_ERROR_INVALID.rawValue))
        public static let reference = ErrorClass(rawValue: Int32(GIT_ERROR_REFERENCE.rawValue))
        public static let repository = ErrorClass(rawValue: Int32(GIT_ERROR_REPOSITORY.rawValue))
        public static let config = ErrorClass(rawValue: Int32(GIT_ERROR_CONFIG.rawValue))
        public static let odb = ErrorClass(rawValue: Int32(GIT_ERROR_ODB.rawValue))
        public static let tree = ErrorClass(rawValue: Int32(GIT_ERROR_TREE.rawValue))
        public static let merge = ErrorClass(rawValue: Int32(GIT_ERROR_MERGE.rawValue))
        public static let checkout = ErrorClass(rawValue: Int32(GIT_ERROR_CHECKOUT.rawValue))
        public static let os = ErrorClass(rawValue: Int32(GIT_ERROR_OS.rawValue))
        public static let net = ErrorClass(rawValue: Int32(GIT_ERROR_NET.rawValue))
    }

    public var code: Code
    public var errorClass: ErrorClass
    public var message: String
    /// What GitKit was doing, e.g. "open repository '/tmp/x'".
    public var operation: String

    public init(code: Code, errorClass: ErrorClass, message: String, operation: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.operation = operation
    }

    public var description: String { "\(operation): \(message)" }

    /// The error libgit2 recorded for this thread after a call returned `code`.
    /// `git_error_last()` may be NULL in 1.5 (some paths return a code without setting a message).
    static func last(code: Int32, operation: String) -> GitError {
        guard let error = git_error_last(), let text = error.pointee.message else {
            return GitError(code: Code(rawValue: code), errorClass: .none,
                            message: "libgit2 failed with code \(code) and no message", operation: operation)
        }
        return GitError(code: Code(rawValue: code), errorClass: ErrorClass(rawValue: error.pointee.klass),
                        message: String(cString: text), operation: operation)
    }

    /// A refusal by GitKit itself (bad input caught before libgit2 sees it).
    static func invalidInput(_ message: String, operation: String) -> GitError {
        GitError(code: .invalidSpec, errorClass: .invalid, message: message, operation: operation)
    }
}

/// Throws libgit2's error when `result` is negative.
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(GitError) {
    if result < 0 { throw GitError.last(code: result, operation: operation()) }
}
