import CGit2

/// How one file differs, with its unified patch text and line counts (the `--stat` figures).
public struct FileDiff: Hashable, Sendable {
    public enum Status: String, Hashable, Sendable {
        case added, deleted, modified, renamed, copied, typeChanged
    }

    public var status: Status
    public var oldPath: String
    public var newPath: String
    public var insertions: Int
    public var deletions: Int
    public var isBinary: Bool
    /// The `diff --git` section for this file, as `git diff` prints it.
    public var patch: String
}

/// The differences between two trees, a tree and the work tree, or two buffers.
public struct Diff: Hashable, Sendable {
    /// Sorted by path, as git prints them.
    public var files: [FileDiff]

    public var isEmpty: Bool { files.isEmpty }
    /// The whole unified diff, as `git diff` prints it.
    public var patch: String { files.map(\.patch).joined() }
    public var insertions: Int { files.reduce(0) { $0 + $1.insertions } }
    public var deletions: Int { files.reduce(0) { $0 + $1.deletions } }

    /// Diffs two in-memory files with no repository (nil: the file does not exist on that side).
    public static func buffers(old: [UInt8]?, new: [UInt8]?, oldPath: String,
                               newPath: String? = nil) throws(GitError) -> Diff {
        Git.initialize()
        var options = try diffOptions()
        var patch: OpaquePointer?
        let result = withOptionalBuffer(old) { oldBuffer, oldLength in
            withOptionalBuffer(new) { newBuffer, newLength in
                oldPath.withCString { oldName in
                    (newPath ?? oldPath).withCString { newName in
                        git_patch_from_buffers(&patch, oldBuffer, oldLength, oldName,
                                               newBuffer, newLength, newName, &options)
                    }
                }
            }
        }
        try check(result, "diff '\(oldPath)'")
        defer { git_patch_free(patch) }
        // Identical buffers give an unmodified delta, which `FileDiff` skips.
        guard let patch, let file = try FileDiff(patch: patch, delta: git_patch_get_delta(patch)) else {
            return Diff(files: [])
        }
        return Diff(files: [file])
    }

    /// Reads every delta of a libgit2 diff.
    init(gitDiff diff: OpaquePointer) throws(GitError) {
        var files: [FileDiff] = []
        for index in 0..<git_diff_num_deltas(diff) {
            var patch: OpaquePointer?
            try check(git_patch_from_diff(&patch, diff, index), "build patch")
            defer { git_patch_free(patch) }
            guard let patch, let file = try FileDiff(patch: patch, delta: git_diff_get_delta(diff, index)) else {
                continue
            }
            files.append(file)
        }
        self.files = files
    }

    init(files: [FileDiff]) {
        self.files = files
    }

    static func diffOptions() throws(GitError) -> git_diff_options {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "diff options")
        return options
    }

    private static func withOptionalBuffer<T>(_ bytes: [UInt8]?,
                                              _ body: (UnsafePointer<CChar>?, Int) -> T) -> T {
        guard let bytes else { return body(nil, 0) }
        return bytes.withUnsafeBufferPointer { buffer in
            var byte: CChar = 0
            return withUnsafePointer(to: &byte) { empty in
                body(buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? empty,
                     buffer.count)
            }
        }
    }
}

extension FileDiff {
    init?(patch: OpaquePointer, delta: UnsafePointer<git_diff_delta>?) throws(GitError) {
        guard let delta = delta?.pointee else { return nil }
        let status: Status
        switch delta.status {
        case GIT_DELTA_ADDED, GIT_DELTA_UNTRACKED: status = .added
        case GIT_DELTA_DELETED: status = .deleted
        case GIT_DELTA_MODIFIED: status = .modified
        case GIT_DELTA_RENAMED: status = .renamed
        case GIT_DELTA_COPIED: status = .copied
        case GIT_DELTA_TYPECHANGE: status = .typeChanged
        default: return nil
        }
        var context = 0
        var additions = 0
        var deletions = 0
        try check(git_patch_line_stats(&context, &additions, &deletions, patch), "count patch lines")
        var buffer = git_buf()
        try check(git_patch_to_buf(&buffer, patch), "print patch")
        defer { git_buf_dispose(&buffer) }
        let text = buffer.ptr.map {
            String(decoding: UnsafeRawBufferPointer(start: $0, count: buffer.size), as: UTF8.self)
        } ?? ""
        self.init(status: status,
                  oldPath: String(gitString: delta.old_file.path) ?? "",
                  newPath: String(gitString: delta.new_file.path) ?? "",
                  insertions: additions, deletions: deletions,
                  isBinary: delta.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0,
                  patch: text)
    }
}

extension Repository {
    /// The diff from tree `old` to tree `new` (nil: the empty tree), with renames detected as
    /// `git diff` does by default.
    public func diff(from old: OID?, to new: OID?, detectRenames: Bool = true) throws(GitError) -> Diff {
        try withTreeDiff(from: old, to: new) { diff throws(GitError) in
            guard let diff else { return Diff(files: []) }
            if detectRenames { try findRenames(diff, untracked: false) }
            return try Diff(gitDiff: diff)
        }
    }

    /// Lends libgit2's diff of two trees (nil: the empty tree) to `body`, without patches or
    /// rename detection, and frees it afterwards.
    func withTreeDiff<T>(from old: OID?, to new: OID?, _ body: (OpaquePointer?) throws(GitError) -> T) throws(GitError) -> T {
        var options = try Diff.diffOptions()
        var diff: OpaquePointer?
        try withOptionalTree(old) { oldTree throws(GitError) in
            try withOptionalTree(new) { newTree throws(GitError) in
                try check(git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, &options), "diff trees")
            }
        }
        defer { git_diff_free(diff) }
        return try body(diff)
    }

    /// The diff from tree `old` (nil: the empty tree) to the work tree as it is on disk, through the
    /// index like `git diff OLD`; with `includeUntracked`, new files not yet added count as added.
    public func diffToWorkdir(from old: OID?, includeUntracked: Bool = true,
                              detectRenames: Bool = true) throws(GitError) -> Diff {
        var options = try Diff.diffOptions()
        if includeUntracked {
            options.flags |= GIT_DIFF_INCLUDE_UNTRACKED.rawValue | GIT_DIFF_RECURSE_UNTRACKED_DIRS.rawValue
                | GIT_DIFF_SHOW_UNTRACKED_CONTENT.rawValue
        }
        var diff: OpaquePointer?
        try withOptionalTree(old) { oldTree throws(GitError) in
            try check(git_diff_tree_to_workdir_with_index(&diff, pointer, oldTree, &options), "diff work tree")
        }
        defer { git_diff_free(diff) }
        guard let diff else { return Diff(files: []) }
        if detectRenames { try findRenames(diff, untracked: includeUntracked) }
        return try Diff(gitDiff: diff)
    }

    private func findRenames(_ diff: OpaquePointer, untracked: Bool) throws(GitError) {
        var options = git_diff_find_options()
        try check(git_diff_find_options_init(&options, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "rename options")
        options.flags = GIT_DIFF_FIND_RENAMES.rawValue | (untracked ? GIT_DIFF_FIND_FOR_UNTRACKED.rawValue : 0)
        try check(git_diff_find_similar(diff, &options), "detect renames")
    }
}
