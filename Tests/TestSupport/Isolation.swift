import Foundation
import GitKit

/// Test isolation shared by every test target: an empty HOME and libgit2 config search path, so
/// neither libgit2 nor the git CLI reads the developer's configuration.
public enum Isolation {
    /// Set once per process (libgit2's search path is a process-wide option).
    public static let home: String = {
        let path = NSTemporaryDirectory() + "scaffold-tests-home-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try? Git.setConfigSearchPath(path)
        return path
    }()

    /// What the use cases see as the process environment: an author, no catalog variable.
    public static let environment = ["GIT_AUTHOR_NAME": "Dev", "GIT_AUTHOR_EMAIL": "dev@example.com"]

    /// A fresh empty folder, removed by the caller.
    public static func temporaryDirectory(_ label: String) throws -> String {
        _ = home
        let path = NSTemporaryDirectory() + "scaffold-\(label)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
