import CGit2
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the next run found of an in-place merge that a killed process left unfinished.
public enum InPlaceRecovery: Hashable, Sendable {
    /// The work tree was put back as HEAD has it. Paths changed by hand since the interruption
    /// were left as they are and are listed.
    case rolledBack(kept: [String])
    /// Everything had been written; the last steps (branch, index, merge state) were finished.
    case completed
    /// HEAD moved since (someone took over by hand): the record was dropped, nothing else touched.
    case abandoned
}

/// The record an in-place merge keeps in the git folder while it changes the work tree: enough
/// for the next run to put every path back (`applying`) or to finish the last renames
/// (`committing`). Written before the work tree is touched, removed last.
struct InPlaceJournal: Codable {
    enum Phase: String, Codable { case applying, committing }

    /// One path the merge writes: its blob in HEAD and in the merged work tree (nil: absent).
    struct Change: Codable {
        var path: String
        var before: String?
        var after: String?
    }

    var phase: Phase
    var head: String
    /// The reference HEAD names (`refs/heads/main`), or `HEAD` when detached.
    var reference: String
    /// The merge commit (clean merges); nil for a conflicted merge left for the developer.
    var commit: String?
    var mergeHead: String
    var mergeMessage: String
    var reflogMessage: String
    var changes: [Change]
}

extension Repository {
    /// Merges into the current branch's work tree and index as `git merge` does, all or nothing.
    ///
    /// Clean result: committed on HEAD with parents (HEAD, `theirs`); the commit is returned.
    /// Conflicted result: the work tree gets `workTree` (the merge with conflict markers), the index
    /// the conflict stages, and MERGE_HEAD, MERGE_MSG, MERGE_MODE and ORIG_HEAD are written, so
    /// `git status`, `git mergetool`, `git commit` and `git merge --abort` behave as after a
    /// conflicted `git merge`.
    ///
    /// Everything is prepared in the object database first. Then git's locks are taken (HEAD's
    /// reference lock and `index.lock`, held until the end, so no git command runs in between), a
    /// record of every path about to change is written (`journal`), the work tree is checked out,
    /// and the new index is renamed into place last. Any failure, or `interrupted()` turning true,
    /// while the work tree changes puts it back; a process killed meanwhile leaves the record, from
    /// which `recoverInPlaceMerge` restores the previous state or finishes the merge.
    ///
    /// `folder`: the merge was of that folder's tree alone (a service in a folder of its
    /// repository) and `workTree` is HEAD's tree with the folder replaced; the result's paths are
    /// the folder's. A clean merge commits `workTree`.
    public func mergeInPlace(_ result: MergeResult, workTree: OID, theirs: OID, message: String,
                             by identity: CommitIdentity, journal: String, folder: String = "",
                             interrupted: () -> Bool) throws(GitError) -> OID? {
        let operation = "merge in place"
        guard let workdir else { throw .invalidInput("a bare repository has no work tree", operation: operation) }
        let head = try head()
        guard let headCommit = head.commit else {
            throw .invalidInput("HEAD has no commit to merge into", operation: operation)
        }
        let reference = head.branchName.map { $0.hasPrefix("refs/") ? $0 : "refs/heads/" + $0 } ?? "HEAD"
        let headTree = try tree(ofCommit: headCommit)
        let commit = result.isClean
            ? try createCommit(tree: workTree, parents: [headCommit, theirs], by: identity, message: message) : nil
        let prefix = folder.isEmpty ? "" : folder + "/"
        let changes = try treeChanges(from: headTree, to: workTree)
        try refuseOverwriting(changes, in: workdir, operation)
        var mergeMessage = message.hasSuffix("\n") ? message : message + "\n"
        mergeMessage += "\n# Conflicts:\n" + result.conflicts.map { "#\t\(prefix)\($0.path)\n" }.joined()
        let subject = message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        var record = InPlaceJournal(phase: .applying, head: headCommit.hex, reference: reference, commit: commit?.hex,
                                    mergeHead: theirs.hex, mergeMessage: mergeMessage,
                                    reflogMessage: "commit (merge): " + subject, changes: changes)
        let nextIndex = journal + ".index"
        // The journal, the index and the branch name the new objects: on disk first.
        try writePendingObjects()

        // Taking the locks and writing the journal are two steps: a kill between them would leave
        // git's locks with no record saying whose they are. This marker (naming the reference)
        // exists for exactly that span, so the next run can tell its own stale locks from a git
        // process's (`recoverInPlaceMerge`).
        let locking = journal + ".locking"
        try writeDurably(Array("\(reference)\n".utf8), to: locking, operation)
        defer { unlink(locking) }
        let locks = try InPlaceLocks.take(reference, expecting: headCommit, in: self)
        var touched = false
        do throws(GitError) {
            try writeJournal(record, to: journal)
            unlink(locking)
            guard !interrupted() else { throw GitError.interrupted(operation) }
            touched = true
            var options = try Self.checkoutOptions(GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_DONT_WRITE_INDEX.rawValue
                                                   | GIT_CHECKOUT_DONT_OVERWRITE_IGNORED.rawValue)
            try withTree(headTree) { baseline throws(GitError) in
                options.baseline = baseline
                try withObject(workTree, GIT_OBJECT_TREE, "look up tree \(workTree)") { tree throws(GitError) in
                    try check(git_checkout_tree(pointer, tree, &options), "check out the merge")
                }
            }
            guard !interrupted() else { throw GitError.interrupted(operation) }
            try writeMergedIndex(result, prefix: prefix, sideFiles: changes.filter { $0.before == nil }.map(\.path),
                                 to: nextIndex)
            record.phase = .committing
            try writeJournal(record, to: journal)
            if let commit {
                try writeDurably(Array("\(record.head)\n".utf8), to: gitdir + "ORIG_HEAD", operation)
                try locks.commitReference(to: commit, committer: identity.committer, message: record.reflogMessage)
            } else {
                try writeMergeState(record, operation)
            }
        } catch {
            if touched {
                do { _ = try rollBack(record, workdir: workdir) } catch let failure {
                    // Left as a killed run leaves it: the record, and index.lock keeping git off
                    // the half-written work tree; the next run restores it.
                    locks.release(keepingIndexLock: true)
                    throw GitError(code: error.code, errorClass: error.errorClass,
                                   message: "\(error.message); putting the work tree back failed too (\(failure.message)): "
                                       + "run the upgrade again to restore it", operation: error.operation)
                }
            }
            removeMergeState(record)
            unlink(nextIndex)
            locks.release()
            unlink(journal)
            throw error
        }
        // The merge is complete from here on: a failure now leaves the record, and the next run
        // finishes these renames.
        try renameIndex(from: nextIndex, operation)
        locks.release()
        unlink(journal)
        return commit
    }

