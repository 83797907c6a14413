import CGit2
import Foundation

extension Repository {
    /// Writes a merge result into the current branch's work tree and index, as `git merge` does.
    ///
    /// Clean result: the work tree and index are updated to the merged tree; the caller then commits
    /// it with parents (HEAD, `theirs`). Conflicted result: resolved files are written, conflicted
    /// files get `<<<<<<<`/`>>>>>>>` markers with the result's labels (binary files keep our
    /// version), the index records the conflict stages, and MERGE_HEAD, MERGE_MSG, MERGE_MODE and
    /// ORIG_HEAD are written, so `git status`, `git mergetool`, `git commit` and `git merge --abort`
    /// behave as after a conflicted `git merge`.
    ///
    /// Uses a SAFE checkout against HEAD: a work tree change that would be overwritten is an error
    /// and nothing is lost. Callers should refuse a dirty work tree first.
    public func applyInPlace(_ result: MergeResult, theirs commit: OID, message: String) throws(GitError) {
        let operation = "apply merge in place"
        guard let head = try head().commit else {
            throw .invalidInput("HEAD has no commit to merge into", operation: operation)
        }
        if let tree = result.tree {
            try checkout(tree: tree, strategy: .safe)
            return
        }
        let index = try GitIndex(entries: result.entries, names: result.names)
        var options = try Self.checkoutOptions(GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_ALLOW_CONFLICTS.rawValue
                                               | GIT_CHECKOUT_CONFLICT_STYLE_MERGE.rawValue)
        let labels = CStringArray([result.labels.ancestor, result.labels.ours, result.labels.theirs])
        options.ancestor_label = labels[0]
        options.our_label = labels[1]
        options.their_label = labels[2]
        try check(withExtendedLifetime(labels) { git_checkout_index(pointer, index.pointer, &options) }, operation)
        try keepOurFilesBesideFolders(result, operation)

        var mergeMessage = message.hasSuffix("\n") ? message : message + "\n"
        mergeMessage += "\n# Conflicts:\n" + result.conflicts.map { "#\t\($0.path)\n" }.joined()
        try writeStateFile("MERGE_HEAD", commit.hex + "\n", operation)
        try writeStateFile("ORIG_HEAD", head.hex + "\n", operation)
        try writeStateFile("MERGE_MODE", "", operation)
        try writeStateFile("MERGE_MSG", mergeMessage, operation)
    }

    /// libgit2's checkout replaces our file by the other side's folder of the same name (`docs`
    /// against `docs/openapi.yaml`); git keeps the file beside it as `docs~HEAD`, and so does this,
    /// so no work of the developer's is out of sight while the conflict is resolved.
    private func keepOurFilesBesideFolders(_ result: MergeResult, _ operation: String) throws(GitError) {
        guard let workdir else { return }
        let entries = result.entries.map { TreeEntry(path: $0.path, oid: $0.oid, mode: .file) }
        let ours = Set(result.conflicts.compactMap(\.ours?.path))
        let moved = Self.keepingFilesBesideFolders(entries, ours: ours)
        for conflict in result.conflicts {
            guard let mine = conflict.ours, moved.contains(where: { $0.path == mine.path + "~HEAD" }) else { continue }
            let path = workdir + mine.path + "~HEAD"
            do {
                try Data(try blob(mine.oid)).write(to: URL(fileURLWithPath: path), options: .atomic)
                if mine.mode == .executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
            } catch let error as GitError {
                throw error
            } catch {
                throw GitError(code: .generic, errorClass: .os, message: "cannot write \(path): \(error)", operation: operation)
            }
        }
    }

    private func writeStateFile(_ name: String, _ content: String, _ operation: String) throws(GitError) {
        let path = gitdir + name
        do {
            try Data(content.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw GitError(code: .generic, errorClass: .os, message: "cannot write \(path): \(error)",
                           operation: operation)
        }
    }
}
