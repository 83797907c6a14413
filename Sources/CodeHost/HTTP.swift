import CCurl
import Foundation

/// One HTTP exchange with a code host's API.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data?

    public init(method: String, url: String, headers: [(String, String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// POST, PATCH, PUT and DELETE change the host's state: they are paced and counted as writes.
    public var isWrite: Bool { method != "GET" && method != "HEAD" }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names in lower case; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends one request and waits for the whole response. A failure to reach the host at all
/// (refused connection, DNS, TLS) is thrown; any HTTP status is a response.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(CodeHostError) -> HTTPResponse
}

/// libcurl's easy interface: blocking, so it fits the fleet's worker threads, and built with the
/// same TLS as the rest of Debian. (FoundationNetworking wraps the same libcurl behind a
/// delegate queue, measured at 1.4 MB more in a static binary; blocking calls are what a
/// worker thread wants.)
public struct CurlTransport: HTTPTransport {
    /// Seconds for the whole exchange; the API answers small JSON documents.
    public var timeout: Int
    /// The CA certificates to verify hosts with (a file): as git takes them, `GIT_SSL_CAINFO`,
    /// else OpenSSL's `SSL_CERT_FILE`, else libcurl's default bundle.
    public var certificates: String?
    /// A folder of CA certificates: `GIT_SSL_CAPATH`, else `SSL_CERT_DIR`.
    public var certificateFolder: String?

    public init(timeout: Int = 60, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeout = timeout
        func value(_ names: String...) -> String? { names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty } }
        certificates = value("GIT_SSL_CAINFO", "SSL_CERT_FILE")
        certificateFolder = value("GIT_SSL_CAPATH", "SSL_CERT_DIR")
    }

    private static let global: CURLcode = scaffold_curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    public func send(_ request: HTTPRequest) throws(CodeHostError) -> HTTPResponse {
        _ = Self.global
        guard let curl = scaffold_curl_easy_init() else {
            throw CodeHostError(kind: .transport, host: request.host, message: scaffold_curl_available() != 0
                                ? "cannot start libcurl" : "talking to \(request.host) needs libcurl: install libcurl4")
        }
        defer { scaffold_curl_easy_cleanup(curl) }
        let sink = ResponseSink()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { scaffold_curl_slist_free_all(headerList) }
        for (name, value) in request.headers + [("Expect", "")] {
            headerList = scaffold_curl_slist_append(headerList, "\(name): \(value)")
        }
        let body = request.body ?? Data()
        let code: CURLcode = withExtendedLifetime(sink) {
            body.withUnsafeBytes { bytes -> CURLcode in
                _ = scaffold_curl_set_string(curl, CURLOPT_URL, request.url)
                _ = scaffold_curl_set_string(curl, CURLOPT_CUSTOMREQUEST, request.method)
                _ = scaffold_curl_set_pointer(curl, CURLOPT_HTTPHEADER, headerList)
                _ = scaffold_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
                _ = scaffold_curl_set_long(curl, CURLOPT_TIMEOUT, timeout)
                _ = scaffold_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT, 15)
                _ = scaffold_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")
                if let certificates { _ = scaffold_curl_set_string(curl, CURLOPT_CAINFO, certificates) }
                if let certificateFolder { _ = scaffold_curl_set_string(curl, CURLOPT_CAPATH, certificateFolder) }
                if request.body != nil || request.isWrite {
                    _ = scaffold_curl_set_pointer(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                    _ = scaffold_curl_set_long(curl, CURLOPT_POSTFIELDSIZE, bytes.count)
                }
                let user = Unmanaged.passUnretained(sink).toOpaque()
                _ = scaffold_curl_set_callback(curl, CURLOPT_WRITEFUNCTION) { data, size, count, user in
                    let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
                    sink.body.append(UnsafeRawPointer(data!).assumingMemoryBound(to: UInt8.self), count: size * count)
                    return size * count
                }
                _ = scaffold_curl_set_pointer(curl, CURLOPT_WRITEDATA, user)
                _ = scaffold_curl_set_callback(curl, CURLOPT_HEADERFUNCTION) { data, size, count, user in
                    let sink = Unmanaged<ResponseSink>.fromOpaque(user!).takeUnretainedValue()
                    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
                    sink.header(line)
                    return size * count
                }
                _ = scaffold_curl_set_pointer(curl, CURLOPT_HEADERDATA, user)
                return sink.detail.withUnsafeMutableBufferPointer { detail in
                    _ = scaffold_curl_set_pointer(curl, CURLOPT_ERRORBUFFER, detail.baseAddress)
                    return scaffold_curl_easy_perform(curl)
                }
            }
        }
        guard code == CURLE_OK else {
            // libcurl's own detail ("SSL certificate problem: self-signed certificate") says more
            // than its code's text ("SSL peer certificate or SSH remote key was not OK").
            let detail = String(decoding: sink.detail.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var message = "cannot reach \(request.host): " + (detail.isEmpty ? String(cString: scaffold_curl_easy_strerror(code)) : detail)
            if code == CURLE_PEER_FAILED_VERIFICATION {
                message += " (to trust the host's CA, set GIT_SSL_CAINFO or SSL_CERT_FILE to its certificate file)"
            }
            throw CodeHostError(kind: .transport, host: request.host, message: message)
        }
        var status = 0
        _ = scaffold_curl_response_code(curl, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }
}

/// Where libcurl's callbacks put the response, on the calling thread.
private final class ResponseSink {
    var body = Data()
    /// libcurl's CURLOPT_ERRORBUFFER.
    var detail = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
    var headers: [String: String] = [:]

    func header(_ line: String) {
        if line.hasPrefix("HTTP/") { headers = [:]; return }  // a new response (after a redirect or 100)
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension HTTPRequest {
    /// The host (and port) the request goes to, for messages: never the path's query or a header.
    var host: String {
        URLComponents(string: url).map { ($0.host ?? "?") + ($0.port.map { ":\($0)" } ?? "") } ?? "?"
    }
}