    /// Restores, or finishes, an in-place merge a killed process left (`mergeInPlace`'s `journal`);
    /// nil when there is none. Call only while no other scaffold process works on the repository.
    ///
    /// A lock file counts as the killed run's only when it is no newer than the record: a git
    /// process that took the lock since is never disturbed. Paths are put back only when they hold
    /// what the merge wrote, so edits made by hand after the interruption are kept.
    public func recoverInPlaceMerge(journal: String) throws(GitError) -> InPlaceRecovery? {
        let operation = "recover an interrupted in-place merge"
        guard let data = FileManager.default.contents(atPath: journal) else { return releaseStaleLocks(journal: journal) }
        guard let workdir, let record = try? JSONDecoder().decode(InPlaceJournal.self, from: data),
              record.changes.allSatisfy({ Self.isSafeWorkTreePath($0.path) }),
              record.reference == "HEAD" || Git.isValidReferenceName(record.reference),
              let head = try? OID(hex: record.head) else {
            throw .invalidInput("\(journal) is not a record of an interrupted in-place merge; remove it",
                                operation: operation)
        }
        let recorded = Self.modificationTime(journal) ?? timespec()
        let indexLock = gitdir + "index.lock"
        let ownIndexLock = Self.modificationTime(indexLock).map { !Self.isNewer($0, than: recorded) } ?? false
        let referenceLock = InPlaceLocks.lockPath(record.reference, in: self)
        let nextIndex = journal + ".index"
        func finished(_ recovery: InPlaceRecovery) -> InPlaceRecovery {
            if Self.modificationTime(referenceLock).map({ !Self.isNewer($0, than: recorded) }) ?? false {
                unlink(referenceLock)
            }
            if ownIndexLock { unlink(indexLock) }
            unlink(nextIndex)
            unlink(journal)
            return recovery
        }
        let current = try reference(named: record.reference)
        let commit = try record.commit.map { hex throws(GitError) in try OID(hex: hex) }

        if record.phase == .committing && ownIndexLock && (current == head || current == commit) {
            if let commit {
                if current == head {
                    try writeDurably(Array("\(record.head)\n".utf8), to: gitdir + "ORIG_HEAD", operation)
                    unlink(referenceLock)
                    try updateReference(named: record.reference, to: commit, expecting: head,
                                        message: record.reflogMessage)
                }
            } else {
                try writeMergeState(record, operation)
            }
            try renameIndex(from: nextIndex, operation)
            return finished(.completed)
        }
        guard current == head else { return finished(.abandoned) }
        return finished(.rolledBack(kept: try rollBack(record, workdir: workdir)))
    }

