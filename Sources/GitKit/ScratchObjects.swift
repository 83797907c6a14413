import CGit2
import CGit2Runtime

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
        try addFirst(backend, operation: operation)
    }

    /// From now on, new objects are held in memory and written as one pack (with its index) in
    /// `objects/pack` before anything can point at them: before the next reference update,
    /// commit onto a reference, checkout or in-place merge (`writePendingObjects`). One pack
    /// file instead of a loose file, and often a fan-out folder, per blob, tree and commit; and
    /// the objects of an upgrade that lands nowhere (already proposed) are never written at all.
    /// The pack is written under a temporary name and renamed last, so an interrupted write
    /// leaves nothing git reads.
    public func packNewObjects() throws(GitError) {
        guard pendingObjects == nil else { return }
        let operation = "pack new objects"
        var raw: UnsafeMutableRawPointer?
        try check(scaffold_store_new(&raw), operation)
        guard let raw else { throw .invalidInput("no object store", operation: operation) }
        try addFirst(raw.assumingMemoryBound(to: git_odb_backend.self), operation: operation)
        pendingObjects = raw
    }

    /// Writes the objects `packNewObjects` holds as one pack, then empties the store (later
    /// objects are held again). Nothing when there are none.
    public func writePendingObjects() throws(GitError) {
        guard let store = pendingObjects, scaffold_store_count(store) > 0 else { return }
        let folder = gitdir + "objects/pack"
        try check(folder.withCString { scaffold_store_write_pack(store, $0) },
                  "write new objects as a pack")
    }

    /// Adds `backend` to the object database above every other, so new objects go to it.
    private func addFirst(_ backend: UnsafeMutablePointer<git_odb_backend>, operation: String) throws(GitError) {
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
