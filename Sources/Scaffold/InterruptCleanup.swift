import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What an interrupted command must not leave behind. Folders a command is filling (the staging
/// folder of `scaffold new`) are registered here; on SIGINT or SIGTERM they are removed before
/// the process exits (130 or 143, as shells report those signals). SIGKILL cannot be caught: the
/// next run sweeps what a killed one left (`Staging`).
public enum InterruptCleanup {
    private static let registry = Registry()

    /// Installs the handlers; the executable calls this once at start.
    public static func install() {
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            Glibc.signal(signal, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                if registry.holdBack(status) { return }
                registry.exiting.lock()  // the command's own exit now waits for this one
                registry.removeAll()
                _exit(status)  // at once: no atexit work racing the thread still rendering
            }
            source.resume()
            registry.keep(source)
        }
    }

    /// Called by the executable just before it exits: when an interrupt is being handled, waits
    /// for its cleanup (which ends the process), so a command failing because its folder was
    /// taken away cannot exit first and leave half of it behind.
    public static func beforeExit() {
        registry.exiting.lock()
    }

    /// Runs `body` with SIGINT and SIGTERM held back: one arriving meanwhile only turns
    /// `interrupted()` true, so `body` can put back what it had changed, and the process exits
    /// (130 or 143) as soon as `body` returns or throws. For steps that must not stop half-way,
    /// like an in-place merge changing the work tree.
    public static func holdingInterrupts<T, E: Error>(_ body: (_ interrupted: () -> Bool) throws(E) -> T) throws(E) -> T {
        registry.hold()
        defer {
            if let status = registry.release() {
                registry.exiting.lock()
                registry.removeAll()
                _exit(status)
            }
        }
        return try body { registry.isInterrupted }
    }

    public static func register(_ path: String) { registry.add(path) }
    public static func unregister(_ path: String) { registry.remove(path) }

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: Set<String> = []
        private var sources: [any DispatchSourceSignal] = []
        private var holds = 0
        private var pending: Int32?
        private var dying = false
        /// Taken by whichever exits first, the command or an interrupt, and never released.
        let exiting = NSLock()

        func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
        func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
        func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }

        /// The signal handler's question: true when a held step is running (the signal waits
        /// for it); otherwise the process is about to exit and no new step may start.
        func holdBack(_ status: Int32) -> Bool {
            lock.withLock {
                if holds > 0 {
                    pending = pending ?? status
                    return true
                }
                dying = true
                return false
            }
        }

        /// Enters a held step; once an interrupt is exiting or waiting, none starts (the thread
        /// waits for the exit instead of beginning to change files).
        func hold() {
            while true {
                let entered = lock.withLock {
                    guard !dying && pending == nil else { return false }
                    holds += 1
                    return true
                }
                if entered { return }
                sleep(1)
            }
        }

        /// Leaves a held step; the signal to exit with when it was the last one and one came.
        func release() -> Int32? {
            lock.withLock {
                holds -= 1
                return holds == 0 ? pending : nil
            }
        }

        var isInterrupted: Bool { lock.withLock { pending != nil } }

        /// The work goes on on another thread while this runs, and libgit2 recreates missing
        /// parent folders as it writes. So each folder is renamed away in one step and a plain
        /// file takes its name (nothing can be created below a file), the folder is deleted, and
        /// the placeholder last, just before the process exits.
        func removeAll() {
            let folders = lock.withLock { paths }
            for path in folders {
                let doomed = path + ".interrupted"
                guard rename(path, doomed) == 0 else {
                    try? FileManager.default.removeItem(atPath: path)
                    continue
                }
                let placeholder = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
                // A file the other thread was already creating can make one pass fail (a folder
                // not empty yet); a few more passes get it.
                for _ in 0..<20 where FileManager.default.fileExists(atPath: doomed) {
                    try? FileManager.default.removeItem(atPath: doomed)
                    if FileManager.default.fileExists(atPath: doomed) { usleep(5_000) }
                }
                if placeholder >= 0 {
                    close(placeholder)
                    unlink(path)
                }
            }
        }
    }
}