    /// A run killed while taking its locks, before its journal existed: nothing was changed yet.
    /// Its `index.lock` says it is scaffold's (`ownedIndexLock`); the reference lock (libgit2's,
    /// empty until it commits) and an `index.lock` killed before its first byte are the run's
    /// when no older than its marker and made within a second of it (it takes them in
    /// milliseconds; a git process that locked since is left alone). With no marker, only an
    /// `index.lock` of scaffold's own. Nil when there is nothing of a killed run.
    private func releaseStaleLocks(journal: String) -> InPlaceRecovery? {
        let locking = journal + ".locking"
        let indexLock = gitdir + "index.lock"
        guard let data = FileManager.default.contents(atPath: locking), let marked = Self.modificationTime(locking) else {
            guard Self.isOwnedIndexLock(indexLock) else { return nil }
            unlink(indexLock)
            return .rolledBack(kept: [])
        }
        if Self.isOwnedIndexLock(indexLock) { unlink(indexLock) }
        let reference = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var locks = [indexLock]
        if reference == "HEAD" || Git.isValidReferenceName(reference) { locks.append(InPlaceLocks.lockPath(reference, in: self)) }
        let latest = timespec(tv_sec: marked.tv_sec + 1, tv_nsec: marked.tv_nsec)
        for lock in locks {
            guard let taken = Self.modificationTime(lock), !Self.isNewer(marked, than: taken), !Self.isNewer(taken, than: latest),
                  (FileManager.default.contents(atPath: lock) ?? Data()).isEmpty else { continue }
            unlink(lock)
        }
        unlink(locking)
        return .rolledBack(kept: [])
    }

    /// Whether `index.lock` is one an in-place merge of scaffold's holds (or a killed one left).
    static func isOwnedIndexLock(_ path: String) -> Bool {
        FileManager.default.contents(atPath: path).map { Array($0) == ownedIndexLock } ?? false
    }

    /// Whether this repository holds what a killed in-place merge leaves: its journal, the marker
    /// of one taking its locks, or scaffold's own `index.lock`. `journal` as for `mergeInPlace`.
    public func hasInterruptedInPlaceMerge(journal: String) -> Bool {
        FileManager.default.fileExists(atPath: journal) || FileManager.default.fileExists(atPath: journal + ".locking")
            || Self.isOwnedIndexLock(gitdir + "index.lock")
    }

    // MARK: Steps

    /// Every path whose blob differs between two trees, with both sides' blobs, sorted by path.
    private func treeChanges(from old: OID, to new: OID) throws(GitError) -> [InPlaceJournal.Change] {
        try withTreeDiff(from: old, to: new) { diff in
            var changes: [String: InPlaceJournal.Change] = [:]
            for index in 0..<git_diff_num_deltas(diff) {
                guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
                if delta.status != GIT_DELTA_ADDED, let path = String(gitString: delta.old_file.path) {
                    changes[path, default: .init(path: path)].before = OID(delta.old_file.id).hex
                }
                if delta.status != GIT_DELTA_DELETED, let path = String(gitString: delta.new_file.path) {
                    changes[path, default: .init(path: path)].after = OID(delta.new_file.id).hex
                }
            }
            return changes.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        }
    }

