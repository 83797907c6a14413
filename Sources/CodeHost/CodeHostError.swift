/// A code host's refusal or failure, with the host's own message. Never carries the token or
/// a request's headers.
public struct CodeHostError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// 401: the token is missing, wrong or expired. Stops a fleet run at once.
        case unauthorized
        /// 403 (not a rate limit): the token cannot do this to this repository.
        case forbidden
        /// 404: the repository (or pull request) does not exist or the token cannot see it.
        case notFound
        /// 422 (GitHub) or 409 (GitLab): the request conflicts with the host's state.
        case rejected
        /// Still rate limited after the retries.
        case rateLimited
        /// 5xx after the retries, or another status scaffold does not expect.
        case server
        /// The host could not be reached at all.
        case transport
        /// The host answered something that is not the documented JSON.
        case malformed
    }

    public var kind: Kind
    public var host: String
    public var status: Int?
    public var message: String

    public init(kind: Kind, host: String, status: Int? = nil, message: String) {
        self.kind = kind
        self.host = host
        self.status = status
        self.message = message
    }

    public var description: String {
        status.map { "\(host): HTTP \($0): \(message)" } ?? message
    }
}
