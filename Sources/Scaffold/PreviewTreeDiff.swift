import GitKit
import GoldenPath

/// How two rendered trees differ, file by file, as unified diffs: what `preview --compare-to`
/// and `scaffold test` print. Works on memory only; no repository is involved.
public struct TreeDifference: Sendable {
    public struct File: Sendable {
        public enum Change: String, Sendable { case added, removed, modified }
        public var path: String
        public var change: Change
        /// `git diff`-style text: content hunks, and `old mode`/`new mode` lines when only the mode changed.
        public var patch: String
    }

    /// Sorted by path.
    public var files: [File]

    public var isEmpty: Bool { files.isEmpty }
    public var patch: String { files.map(\.patch).joined() }

    /// The differences from `old` to `new`.
    public static func between(_ old: RenderedTree, _ new: RenderedTree) throws(ScaffoldError) -> TreeDifference {
        var files: [File] = []
        for (path, before, after) in changedFiles(old, new) {
            var patch = ""
            if let before, let after, before.mode != after.mode {
                patch += "diff --git a/\(path) b/\(path)\nold mode \(gitMode(before.mode))\nnew mode \(gitMode(after.mode))\n"
            }
            if before?.bytes != after?.bytes {
                let diff: Diff
                do { diff = try Diff.buffers(old: before?.bytes, new: after?.bytes, oldPath: path) } catch {
                    throw ScaffoldError(error, path: path)
                }
                patch += diff.patch
            }
            let change: File.Change = before == nil ? .added : after == nil ? .removed : .modified
            files.append(File(path: path, change: change, patch: patch))
        }
        return TreeDifference(files: files)
    }

    /// Each path whose bytes or mode differ, or that only one tree has, sorted, with both sides:
    /// what `between` describes, for callers that need only which files differ.
    static func changedFiles(_ old: RenderedTree, _ new: RenderedTree) -> [(path: String, before: RenderedFile?, after: RenderedFile?)] {
        var oldFiles: [String: RenderedFile] = [:]
        for file in old.files { oldFiles[file.path] = file }
        var newFiles: [String: RenderedFile] = [:]
        for file in new.files { newFiles[file.path] = file }
        return Set(oldFiles.keys).union(newFiles.keys).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.compactMap { path in
            let before = oldFiles[path], after = newFiles[path]
            if let before, let after, before == after { return nil }
            return (path, before, after)
        }
    }

    static func gitMode(_ mode: RenderedFile.Mode) -> String {
        switch mode {
        case .regular: return "100644"
        case .executable: return "100755"
        case .symlink: return "120000"
        }
    }
}