    /// A file the merge adds must not replace one that is there untracked or ignored (git would
    /// overwrite an ignored one; putting the work tree back could not bring it back).
    private func refuseOverwriting(_ changes: [InPlaceJournal.Change], in workdir: String,
                                   _ operation: String) throws(GitError) {
        let tracked = Set(changes.filter { $0.before != nil }.map(\.path))
        for change in changes where change.before == nil {
            var status = stat()
            var blocker: String?
            if lstat(workdir + change.path, &status) == 0 {
                blocker = change.path
            } else {
                var prefix = Substring(change.path)
                while let slash = prefix.lastIndex(of: "/") {
                    prefix = prefix[..<slash]
                    if lstat(workdir + prefix, &status) == 0 {
                        if status.st_mode & S_IFMT != S_IFDIR && !tracked.contains(String(prefix)) { blocker = String(prefix) }
                        break
                    }
                }
            }
            if let blocker {
                throw .invalidInput("'\(blocker)' (untracked or ignored) is where the upgrade writes '\(change.path)'; "
                                    + "move it away and run again", operation: operation)
            }
        }
    }

    /// The index after the merge: the repository's index as the checkout left it in memory (stat
    /// data included, so git does not re-read every file), conflicted paths at their stages, and
    /// without the side files (`docs~HEAD`) that git leaves untracked. Written to `path`, not to
    /// `.git/index`: it is renamed there last. Rename records (libgit2's NAME extension) are left
    /// out: git does not know them and would warn on every command.
    private func writeMergedIndex(_ result: MergeResult, prefix: String, sideFiles: [String],
                                  to path: String) throws(GitError) {
        var repositoryIndex: OpaquePointer?
        try check(git_repository_index(&repositoryIndex, pointer), "open index")
        defer { git_index_free(repositoryIndex) }
        unlink(path)
        var index: OpaquePointer?
        try check(path.withCString { git_index_open(&index, $0) }, "create index \(path)")
        defer { git_index_free(index) }
        let entries = result.entries.map { entry in
            var entry = entry
            entry.path = prefix + entry.path
            return entry
        }
        let merged = Set(entries.map(\.path))
        let stages = Dictionary(grouping: entries.filter { $0.stage > 0 }, by: \.path)
        let left = Set(sideFiles.filter { !merged.contains($0) }).union(stages.keys)
        // Entry by entry: git_index_add copies the whole entry, stat data included.
        for position in 0..<git_index_entrycount(repositoryIndex) {
            guard let entry = git_index_get_byindex(repositoryIndex, position),
                  let file = String(gitString: entry.pointee.path), !left.contains(file) else { continue }
            try check(git_index_add(index, entry), "add '\(file)' to index")
        }
        for (file, sides) in stages.sorted(by: { $0.key < $1.key }) {
            func side(_ stage: Int) -> IndexEntry? { sides.first { $0.stage == stage } }
            let added = withOptionalEntry(side(1)) { ancestor in
                withOptionalEntry(side(2)) { ours in
                    withOptionalEntry(side(3)) { theirs in git_index_conflict_add(index, ancestor, ours, theirs) }
                }
            }
            try check(added, "add conflict '\(file)' to index")
        }
        try check(git_index_write(index), "write index \(path)")
        try Self.syncFile(path, "write index \(path)")
    }

    private func writeMergeState(_ record: InPlaceJournal, _ operation: String) throws(GitError) {
        try writeDurably(Array(record.mergeMessage.utf8), to: gitdir + "MERGE_MSG", operation)
        try writeDurably([], to: gitdir + "MERGE_MODE", operation)
        try writeDurably(Array("\(record.head)\n".utf8), to: gitdir + "ORIG_HEAD", operation)
        try writeDurably(Array("\(record.mergeHead)\n".utf8), to: gitdir + "MERGE_HEAD", operation)
    }

    /// Removes the merge state only when it is this merge's (a merge already in progress is
    /// refused before any of this starts).
    private func removeMergeState(_ record: InPlaceJournal) {
        func content(_ name: String) -> String? { try? String(contentsOfFile: gitdir + name, encoding: .utf8) }
        let ours = content("MERGE_HEAD")?.trimmingCharacters(in: .whitespacesAndNewlines) == record.mergeHead
        let message = content("MERGE_MSG") == record.mergeMessage
        if ours { unlink(gitdir + "MERGE_HEAD") }
        if message { unlink(gitdir + "MERGE_MSG") }
        if ours || message { unlink(gitdir + "MERGE_MODE") }
    }

    private func writeJournal(_ record: InPlaceJournal, to path: String) throws(GitError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(record) else {
            throw .invalidInput("cannot encode the merge record", operation: "merge in place")
        }
        try writeDurably(Array(data), to: path, "merge in place")
    }

