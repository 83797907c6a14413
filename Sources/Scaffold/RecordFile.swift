import Foundation

/// The files scaffold keeps in a repository's git folder (`.git/scaffold/`: pull-request
/// descriptions, the last upgrade's record): written whole (a temporary file, then a rename), and
/// not at all when the file already holds exactly these bytes. Creating a file is the dearest
/// step of a re-run on a busy file system, and a re-run that changes nothing should write nothing.
enum RecordFile {
    static func write(_ data: Data, to path: String) throws {
        // lstat: a symbolic link planted in the git folder is replaced, never followed.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           attributes[.type] as? FileAttributeType == .typeRegular, attributes[.size] as? Int == data.count,
           FileManager.default.contents(atPath: path) == data {
            return
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
