import CodeHost
import Foundation

/// `--github-org ORG` / `--gitlab-group GROUP` with `--topic`: the fleet's repositories as the
/// code host lists them, instead of a file listing them.
public struct HostDiscovery: Sendable {
    public var kind: HostedRepository.Kind
    /// The organisation (or user) or the group (`acme/services`, subgroups included).
    public var owner: String
    public var topic: String?

    public init(kind: HostedRepository.Kind, owner: String, topic: String? = nil) {
        self.kind = kind
        self.owner = owner
        self.topic = topic
    }

    /// The API asked: `--api-url`, else the CI system's (`GITHUB_API_URL`, `CI_API_V4_URL`),
    /// else github.com's or gitlab.com's.
    func host(_ remote: RemoteOptions) -> HostedRepository.Host {
        let environment = remote.environment
        let fallback = kind == .github ? environment["GITHUB_API_URL"] ?? "https://api.github.com"
                                       : environment["CI_API_V4_URL"] ?? "https://gitlab.com/api/v4"
        return HostedRepository.Host(kind: kind, apiBase: remote.apiURL ?? fallback)
    }

    /// The clone URLs of the repositories, each once, sorted.
    func repositories(_ remote: RemoteOptions) throws(ScaffoldError) -> [String] {
        let host = host(remote)
        guard let token = host.token(in: remote.environment) else { throw ScaffoldError(message: host.missingToken) }
        let connection = APIConnection(host: host, token: token, transport: remote.transport, pacer: remote.pacer, backoff: remote.backoff)
        do throws(CodeHostError) {
            return try CodeHosts.api(for: connection).repositories(of: owner, topic: topic)
        } catch where error.kind == .unauthorized {
            throw ScaffoldError(message: TokenRefusal(error, from: host).description)
        } catch {
            throw ScaffoldError(.operationFailed, message: "cannot list the repositories of \(owner): \(error)")
        }
    }
}