    private func renameIndex(from path: String, _ operation: String) throws(GitError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard rename(path, gitdir + "index") == 0 else { throw GitError.posix("rename \(path) to index", operation) }
    }

    /// Puts back every recorded path that holds what the merge wrote (or was removed by it); paths
    /// changed since are kept and returned.
    private func rollBack(_ record: InPlaceJournal, workdir: String) throws(GitError) -> [String] {
        var kept: [String] = []
        var restore: [String] = []
        for change in record.changes.reversed() {
            let current = try workTreeBlob(change.path, in: workdir)
            if current == change.before { continue }
            let ours = current == nil || current == change.after || isPartialWrite(change.path, of: change.after, in: workdir)
            guard ours, !Self.crossesSymlink(change.path, in: workdir) else {
                kept.append(change.path)
                continue
            }
            if change.before != nil {
                restore.append(change.path)
            } else if current != nil {
                unlink(workdir + change.path)
                Self.removeEmptyParents(of: change.path, in: workdir)
            }
        }
        if !restore.isEmpty {
            let head = try OID(hex: record.head)
            var options = try Self.checkoutOptions(GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_WRITE_INDEX.rawValue
                                                   | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue)
            let paths = CStringArray(restore)
            try withTree(try tree(ofCommit: head)) { tree throws(GitError) in
                let restored = paths.withStrArray { array in
                    options.paths = array.pointee
                    return git_checkout_tree(pointer, tree, &options)
                }
                try check(restored, "restore the work tree")
            }
        }
        removeMergeState(record)
        var index: OpaquePointer?
        if git_repository_index(&index, pointer) == 0 {
            _ = git_index_read(index, 1)  // drop what the checkout changed in memory only
            git_index_free(index)
        }
        return kept.sorted()
    }

    /// Whether the file at `path` is the start of blob `after`: what a checkout killed while
    /// writing it leaves (libgit2 truncates, then writes in order).
    private func isPartialWrite(_ path: String, of after: String?, in workdir: String) -> Bool {
        guard let after, let oid = try? OID(hex: after), let content = try? blob(oid),
              let written = FileManager.default.contents(atPath: workdir + path) else { return false }
        return written.count < content.count && content.starts(with: written)
    }

    /// The blob id the work tree file at `path` would get (filters applied, as `git add` would);
    /// nil when there is no file (or a folder) there.
    private func workTreeBlob(_ path: String, in workdir: String) throws(GitError) -> String? {
        let full = workdir + path
        var status = stat()
        guard lstat(full, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFLNK:
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = buffer.withUnsafeMutableBufferPointer { readlink(full, $0.baseAddress!, $0.count) }
            return count < 0 ? nil : OID.hashed(buffer.prefix(count).map { UInt8(bitPattern: $0) }, type: GIT_OBJECT_BLOB).hex
        case S_IFREG:
            var oid = git_oid()
            try check(git_repository_hashfile(&oid, pointer, full, GIT_OBJECT_BLOB, path), "hash '\(path)'")
            return OID(oid).hex
        default:
            return nil
        }
    }

    /// A recorded path is relative, inside the work tree and outside `.git` (the record lives in
    /// the repository's own git folder, which its owners control).
    static func isSafeWorkTreePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.lowercased() != ".git"
        }
    }

    private static func crossesSymlink(_ path: String, in workdir: String) -> Bool {
        var prefix = Substring(path)
        while let slash = prefix.lastIndex(of: "/") {
            prefix = prefix[..<slash]
            var status = stat()
            if lstat(workdir + prefix, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK { return true }
        }
        return false
    }

    private static func removeEmptyParents(of path: String, in workdir: String) {
        var prefix = Substring(path)
        while let slash = prefix.lastIndex(of: "/") {
            prefix = prefix[..<slash]
            guard rmdir(workdir + prefix) == 0 else { return }
        }
    }

    // MARK: Files

    /// Writes `bytes` to a temporary name beside `path`, syncs it and renames it over `path`.
    func writeDurably(_ bytes: [UInt8], to path: String, _ operation: String) throws(GitError) {
        let folder = (path as NSString).deletingLastPathComponent
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw .posix("create \(folder)", operation) }
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .posix("create \(temporary)", operation) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBufferPointer { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
            }
            guard count > 0 else {
                let error = GitError.posix("write \(temporary)", operation)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced, rename(temporary, path) == 0 else {
            let error = GitError.posix("write \(path)", operation)
            unlink(temporary)
            throw error
        }
    }

    static func syncFile(_ path: String, _ operation: String) throws(GitError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .posix("open \(path)", operation) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .posix("sync \(path)", operation) }
    }

    static func modificationTime(_ path: String) -> timespec? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mtim : nil
    }

    static func isNewer(_ time: timespec, than other: timespec) -> Bool {
        time.tv_sec != other.tv_sec ? time.tv_sec > other.tv_sec : time.tv_nsec > other.tv_nsec
    }
}

