import Foundation
import Synchronization

/// Time as the API client sees it: the tests give a clock that only pretends to sleep.
public protocol PacingClock: Sendable {
    /// Seconds since the Unix epoch (rate-limit resets are given in those).
    func now() -> Double
    func sleep(seconds: Double)
}

public struct SystemClock: PacingClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(seconds: Double) {
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }
}

/// The pace of one host, shared by every worker using its token: writes at least `interval`
/// apart, and nothing at all before a rate limit's reset, whichever worker was told of it.
public final class Pacer: Sendable {
    public let interval: Double
    let clock: any PacingClock
    private struct State {
        var nextWrite = 0.0
        var blockedUntil = 0.0
        var unreachable: CodeHostError?
    }
    private let state = Mutex(State())

    public init(interval: Double, clock: any PacingClock = SystemClock()) {
        self.interval = interval
        self.clock = clock
    }

    /// Waits until this request may go: a write takes the next free slot, so two workers never
    /// send writes closer than `interval`.
    func wait(isWrite: Bool) {
        let now = clock.now()
        let start = state.withLock { state -> Double in
            var start = max(now, state.blockedUntil)
            if isWrite {
                start = max(start, state.nextWrite)
                state.nextWrite = start + interval
            }
            return start
        }
        clock.sleep(seconds: start - now)
    }

    /// Set once the host could not be reached even on a retry: the rest of the run fails fast
    /// with that error instead of waiting on every repository.
    var unreachable: CodeHostError? {
        get { state.withLock { $0.unreachable } }
        set { state.withLock { $0.unreachable = newValue } }
    }

    /// How long every call waits still, because of a rate limit; 0 when none.
    public func remainingWait() -> Double {
        let now = clock.now()
        return state.withLock { max(0, $0.blockedUntil - now) }
    }

    /// The host said to wait until `time` (Retry-After, a rate-limit reset): every request waits.
    func block(until time: Double) {
        state.withLock { state in
            state.blockedUntil = max(state.blockedUntil, time)
            state.nextWrite = max(state.nextWrite, time)
        }
    }
}

/// Exponential backoff with "equal jitter" (half fixed, half random), from a seeded
/// generator so a run's retries are reproducible and the tests exact.
public struct Backoff: Sendable {
    public var base: Double
    public var cap: Double
    public var retries: Int
    private let seed: UInt64

    public init(base: Double = 1, cap: Double = 60, retries: Int = 5, seed: UInt64 = 0x5eed) {
        self.base = base
        self.cap = cap
        self.retries = retries
        self.seed = seed
    }

    /// The wait before retry `attempt` (0 for the first retry) of the request identified by `key`.
    public func delay(attempt: Int, key: String) -> Double {
        let ceiling = min(cap, base * pow(2, Double(attempt)))
        var hash = seed ^ 0xcbf29ce484222325
        for byte in key.utf8 + [UInt8(truncatingIfNeeded: attempt)] { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let unit = Double(hash >> 11) / Double(1 << 53)
        return ceiling * (0.5 + unit / 2)
    }
}
