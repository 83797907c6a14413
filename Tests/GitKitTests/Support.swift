import Foundation
import GitKit
import TestSupport
import Testing

/// Shared fixtures: temporary folders and a fixed identity (the `git` oracle is TestSupport's).
enum Fixture {
    static let signature = Signature(name: "Test Author", email: "test@example.com",
                                     time: Date(timeIntervalSince1970: 1_700_000_000), offsetMinutes: 60)

    /// A fresh empty folder, removed by the caller's `defer`.
    static func temporaryDirectory() throws -> String {
        _ = Isolation.home
        let path = NSTemporaryDirectory() + "gitkit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension Repository {
    /// Writes `files` (path: content) as blobs and a tree; modes default to `.file`.
    func tree(_ files: [String: String], modes: [String: FileMode] = [:]) throws -> OID {
        var entries: [TreeEntry] = []
        for (path, content) in files {
            entries.append(TreeEntry(path: path, oid: try writeBlob(Array(content.utf8)), mode: modes[path] ?? .file))
        }
        return try writeTree(entries)
    }

    /// Commits `files` on top of `parents`, optionally moving `ref`.
    func commitFiles(_ files: [String: String], parents: [OID] = [], message: String = "commit\n",
                     modes: [String: FileMode] = [:], updating ref: String? = nil) throws -> OID {
        try createCommit(tree: try tree(files, modes: modes), parents: parents, author: Fixture.signature,
                         committer: Fixture.signature, message: message, updating: ref)
    }

    func text(_ oid: OID) throws -> String {
        String(decoding: try blob(oid), as: UTF8.self)
    }
}

func readFile(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
}
