import Foundation

/// A hidden folder beside a target, filled completely and then renamed into place: the target
/// either does not exist or is complete, whatever interrupts the work. An interrupt (SIGINT,
/// SIGTERM) removes the folder (`InterruptCleanup`); one a killed process left behind is swept by
/// the next run beside the same target.
public struct Staging {
    public let path: String

    init(beside target: String) throws(ScaffoldError) {
        let parent = (target as NSString).deletingLastPathComponent
        path = Self.file(beside: target)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } catch {
            InterruptCleanup.unregister(path)
            throw ScaffoldError(file: parent, message: "cannot create a folder here: \(error.localizedDescription)")
        }
    }

    /// rename(2) replaces a missing or empty target folder in one step.
    func move(to target: String) throws(ScaffoldError) {
        guard rename(path, target) == 0 else {
            throw ScaffoldError(file: target, message: "cannot move the new folder into place: \(String(cString: strerror(errno)))")
        }
        InterruptCleanup.unregister(path)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        InterruptCleanup.unregister(path)
    }

    /// Where to write a file that must appear whole at `target` or not at all (a report written
    /// piece by piece), and the name a staging folder takes: beside it, hidden, registered for
    /// removal on Ctrl-C, after sweeping those a killed process left there. The caller of a file
    /// renames it into place and then calls `InterruptCleanup.unregister`.
    public static func file(beside target: String) -> String {
        let given = (target as NSString).deletingLastPathComponent
        let parent = given.isEmpty ? "." : given
        let name = (target as NSString).lastPathComponent
        sweep(in: parent, target: name)
        let path = "\(parent)/\(prefix(name))\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        InterruptCleanup.register(path)
        return path
    }

    /// `.NAME.scaffold-`, followed by the process id and a random number.
    static func prefix(_ name: String) -> String { ".\(name).scaffold-" }

    /// Removes staging folders for `target` whose process no longer exists (killed with SIGKILL,
    /// or the machine went down). A folder of a live process, or one whose name does not parse,
    /// is left alone.
    static func sweep(in parent: String, target: String) {
        let prefix = prefix(target)
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isNumber }
            guard let pid = Int32(digits), pid > 0, rest.dropFirst(digits.count).first == "-" else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: parent + "/" + entry)
            }
        }
    }
}
