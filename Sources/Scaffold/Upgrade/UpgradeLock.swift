import Foundation
import GitKit
#if canImport(Glibc)
import Glibc
#endif

/// Serialises scaffold runs on one repository: an advisory `flock` on `.git/scaffold/upgrade.lock`,
/// held while an upgrade writes. The kernel releases it when the process ends, however it ends
/// (SIGKILL included), so it never goes stale, and two fleet runs over one fleet take turns per
/// repository instead of racing on its refs.
final class UpgradeLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        // Unlock explicitly: a child forked meanwhile (and not yet exec'd) shares the open file,
        // and closing our descriptor alone would leave the lock held until that child execs.
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock, or nil when another scaffold process holds it.
    static func acquire(_ repository: Repository) throws(ScaffoldError) -> UpgradeLock? {
        try acquire(file: repository.gitdir + "scaffold/upgrade.lock")
    }

    /// The lock on `path` (created, with its folder, when missing), or nil when another process holds it.
    static func acquire(file path: String) throws(ScaffoldError) -> UpgradeLock? {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ScaffoldError(file: folder, message: "cannot create folder: \(error.localizedDescription)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ScaffoldError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return UpgradeLock(descriptor: descriptor)
    }

    /// How long git itself holds a reference lock at most before giving up on it
    /// (`core.filesRefLockTimeout` defaults to 100 ms): a lock older than this is one a killed
    /// process left behind.
    static let staleReferenceLockAge: TimeInterval = 2

    /// Clears the way for writing `refs/heads/<branch>`: a `<ref>.lock` that stays for longer
    /// than any git process holds one was left by a killed process and is removed. Called only
    /// while holding the upgrade lock, so no other scaffold run is writing the reference.
    static func clearStaleReferenceLock(branch: String, in repository: Repository) {
        let lock = repository.gitdir + "refs/heads/" + branch + ".lock"
        let deadline = Date().addingTimeInterval(staleReferenceLockAge)
        while FileManager.default.fileExists(atPath: lock) {
            let modified = (try? FileManager.default.attributesOfItem(atPath: lock)[.modificationDate]) as? Date ?? .distantPast
            if Date().timeIntervalSince(modified) >= staleReferenceLockAge || Date() >= deadline {
                try? FileManager.default.removeItem(atPath: lock)
                return
            }
            usleep(50_000)
        }
    }
}
