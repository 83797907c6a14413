import Foundation
import Synchronization

/// The live progress line of a fleet run on stderr: `[ 412/1000]  41%  63.2/s  ETA 9s`, with
/// `rate limited: resuming in 12s` while a code host holds the run, redrawn in place with a
/// carriage return (and spaces over a longer previous line, so no escape sequences are needed),
/// at most ten times a second so drawing never slows the run, and once a second on its own so
/// a wait shows while no service finishes.
final class FleetProgress: Sendable {
    private struct State {
        var lastDraw: UInt64 = 0
        /// The length of the line on screen; 0 when nothing is drawn.
        var width = 0
        var done = 0
        var finished = false
    }
    private let total: Int
    private let start = DispatchTime.now().uptimeNanoseconds
    private let write: @Sendable (String) -> Void
    private let waiting: @Sendable () -> Double
    private let state = Mutex(State())
    /// Set once in `init`; `cancel()` is thread-safe (Dispatch's own guarantee).
    nonisolated(unsafe) private let ticker: DispatchSourceTimer
    static let interval: UInt64 = 100_000_000

    /// `waiting`: how long the code host still holds every call (the pacer's rate-limit wait).
    init(total: Int, waiting: @escaping @Sendable () -> Double = { 0 }, write: @escaping @Sendable (String) -> Void) {
        self.total = total
        self.write = write
        self.waiting = waiting
        ticker = DispatchSource.makeTimerSource(queue: .global())
        ticker.schedule(deadline: .now() + 1, repeating: 1)
        ticker.setEventHandler { [weak self] in self?.tick() }
        ticker.resume()
    }

    deinit { ticker.cancel() }

    private func tick() {
        let done = state.withLock { $0.finished ? nil : $0.done }
        if let done { update(done: done) }
    }

    /// Called by the workers after each service.
    func update(done: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        let wait = waiting()
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.done = max(state.done, done)
            guard done == total || now - state.lastDraw >= Self.interval else { return nil }
            state.lastDraw = now
            var line = Self.line(done: state.done, total: total, elapsed: Double(now - start) / 1e9)
            if wait > 0 { line += "  rate limited: resuming in " + Self.duration(wait) }
            defer { state.width = line.count }
            return "\r" + line + String(repeating: " ", count: max(0, state.width - line.count))
        }
        if let line { write(line) }
    }

    /// Clears the line, so the summary starts on a clean one.
    func finish() {
        ticker.cancel()
        let width = state.withLock { state in
            state.finished = true
            return state.width
        }
        if width > 0 { write("\r" + String(repeating: " ", count: width) + "\r") }
    }

    /// The text of the line for `done` of `total` after `elapsed` seconds.
    static func line(done: Int, total: Int, elapsed: Double) -> String {
        let width = String(total).count
        let count = String(repeating: " ", count: max(0, width - String(done).count)) + String(done)
        let percent = total == 0 ? 100 : done * 100 / total
        var text = "[\(count)/\(total)] \(String(repeating: " ", count: 3 - String(percent).count))\(percent)%"
        guard elapsed > 0, done > 0 else { return text }
        let rate = Double(done) / elapsed
        text += String(format: "  %.1f/s", rate)
        if done < total { text += "  ETA " + duration(Double(total - done) / rate) }
        return text
    }

    /// `9s`, `2m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60)
    }
}
