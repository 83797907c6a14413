import CGit2

extension Repository {
    /// The tree of a merge result with every conflict written as git leaves it in the work tree:
    /// text conflicts with `<<<<<<<`/`=======`/`>>>>>>>` markers (labelled), binary conflicts as our
    /// version, modify/delete conflicts as the surviving side. For committing conflicts on a branch
    /// (`--commit-conflicts`) and for previewing them in a diff.
    public func treeWithConflictMarkers(_ result: MergeResult) throws(GitError) -> OID {
        if let tree = result.tree { return tree }
        var files = result.entries.filter { $0.stage == 0 }.compactMap(\.treeEntry)
        let stages = Dictionary(grouping: result.entries.filter { $0.stage > 0 }, by: \.path)
        for conflict in result.conflicts {
            let sides = stages[conflict.path] ?? []
            func side(_ stage: Int) -> IndexEntry? { sides.first { $0.stage == stage } }
            guard let ours = conflict.ours, let theirs = conflict.theirs else {
                if let survivor = conflict.ours ?? conflict.theirs { files.append(survivor) }
                continue
            }
            var isBinary = try blobIsBinary(ours.oid)
            if try blobIsBinary(theirs.oid) { isBinary = true }
            if let ancestor = conflict.ancestor, try blobIsBinary(ancestor.oid) { isBinary = true }
            if isBinary || ours.mode == .symlink || theirs.mode == .symlink {
                files.append(ours)
                continue
            }
            let content: [UInt8]
            if let marked = result.markedContent[conflict.path] {
                content = marked
            } else {
                content = try mergeFileFromIndex(ancestor: side(1), ours: side(2), theirs: side(3), labels: result.labels)
            }
            files.append(TreeEntry(path: conflict.path, oid: try writeBlob(content), mode: ours.mode))
        }
        return try writeTree(Self.keepingFilesBesideFolders(files, ours: Set(result.conflicts.compactMap(\.ours?.path))))
    }

    /// A file where the other side has a folder (`docs` against `docs/openapi.yaml`) cannot share
    /// its name in one tree; git keeps it beside the folder as `docs~HEAD` (ours) or
    /// `docs~<theirs>`, and so does this.
    static func keepingFilesBesideFolders(_ files: [TreeEntry], ours: Set<String>) -> [TreeEntry] {
        var folders: Set<Substring> = []
        for file in files {
            var path = Substring(file.path)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                folders.insert(path)
            }
        }
        guard files.contains(where: { folders.contains(Substring($0.path)) }) else { return files }
        let taken = Set(files.map(\.path))
        return files.map { file in
            guard folders.contains(Substring(file.path)) else { return file }
            var moved = file
            moved.path = file.path + (ours.contains(file.path) ? "~HEAD" : "~theirs")
            while taken.contains(moved.path) { moved.path += "~" }
            return moved
        }
    }

    private func mergeFileFromIndex(ancestor: IndexEntry?, ours: IndexEntry?, theirs: IndexEntry?,
                                    labels: MergeLabels) throws(GitError) -> [UInt8] {
        var options = git_merge_file_options()
        try check(git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)),
                  "merge file options")
        options.flags = labels.style.flag
        let strings = CStringArray([labels.ancestor, labels.ours, labels.theirs])
        options.ancestor_label = strings[0]
        options.our_label = strings[1]
        options.their_label = strings[2]
        var output = git_merge_file_result()
        let result = withExtendedLifetime(strings) {
            withEntry(ancestor) { ancestor in
                withEntry(ours) { ours in
                    withEntry(theirs) { theirs in
                        git_merge_file_from_index(&output, pointer, ancestor, ours, theirs, &options)
                    }
                }
            }
        }
        try check(result, "merge file '\(ours?.path ?? theirs?.path ?? "")'")
        defer { git_merge_file_result_free(&output) }
        guard let content = output.ptr, output.len > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: output.len))
    }

    private func withEntry<T>(_ entry: IndexEntry?, _ body: (UnsafePointer<git_index_entry>?) -> T) -> T {
        guard let entry else { return body(nil) }
        return entry.withGitEntry { body($0) }
    }
}
