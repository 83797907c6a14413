import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GoldenPath

/// Writes a rendered tree to a folder (for `--no-git` and `preview --output`), with modes and symlinks.
enum TreeWriter {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    /// Plain open/write/close: Foundation's `Data.write` fsyncs every file, which costs more than
    /// the whole render, and a half-written folder is never visible anyway (it is staged, then renamed).
    static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: String(cString: strerror(errno)))
            }
            offset += written
        }
        // The umask may have narrowed the mode; the rendered tree's mode is what counts.
        guard fchmod(fd, mode) == 0 else { throw WriteError(description: String(cString: strerror(errno))) }
    }

    static func write(_ tree: RenderedTree, to root: String) throws(ScaffoldError) {
        let fm = FileManager.default
        for file in tree.files {
            let path = root + "/" + file.path
            let folder = (path as NSString).deletingLastPathComponent
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                switch file.mode {
                case .symlink:
                    try fm.createSymbolicLink(atPath: path, withDestinationPath: String(decoding: file.bytes, as: UTF8.self))
                case .regular, .executable:
                    try writeFile(path, file.bytes, mode: file.mode == .executable ? 0o755 : 0o644)
                }
            } catch {
                var failure = ScaffoldError(file: path, message: "cannot write file: \(error)")
                failure.reason = "\(error)"
                throw failure
            }
        }
    }
}
