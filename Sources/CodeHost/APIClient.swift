import Foundation

/// How many API calls one service's work made, retries included.
public struct APICalls: Sendable, Equatable, Codable {
    public var reads = 0
    public var writes = 0
    public init(reads: Int = 0, writes: Int = 0) {
        self.reads = reads
        self.writes = writes
    }
}

/// What every worker of a run shares for one host: where its API is, the token, the transport,
/// the pace and the retry policy.
public struct APIConnection: Sendable {
    public var host: HostedRepository.Host
    public var token: String
    public var transport: any HTTPTransport
    public var pacer: Pacer
    public var backoff: Backoff

    public init(host: HostedRepository.Host, token: String, transport: any HTTPTransport = CurlTransport(),
                pacer: Pacer, backoff: Backoff = Backoff()) {
        self.host = host
        self.token = token
        self.transport = transport
        self.pacer = pacer
        self.backoff = backoff
    }
}

/// The API calls of one unit of work (one service), on one thread: paced, retried, counted.
public final class APIClient {
    public let connection: APIConnection
    public private(set) var calls = APICalls()

    public init(_ connection: APIConnection) { self.connection = connection }

    var hostName: String { connection.host.apiBase }

    /// One call; `path` is below the API base (`/repos/acme/payments`) or a whole URL (a
    /// pagination link). Returns the decoded JSON (nil for an empty body) and the response.
    @discardableResult
    func call(_ method: String, _ path: String, query: [(String, String)] = [],
              json: [String: Any]? = nil) throws(CodeHostError) -> (json: Any?, response: HTTPResponse) {
        var url = path.hasPrefix("http://") || path.hasPrefix("https://") ? path : connection.host.apiBase + path
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?") + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        var headers = [("Accept", "application/json"), ("User-Agent", "scaffold")]
        headers.append(connection.host.kind == .github ? ("Authorization", "Bearer " + connection.token)
                                                       : ("PRIVATE-TOKEN", connection.token))
        if connection.host.kind == .github { headers.append(("X-GitHub-Api-Version", "2022-11-28")) }
        var body: Data?
        if let json {
            body = try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
            headers.append(("Content-Type", "application/json"))
        }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        let key = method + " " + url
        var attempt = 0
        while true {
            if let unreachable = connection.pacer.unreachable { throw unreachable }
            connection.pacer.wait(isWrite: request.isWrite)
            if request.isWrite { calls.writes += 1 } else { calls.reads += 1 }
            let response: HTTPResponse
            do {
                response = try connection.transport.send(request)
            } catch {
                // Not reached at all: once more after a pause (a dropped connection), then the
                // host is taken as down for the rest of the run.
                if attempt == 0 { retryLater(attempt: &attempt, key: key); continue }
                connection.pacer.unreachable = error
                throw error
            }
            noteRateLimit(response)
            switch response.status {
            case 200..<300:
                return (try decode(response), response)
            case 401:
                throw failure(.unauthorized, response)
            case 403 where isRateLimit(response), 429:
                if attempt < connection.backoff.retries {
                    let wait = retryAfter(response) ?? connection.backoff.delay(attempt: attempt, key: key)
                    connection.pacer.block(until: connection.pacer.clock.now() + wait)
                    attempt += 1
                    continue
                }
                throw failure(.rateLimited, response)
            case 403:
                throw failure(.forbidden, response)
            case 404:
                throw failure(.notFound, response)
            case 409, 422:
                throw failure(.rejected, response)
            case 500..<600:
                if attempt < connection.backoff.retries { retryLater(attempt: &attempt, key: key); continue }
                throw failure(.server, response)
            default:
                throw failure(.server, response)
            }
        }
    }

    /// One call whose answer is a JSON object `read` makes sense of; an answer it cannot read is
    /// `malformed`, saying it lacks `what`.
    func object<T>(_ method: String, _ path: String, json: [String: Any]? = nil, lacking what: String,
                   _ read: ([String: Any]) -> T?) throws(CodeHostError) -> T {
        let (answer, response) = try call(method, path, json: json)
        guard let value = (answer as? [String: Any]).flatMap(read) else {
            throw CodeHostError(kind: .malformed, host: hostName, status: response.status, message: what)
        }
        return value
    }

