import CGit2

/// The outcome of an in-memory three-way text merge.
public struct MergeFileResult: Hashable, Sendable {
    /// The merged text; with conflict markers when `isClean` is false.
    public var content: [UInt8]
    public var isClean: Bool
}

extension Git {
    /// Three-way merges file contents in memory (no repository), as `git merge-file` does.
    /// A nil `ancestor` merges as if both sides added the file. Binary inputs never merge: the
    /// result is a conflict holding our content.
    public static func mergeFile(ancestor: [UInt8]?, ours: [UInt8], theirs: [UInt8],
                                 labels: MergeLabels = MergeLabels()) throws(GitError) -> MergeFileResult {
        initialize()
        var options = git_merge_file_options()
        try check(git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)),
                  "merge file options")
        options.flags = GIT_MERGE_FILE_STYLE_MERGE.rawValue
        let strings = CStringArray([labels.ancestor, labels.ours, labels.theirs])
        options.ancestor_label = strings[0]
        options.our_label = strings[1]
        options.their_label = strings[2]
        var output = git_merge_file_result()
        let result = withExtendedLifetime(strings) {
            withInput(ancestor ?? []) { ancestorInput in
                withInput(ours) { oursInput in
                    withInput(theirs) { theirsInput in
                        git_merge_file(&output, ancestorInput, oursInput, theirsInput, &options)
                    }
                }
            }
        }
        try check(result, "merge file")
        defer { git_merge_file_result_free(&output) }
        // libgit2 gives no content for a binary conflict: keep ours, as git does.
        let content = output.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: output.len)) } ?? ours
        return MergeFileResult(content: content, isClean: output.automergeable != 0)
    }

    private static func withInput<T>(_ bytes: [UInt8], _ body: (UnsafePointer<git_merge_file_input>) -> T) -> T {
        bytes.withUnsafeBufferPointer { buffer in
            var input = git_merge_file_input()
            _ = git_merge_file_input_init(&input, UInt32(GIT_MERGE_FILE_INPUT_VERSION))
            var byte: CChar = 0
            return withUnsafeMutablePointer(to: &byte) { empty in
                input.ptr = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                    ?? UnsafePointer(empty)
                input.size = buffer.count
                return body(&input)
            }
        }
    }
}
