import Foundation

/// A hidden folder beside a target, filled completely and then renamed into place: the target
/// either does not exist or is complete, whatever interrupts the work.
struct Staging {
    let path: String

    init(beside target: String) throws(ScaffoldError) {
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        path = "\(parent)/.\(name).scaffold-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } catch {
            throw ScaffoldError(file: parent, message: "cannot create a folder here: \(error.localizedDescription)")
        }
    }

    /// rename(2) replaces a missing or empty target folder in one step.
    func move(to target: String) throws(ScaffoldError) {
        guard rename(path, target) == 0 else {
            throw ScaffoldError(file: target, message: "cannot move the new folder into place: \(String(cString: strerror(errno)))")
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
