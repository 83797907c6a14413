import Foundation

/// A repository on a code host, named by its clone URL (`https://github.com/acme/payments.git`,
/// `https://gitlab.example.com/acme/services/ledger.git`), with the host's API it is reached by.
public struct HostedRepository: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case github, gitlab
    }

    /// A code host's API: its kind and base URL (`https://api.github.com`, `https://HOST/api/v3`,
    /// `https://HOST/api/v4`).
    public struct Host: Sendable, Hashable {
        public var kind: Kind
        public var apiBase: String

        public init(kind: Kind, apiBase: String) {
            self.kind = kind
            self.apiBase = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
        }

        /// The environment variable holding this host's token, as their CLIs and CI systems name it.
        public var tokenVariables: [String] { kind == .github ? ["GITHUB_TOKEN", "GH_TOKEN"] : ["GITLAB_TOKEN"] }

        /// The token from the first of `tokenVariables` that is set, or nil.
        public func token(in environment: [String: String]) -> String? {
            tokenVariables.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }

        /// What to say when `token(in:)` is nil.
        public var missingToken: String { "no token for \(apiBase): set \(tokenVariables.joined(separator: " or "))" }

        /// The user name git sends with the token over HTTPS.
        public var gitUser: String { kind == .github ? "x-access-token" : "oauth2" }
    }

    /// The URL as given, without credentials (they are refused).
    public var cloneURL: String
    /// `acme/payments`, `acme/services/ledger`: the path on the host without `.git`.
    public var path: String
    public var host: Host

    public var description: String { cloneURL }

    /// The owner (GitHub) or namespace (GitLab) and the repository's own name.
    public var owner: String { path.split(separator: "/").dropLast().joined(separator: "/") }
    public var name: String { path.split(separator: "/").last.map(String.init) ?? path }

    /// Which host and API a URL belongs to. Decided in this order: `kind` and `apiURL` when given
    /// (`--host-kind`, `--api-url`; an API path ending in `/api/v3` is GitHub's, `/api/v4`
    /// GitLab's); then the environment's `GITHUB_API_URL` / `CI_API_V4_URL` for a URL on the same
    /// host as theirs; then `github.com` / `gitlab.com` or a host name containing `github` or
    /// `gitlab`. Nil error message otherwise names what to pass.
    public static func parse(_ url: String, apiURL: String? = nil, kind: Kind? = nil,
                             environment: [String: String] = [:]) -> Result<HostedRepository, HostedRepositoryError> {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let hostName = components.host?.lowercased(), !hostName.isEmpty else {
            return .failure(.init("not an http(s) clone URL: \(url)"))
        }
        if components.user != nil || components.password != nil {
            return .failure(.init("the URL carries credentials; give the token in the environment instead"))
        }
        var path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        if path.hasSuffix(".git") { path = String(path.dropLast(4)) }
        guard path.split(separator: "/").count >= 2, !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            return .failure(.init("expected OWNER/NAME in the URL: \(url)"))
        }
        let origin = scheme + "://" + hostName + (components.port.map { ":\($0)" } ?? "")
        let host: Host
        if let apiURL {
            // The token goes with every clone and push: only to the API's own server.
            let apiHost = URLComponents(string: apiURL)?.host?.lowercased() ?? ""
            guard apiHost == hostName || apiHost == "api." + hostName else {
                return .failure(.init("\(url) is not on the code host of \(apiURL): its token is not sent elsewhere"))
            }
            guard let apiKind = kind ?? apiKindOf(apiURL) ?? kindOf(hostName) else {
                return .failure(.init("cannot tell whether \(apiURL) is GitHub or GitLab: pass --host-kind github|gitlab"))
            }
            host = Host(kind: apiKind, apiBase: apiURL)
        } else if let fromCI = ciAPI(for: origin, environment: environment), kind == nil || kind == fromCI.kind {
            host = fromCI
        } else if let found = kind ?? kindOf(hostName) {
            host = Host(kind: found, apiBase: defaultAPI(found, origin: origin, hostName: hostName))
        } else {
            return .failure(.init("cannot tell which code host \(hostName) is: pass --host-kind github|gitlab (and --api-url for a self-hosted one)"))
        }
        return .success(HostedRepository(cloneURL: url, path: path, host: host))
    }

    static func apiKindOf(_ apiURL: String) -> Kind? {
        let trimmed = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        if trimmed.hasSuffix("/api/v3") || trimmed.lowercased().hasPrefix("https://api.github.com") { return .github }
        if trimmed.hasSuffix("/api/v4") { return .gitlab }
        return nil
    }

    static func kindOf(_ hostName: String) -> Kind? {
        if hostName == "github.com" || hostName.contains("github") { return .github }
        if hostName == "gitlab.com" || hostName.contains("gitlab") { return .gitlab }
        return nil
    }

    static func defaultAPI(_ kind: Kind, origin: String, hostName: String) -> String {
        switch kind {
        case .github: return hostName == "github.com" ? "https://api.github.com" : origin + "/api/v3"
        case .gitlab: return origin + "/api/v4"
        }
    }

    /// GitHub Actions sets `GITHUB_SERVER_URL`/`GITHUB_API_URL`, GitLab CI `CI_SERVER_URL`/`CI_API_V4_URL`:
    /// used for repositories on that same server.
    static func ciAPI(for origin: String, environment: [String: String]) -> Host? {
        let pairs: [(Kind, String, String)] = [(.github, "GITHUB_SERVER_URL", "GITHUB_API_URL"), (.gitlab, "CI_SERVER_URL", "CI_API_V4_URL")]
        for (kind, server, api) in pairs {
            guard let apiURL = environment[api], !apiURL.isEmpty else { continue }
            let serverURL = (environment[server] ?? apiURL).lowercased()
            let serverOrigin = URLComponents(string: serverURL).map { ($0.scheme ?? "") + "://" + ($0.host ?? "") + ($0.port.map { ":\($0)" } ?? "") }
            if serverOrigin == origin || (kind == .github && origin == "https://github.com" && apiURL.hasPrefix("https://api.github.com")) {
                return Host(kind: kind, apiBase: apiURL)
            }
        }
        return nil
    }

    /// The token for this host from the environment, or nil.
    public func token(in environment: [String: String]) -> String? {
        host.token(in: environment)
    }
}

public struct HostedRepositoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
