import CGit2

extension Repository {
    /// Writes the nested trees for a flat list of files and returns the root tree id.
    ///
    /// Paths are slash-separated and relative (`a/b/c.go`). Refused with an error: empty paths or
    /// components, `.`/`..`/`.git` components, NUL bytes, duplicates, and a path that is both a file
    /// and a folder. Order does not matter. The blobs must already be in the object database.
    public func writeTree(_ entries: [TreeEntry]) throws(GitError) -> OID {
        var root = DirectoryNode()
        for entry in entries {
            let components = try Self.validatedComponents(of: entry.path)
            try root.insert(entry, components: components[...])
        }
        return try write(root)
    }

    /// Every file of the tree `oid`, recursively, sorted by path (like `git ls-tree -r`).
    public func flatTree(_ oid: OID) throws(GitError) -> [TreeEntry] {
        var entries: [TreeEntry] = []
        try collect(tree: oid, prefix: "", into: &entries)
        return entries.sortedByPath()
    }

    /// The root tree of the commit `oid`.
    public func tree(ofCommit oid: OID) throws(GitError) -> OID {
        try withCommit(oid) { commit in OID(git_commit_tree_id(commit)) }
    }

    private func collect(tree oid: OID, prefix: String, into entries: inout [TreeEntry]) throws(GitError) {
        var subtrees: [(OID, String)] = []
        try withTree(oid) { tree throws(GitError) in
            for index in 0..<git_tree_entrycount(tree) {
                guard let entry = git_tree_entry_byindex(tree, index) else { continue }
                let name = String(cString: git_tree_entry_name(entry))
                let id = OID(git_tree_entry_id(entry))
                let raw = git_tree_entry_filemode(entry).rawValue
                if raw == GIT_FILEMODE_TREE.rawValue {
                    subtrees.append((id, prefix + name + "/"))
                } else if let mode = FileMode(git: raw) {
                    entries.append(TreeEntry(path: prefix + name, oid: id, mode: mode))
                } else {
                    throw .invalidInput("unsupported mode \(String(raw, radix: 8)) for '\(prefix + name)'",
                                        operation: "read tree \(oid)")
                }
            }
        }
        for (id, path) in subtrees {
            try collect(tree: id, prefix: path, into: &entries)
        }
    }

    private func write(_ node: DirectoryNode) throws(GitError) -> OID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, nil), "create tree builder")
        guard let builder else { throw .invalidInput("libgit2 returned no tree builder", operation: "writeTree") }
        defer { git_treebuilder_free(builder) }
        for (name, entry) in node.files {
            var raw = entry.oid.raw
            let mode = git_filemode_t(rawValue: entry.mode.rawValue)
            try check(name.withCString { git_treebuilder_insert(nil, builder, $0, &raw, mode) },
                      "add '\(entry.path)' to tree")
        }
        for (name, child) in node.directories {
            var raw = try write(child).raw
            try check(name.withCString { git_treebuilder_insert(nil, builder, $0, &raw, GIT_FILEMODE_TREE) },
                      "add folder '\(name)' to tree")
        }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "write tree")
        return OID(oid)
    }

    static func validatedComponents(of path: String) throws(GitError) -> [Substring] {
        func refuse(_ reason: String) -> GitError {
            .invalidInput("invalid path '\(path)': \(reason)", operation: "writeTree")
        }
        if path.isEmpty { throw refuse("empty") }
        if path.utf8.contains(0) { throw refuse("contains a NUL byte") }
        if path.hasPrefix("/") { throw refuse("absolute") }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            if component.isEmpty { throw refuse("empty component") }
            if component == "." || component == ".." { throw refuse("'\(component)' component") }
            if component.lowercased() == ".git" { throw refuse("'.git' component") }
        }
        return components
    }
}

/// A folder while building trees: files by name and subfolders by name.
private struct DirectoryNode {
    var files: [String: TreeEntry] = [:]
    var directories: [String: DirectoryNode] = [:]

    mutating func insert(_ entry: TreeEntry, components: ArraySlice<Substring>) throws(GitError) {
        guard let first = components.first else { return }
        let name = String(first)
        if components.count == 1 {
            if files[name] != nil {
                throw .invalidInput("duplicate path '\(entry.path)'", operation: "writeTree")
            }
            if directories[name] != nil {
                throw .invalidInput("'\(entry.path)' is both a file and a folder", operation: "writeTree")
            }
            files[name] = entry
        } else {
            if files[name] != nil {
                throw .invalidInput("'\(entry.path)' is inside a path that is a file", operation: "writeTree")
            }
            try directories[name, default: DirectoryNode()].insert(entry, components: components.dropFirst())
        }
    }
}
