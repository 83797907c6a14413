import CGit2

extension Repository {
    /// From now on, objects this repository object writes (blobs, trees, commits) are kept in
    /// memory and vanish when it is released, while every existing object stays readable.
    ///
    /// For commands that only look: `scaffold diff` and dry runs render and merge whole trees,
    /// and without this each run would leave unreachable objects in `.git/objects` (`git fsck`
    /// lists them as dangling until `git gc` prunes them).
    public func keepNewObjectsInMemory() throws(GitError) {
        let operation = "keep new objects in memory"
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_mempack_new(&backend), operation)
        guard let backend else { throw .invalidInput("libgit2 returned no backend", operation: operation) }
        var odb: OpaquePointer?
        let opened = git_repository_odb(&odb, pointer)
        defer { git_odb_free(odb) }
        // Highest priority: writes go to the first backend that accepts them, so to memory.
        let added = opened < 0 ? opened : git_odb_add_backend(odb, backend, 999)
        if added < 0 {
            backend.pointee.free?(backend)  // the database owns the backend only once it is added
            try check(added, operation)
        }
    }
}