    /// Every page of a list: `Link: <…>; rel="next"` (GitHub, and GitLab beside its X-Next-Page).
    func paginate(_ path: String, query: [(String, String)]) throws(CodeHostError) -> [[String: Any]] {
        var items: [[String: Any]] = []
        var next: String? = path
        var query = query + [("per_page", "100")]
        while let page = next {
            let (json, response) = try call("GET", page, query: query)
            guard let list = json as? [[String: Any]] else {
                throw CodeHostError(kind: .malformed, host: hostName, status: response.status, message: "expected a JSON list")
            }
            items += list
            next = Self.nextLink(response.headers["link"])
            query = []  // the link carries the whole query
        }
        return items
    }

    static func nextLink(_ header: String?) -> String? {
        guard let header else { return nil }
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count >= 2, pieces[1...].contains(where: { $0 == "rel=\"next\"" || $0 == "rel=next" }),
                  pieces[0].hasPrefix("<"), pieces[0].hasSuffix(">") else { continue }
            return String(pieces[0].dropFirst().dropLast())
        }
        return nil
    }

    private func retryLater(attempt: inout Int, key: String) {
        connection.pacer.clock.sleep(seconds: connection.backoff.delay(attempt: attempt, key: key))
        attempt += 1
    }

    /// GitHub's secondary rate limit is a 403 with a Retry-After or a message saying so; a primary
    /// one is a 403 or 429 with `x-ratelimit-remaining: 0`.
    private func isRateLimit(_ response: HTTPResponse) -> Bool {
        if response.headers["retry-after"] != nil || response.headers["x-ratelimit-remaining"] == "0" { return true }
        return Self.message(of: response).lowercased().contains("rate limit")
    }

    private func retryAfter(_ response: HTTPResponse) -> Double? {
        if let value = response.headers["retry-after"], let seconds = Double(value) { return max(0, seconds) }
        let reset = response.headers["x-ratelimit-reset"] ?? response.headers["ratelimit-reset"]
        if let reset, let epoch = Double(reset) { return max(0, epoch - connection.pacer.clock.now()) }
        return nil
    }

    /// A response saying the quota is spent holds every worker until its reset.
    private func noteRateLimit(_ response: HTTPResponse) {
        let remaining = response.headers["x-ratelimit-remaining"] ?? response.headers["ratelimit-remaining"]
        let reset = response.headers["x-ratelimit-reset"] ?? response.headers["ratelimit-reset"]
        if remaining == "0", let reset, let epoch = Double(reset) { connection.pacer.block(until: epoch) }
    }

    private func decode(_ response: HTTPResponse) throws(CodeHostError) -> Any? {
        if response.body.isEmpty { return nil }
        do {
            return try JSONSerialization.jsonObject(with: response.body, options: [.fragmentsAllowed])
        } catch {
            throw CodeHostError(kind: .malformed, host: hostName, status: response.status, message: "the answer is not JSON")
        }
    }

    private func failure(_ kind: CodeHostError.Kind, _ response: HTTPResponse) -> CodeHostError {
        CodeHostError(kind: kind, host: hostName, status: response.status, message: Self.message(of: response))
    }

    /// The host's own words: GitHub's `message` and `errors[].message`, GitLab's `message`
    /// (a string, a list, or a field map) or `error`.
    static func message(of response: HTTPResponse) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? "no message" : text
        }
        var parts: [String] = []
        func add(_ value: Any?) {
            switch value {
            case let text as String: parts.append(text)
            case let list as [Any]: list.forEach(add)
            case let map as [String: Any]:
                for key in map.keys.sorted() {
                    if let inner = map[key] as? [Any] { inner.forEach { add("\(key) \($0)") } } else { add(map[key]) }
                }
            default: break
            }
        }
        add(object["message"])
        if let errors = object["errors"] as? [[String: Any]] { errors.forEach { add($0["message"]) } }
        add(object["error"])
        return parts.isEmpty ? "no message" : parts.joined(separator: "; ")
    }

    /// A path of the host (`acme/services/ledger`) with each segment escaped, the slashes kept.
    static func escapePath(_ path: String) -> String {
        path.split(separator: "/").map { escape(String($0)) }.joined(separator: "/")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
