import Foundation
import Synchronization
@testable import CodeHost

/// A clock that only pretends to sleep: it advances by the time asked and records each wait.
final class ManualClock: PacingClock, Sendable {
    private let state = Mutex((now: 1_000_000.0, sleeps: [Double]()))

    func now() -> Double { state.withLock { $0.now } }
    func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        state.withLock { $0.now += seconds; $0.sleeps.append(seconds) }
    }
    var sleeps: [Double] { state.withLock { $0.sleeps } }
}

/// Never reaches the host.
struct UnreachableTransport: HTTPTransport {
    func send(_ request: HTTPRequest) throws(CodeHostError) -> HTTPResponse {
        throw CodeHostError(kind: .transport, host: "api.example.com", message: "cannot reach api.example.com: Couldn't connect to server")
    }
}

/// Answers requests from a script, in order, and records what was sent and when.
final class ScriptedTransport: HTTPTransport, Sendable {
    private let state: Mutex<(responses: [HTTPResponse], sent: [(HTTPRequest, Double)])>
    let clock: ManualClock

    init(_ responses: [HTTPResponse], clock: ManualClock) {
        state = Mutex((responses, []))
        self.clock = clock
    }

    func send(_ request: HTTPRequest) throws(CodeHostError) -> HTTPResponse {
        let now = clock.now()
        return state.withLock { state in
            state.sent.append((request, now))
            return state.responses.isEmpty ? HTTPResponse(status: 599) : state.responses.removeFirst()
        }
    }

    var sent: [(HTTPRequest, Double)] { state.withLock { $0.sent } }
}

func json(_ status: Int, _ object: Any, headers: [String: String] = [:]) -> HTTPResponse {
    HTTPResponse(status: status, headers: headers, body: try! JSONSerialization.data(withJSONObject: object))
}

func client(_ responses: [HTTPResponse], kind: HostedRepository.Kind = .github, interval: Double = 0,
            retries: Int = 3) -> (APIClient, ScriptedTransport, ManualClock) {
    let clock = ManualClock()
    let transport = ScriptedTransport(responses, clock: clock)
    let connection = APIConnection(host: .init(kind: kind, apiBase: "https://api.example.com"), token: "t0ken",
                                   transport: transport, pacer: Pacer(interval: interval, clock: clock),
                                   backoff: Backoff(base: 1, cap: 8, retries: retries, seed: 7))
    return (APIClient(connection), transport, clock)
}
