import CGit2
import Foundation

/// Who made a commit and when. Pass an explicit `time` for reproducible commits (tests, re-renders).
public struct Signature: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var email: String
    /// Whole seconds: git stores no fractions.
    public var time: Date
    /// Offset from UTC in minutes, as git records it (`+0100` is 60).
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Date = Date(), offsetMinutes: Int? = nil) {
        self.name = name
        self.email = email
        self.time = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        self.offsetMinutes = offsetMinutes ?? TimeZone.current.secondsFromGMT(for: time) / 60
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = String(gitString: value.name) ?? ""
        email = String(gitString: value.email) ?? ""
        time = Date(timeIntervalSince1970: TimeInterval(value.when.time))
        offsetMinutes = Int(value.when.offset)
    }

    /// `Name <email>`, as git prints it.
    public var description: String { "\(name) <\(email)>" }

    /// Lends a libgit2 signature to `body`. libgit2 validates the name and email (no `<`, `>` or newlines).
    func withGitSignature<T>(_ body: (UnsafePointer<git_signature>) throws(GitError) -> T) throws(GitError) -> T {
        var signature: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(time.timeIntervalSince1970)
        let result = name.withCString { name in
            email.withCString { email in
                git_signature_new(&signature, name, email, seconds, Int32(offsetMinutes))
            }
        }
        try check(result, "make signature for '\(description)'")
        guard let signature else { throw .invalidInput("libgit2 returned no signature", operation: "signature") }
        defer { git_signature_free(signature) }
        return try body(signature)
    }
}

extension Repository {
    /// The identity from the repository's and the user's git configuration (`user.name`, `user.email`),
    /// stamped with the current time. Fails with a clear message when either is not configured.
    public func defaultSignature() throws(GitError) -> Signature {
        var signature: UnsafeMutablePointer<git_signature>?
        let result = git_signature_default(&signature, pointer)
        if result == GIT_ENOTFOUND.rawValue {
            throw GitError(code: .notFound, errorClass: .config,
                           message: "no author identity: set user.name and user.email in git config",
                           operation: "read default signature")
        }
        try check(result, "read default signature")
        guard let signature else { throw .invalidInput("libgit2 returned no signature", operation: "signature") }
        defer { git_signature_free(signature) }
        return Signature(signature)
    }
}

/// Who makes the commits of one operation, and whether they are signed.
public struct CommitIdentity: Sendable, Hashable {
    public var author: Signature
    public var committer: Signature
    public var signer: CommitSigner?

    public init(author: Signature, committer: Signature? = nil, signer: CommitSigner? = nil) {
        self.author = author
        self.committer = committer ?? author
        self.signer = signer
    }
}

extension Repository {
    /// `createCommit` by `identity`: its author and committer, signed when it has a signer.
    public func createCommit(tree: OID, parents: [OID], by identity: CommitIdentity, message: String,
                             updating ref: String? = nil) throws(GitError) -> OID {
        try createCommit(tree: tree, parents: parents, author: identity.author, committer: identity.committer,
                         message: message, updating: ref, signer: identity.signer)
    }
}