/// What scaffold writes in the `index.lock` it holds over an in-place merge.
let ownedIndexLock = Array("scaffold in-place merge\n".utf8)

/// git's two locks over an in-place merge: HEAD's reference (through a libgit2 transaction, which
/// also writes the reflog when it commits) and `index.lock`, created exclusively as git does.
final class InPlaceLocks {
    private var transaction: OpaquePointer?
    private var released = false
    private let reference: String
    private let indexLock: String

    private init(transaction: OpaquePointer, reference: String, indexLock: String) {
        self.transaction = transaction
        self.reference = reference
        self.indexLock = indexLock
    }

    deinit { release() }

    /// Takes both locks, and checks that `reference` still points at `expecting` under them.
    static func take(_ reference: String, expecting head: OID, in repository: Repository) throws(GitError) -> InPlaceLocks {
        let operation = "lock the repository"
        var transaction: OpaquePointer?
        try check(git_transaction_new(&transaction, repository.pointer), operation)
        guard let transaction else { throw .invalidInput("libgit2 returned no transaction", operation: operation) }
        let locked = reference.withCString { git_transaction_lock_ref(transaction, $0) }
        if locked != 0 {
            git_transaction_free(transaction)
            throw .locked(lockPath(reference, in: repository), operation)
        }
        let indexLock = repository.gitdir + "index.lock"
        let descriptor = open(indexLock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            git_transaction_free(transaction)
            throw errno == EEXIST ? .locked(indexLock, operation) : .posix("create \(indexLock)", operation)
        }
        // Never read as an index (the merged one is renamed over `index` itself): it says whose
        // lock it is, so a later run knows its own whatever the timing (git's starts "DIRC").
        _ = ownedIndexLock.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let locks = InPlaceLocks(transaction: transaction, reference: reference, indexLock: indexLock)
        guard try repository.reference(named: reference) == head else {
            throw .invalidInput("\(reference) moved while the upgrade was prepared; run it again", operation: operation)
        }
        return locks
    }

    /// Moves the locked reference (and writes its reflog and HEAD's); the reference lock ends.
    func commitReference(to commit: OID, committer: Signature, message: String) throws(GitError) {
        var raw = commit.raw
        try committer.withGitSignature { signature throws(GitError) in
            try check(reference.withCString { name in
                message.withCString { git_transaction_set_target(transaction, name, &raw, signature, $0) }
            }, "update \(reference)")
        }
        try check(git_transaction_commit(transaction), "update \(reference)")
    }

    /// Releases whatever is still held (a reference lock not committed is dropped unchanged).
    func release(keepingIndexLock: Bool = false) {
        if let transaction { git_transaction_free(transaction) }
        transaction = nil
        if !keepingIndexLock && !released { unlink(indexLock) }
        released = true
    }

    /// The lock file git uses for `reference`.
    static func lockPath(_ reference: String, in repository: Repository) -> String {
        let folder = reference == "HEAD" ? repository.gitdir
            : String(gitString: git_repository_commondir(repository.pointer)) ?? repository.gitdir
        return folder + reference + ".lock"
    }
}

extension GitError {
    public static let interruptedCode = Code(rawValue: GIT_EUSER.rawValue)

    static func interrupted(_ operation: String) -> GitError {
        GitError(code: interruptedCode, errorClass: .none, message: "interrupted", operation: operation)
    }

    static func locked(_ path: String, _ operation: String) -> GitError {
        GitError(code: .locked, errorClass: .os,
                 message: "'\(path)' exists: another git process seems to be running in this repository "
                     + "(if none is, remove the file)", operation: operation)
    }

    static func posix(_ what: String, _ operation: String) -> GitError {
        GitError(code: .generic, errorClass: .os, message: "cannot \(what): \(String(cString: strerror(errno)))",
                 operation: operation)
    }
}
