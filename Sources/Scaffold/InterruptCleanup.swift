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

    static func register(_ path: String) { registry.add(path) }
    static func unregister(_ path: String) { registry.remove(path) }

    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: Set<String> = []
        private var sources: [any DispatchSourceSignal] = []
        /// Taken by whichever exits first, the command or an interrupt, and never released.
        let exiting = NSLock()

        func add(_ path: String) { lock.withLock { _ = paths.insert(path) } }
        func remove(_ path: String) { lock.withLock { _ = paths.remove(path) } }
        func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }

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
