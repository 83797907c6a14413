import CGit2

extension Repository {
    /// The id and kind of what `path` names inside tree `root` (`services/billing`); nil when
    /// nothing is there.
    public func entry(at path: String, in root: OID) throws(GitError) -> (oid: OID, isTree: Bool)? {
        try withTree(root) { tree throws(GitError) in
            var entry: OpaquePointer?
            let result = path.withCString { git_tree_entry_bypath(&entry, tree, $0) }
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try check(result, "look up '\(path)' in tree \(root)")
            defer { git_tree_entry_free(entry) }
            return (OID(git_tree_entry_id(entry)), git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        }
    }

    /// `root` with the folder at `path` replaced by tree `subtree` (created, with its parents,
    /// when missing); every other entry is shared with `root`, so only the trees on the way are
    /// written.
    public func replacingSubtree(at path: String, in root: OID, with subtree: OID) throws(GitError) -> OID {
        let components = try Self.validatedComponents(of: path)
        return try replacing(components[...], in: root, with: subtree)
    }

    private func replacing(_ components: ArraySlice<Substring>, in tree: OID?, with subtree: OID) throws(GitError) -> OID {
        guard let name = components.first.map(String.init) else { return subtree }
        let child = try tree.flatMap { tree throws(GitError) in try entry(at: name, in: tree) }
        let replaced = try replacing(components.dropFirst(), in: child?.isTree == true ? child?.oid : nil, with: subtree)
        var builder: OpaquePointer?
        try withOptionalTree(tree) { source throws(GitError) in
            try check(git_treebuilder_new(&builder, pointer, source), "build tree")
        }
        defer { git_treebuilder_free(builder) }
        var raw = replaced.raw
        try check(name.withCString { git_treebuilder_insert(nil, builder, $0, &raw, GIT_FILEMODE_TREE) }, "build tree")
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "write tree")
        return OID(oid)
    }
}
