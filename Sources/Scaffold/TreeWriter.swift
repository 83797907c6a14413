import Foundation
import GoldenPath

/// Writes a rendered tree to a folder (for `--no-git` and `preview --output`), with modes and symlinks.
enum TreeWriter {
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
                    try Data(file.bytes).write(to: URL(fileURLWithPath: path))
                    if file.mode == .executable { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
                }
            } catch {
                throw ScaffoldError(file: path, message: "cannot write file: \(error.localizedDescription)")
            }
        }
    }
}
