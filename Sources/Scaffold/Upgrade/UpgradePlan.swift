import GitKit
import GoldenPath
import YAMLKit

/// An upgrade worked out in the object database: the base, the new pristine commit, the merge
/// and the tree it leads to. Computing it writes objects only; no reference, index or file moves,
/// so a dry run, `scaffold diff` and a real upgrade share it.
public struct UpgradePlan: Sendable {
    public let service: ServiceHead
    public let goldenPath: String
    public let from: SemanticVersion
    public let to: SemanticVersion
    /// `--values` files and `--set` arguments applied on top of the recorded answers.
    public let values: ValueArguments
    public let base: PristineBase
    /// The new pristine commit: the target render, child of the base.
    public let pristine: OID
    public let merge: MergeResult
    /// The repository's tree after the merge (with conflicts, with markers written into the
    /// files); for a service in a folder, HEAD's tree with only that folder replaced.
    public let resultTree: OID
    /// What the upgrade changes relative to HEAD (renames detected), sorted by path.
    public let changes: [FileDiff]
    /// The golden path's migrations of the recorded answers, in words.
    public let migrationNotes: [String]
    /// Defaults the service never set whose value the target resolves differently
    /// (`` `port`: 3000 -> 8080 ``): they move under the team's feet, so the description lists them.
    public let changedDefaults: [String]
    /// Files the line merge conflicted on that were merged key by key instead (repository paths).
    public var mergedStructurally: [String] = []
    /// Key paths both sides changed differently, per file (`spec.replicas` in `deploy/hpa.yaml`).
    public var keyConflicts: [String: [String]] = [:]

    /// The `--set` arguments given.
    public var sets: [String] { values.sets }

    /// The conflicted paths, as paths of the repository.
    public var conflicts: [MergeConflict] {
        merge.conflicts.map { conflict in
            var conflict = conflict
            conflict.path = service.repositoryPath(conflict.path)
            return conflict
        }
    }
    public var hasConflicts: Bool { !merge.isClean }
    /// The merge changes nothing: same version and the answers give the same render.
    public var changesNothing: Bool { resultTree == service.rootTree }
}

/// Computes upgrade plans: the three-way merge of a service's HEAD (ours) with the pristine render
/// of the target version (theirs) against the pristine render of its current version (base).
public enum UpgradePlanner {
    /// Plans the upgrade of the service at HEAD of `repository` to `target`.
    ///
    /// Theirs is rendered with the recorded answers after the target's migrations, with `sets`
    /// on top, the recorded creation date and catalog label, and the developer's own keys of
    /// `.scaffold.yaml`. scaffold owns `.scaffold.yaml`, so the merge result always takes that
    /// computed file (target version, migrated answers, extra keys) and it never conflicts.
    public static func plan(_ repository: Repository, service: ServiceHead, target: UpgradeTarget,
                            values: ValueArguments = ValueArguments(), prompt: Prompter? = nil,
                            identity: CommitIdentity, trust: CodeTrust = .refused,
                            structuralMerge: Bool = true) throws(ScaffoldError) -> UpgradePlan {
        let recorded = service.answers
        let goldenPath = target.goldenPath
        guard recorded.goldenPath == goldenPath.name else {
            throw ScaffoldError(file: service.answersLabel,
                                message: "the service was made from '\(recorded.goldenPath)', not '\(goldenPath.name)'")
        }
        guard recorded.version <= goldenPath.version else {
            throw ScaffoldError(file: service.answersLabel,
                                message: "the service is on \(recorded.goldenPath) \(recorded.version), newer than \(goldenPath.version)")
        }
        let path = repository.displayPath
        let base = try PristineBase.find(in: repository, service: service, target: target, identity: identity, trust: trust)

        let migrations = goldenPath.manifest.spec.migrations
        let migrated = Migration.migrate(recorded, with: migrations, to: goldenPath.version)
        let (theirsTree, theirsAnswers) = try Pristine.render(goldenPath, answers: migrated, platform: target.platform,
                                                              values: values, prompt: prompt, folder: service.folder,
                                                              trust: trust, in: repository)
        let pristine = try mapErrors(path: path) {
            try repository.createCommit(tree: theirsTree, parents: [base.commit], by: identity,
                                        message: Pristine.commitMessage(service: service.serviceName, goldenPath: goldenPath.name,
                                                                        version: goldenPath.version, folder: service.folder))
        }
        let labels = MergeLabels(
            ancestor: "\(goldenPath.name) \(recorded.version)",
            ours: service.branch ?? "ours",
            theirs: recorded.version == goldenPath.version
                ? "\(goldenPath.name) \(goldenPath.version) (new answers)" : "\(goldenPath.name) \(goldenPath.version)",
            style: ConflictStyle(configValue: try? repository.configValue("merge.conflictStyle")))
        var structural: [String] = []
        var keyConflicts: [String: [String]] = [:]
        let (merge, resultTree, changes) = try mapErrors(path: path) {
            var merge = try repository.mergeTrees(ancestor: base.tree, ours: service.tree, theirs: theirsTree,
                                                  renames: true, labels: labels)
            if let answers = try repository.flatTree(theirsTree).first(where: { $0.path == AnswersFile.fileName }) {
                merge = try repository.resolving(merge, with: answers)
            }
            (merge, structural, keyConflicts) = try mergeStructurally(merge, in: repository, enabled: structuralMerge,
                                                                      globs: goldenPath.manifest.spec.files.structured.map(Glob.init))
            // A service in a folder is merged as its own tree and grafted back: nothing outside
            // its folder changes, and the rest of the repository is never walked.
            var resultTree = try repository.treeWithConflictMarkers(merge)
            if !service.folder.isEmpty {
                resultTree = try repository.replacingSubtree(at: service.folder, in: service.rootTree, with: resultTree)
            }
            return (merge, resultTree, try repository.diff(from: service.rootTree, to: resultTree).files)
        }
        return UpgradePlan(service: service, goldenPath: goldenPath.name, from: recorded.version, to: goldenPath.version,
                           values: values, base: base, pristine: pristine, merge: merge, resultTree: resultTree,
                           changes: changes,
                           migrationNotes: AnswerMigrationNotes.describe(recorded, migrations: migrations, to: goldenPath.version),
                           changedDefaults: changedDefaults(from: migrated, to: theirsAnswers),
                           mergedStructurally: structural.map(service.repositoryPath),
                           keyConflicts: Dictionary(uniqueKeysWithValues: keyConflicts.map { (service.repositoryPath($0.key), $0.value) }))
    }

    /// The conflicted YAML and JSON files (by extension, and those the golden path's
    /// `files.structured` globs name) merged key by key (`StructuralMerge`): each one that merges
    /// cleanly is resolved with the result; the others keep the line merge, and the key paths that
    /// truly conflict are kept for the report. `.scaffold.yaml` has its own rule and is left alone.
    static func mergeStructurally(_ merge: MergeResult, in repository: Repository, enabled: Bool,
                                  globs: [Glob] = []) throws(GitError) -> (MergeResult, [String], [String: [String]]) {
        guard enabled else { return (merge, [], [:]) }
        var resolved: [TreeEntry] = []
        var conflicts: [String: [String]] = [:]
        var markers: [String: [UInt8]] = [:]
        for conflict in merge.conflicts where conflict.kind == .bothModified && conflict.path != AnswersFile.fileName {
            let lower = conflict.path.lowercased()
            let json = lower.hasSuffix(".json")
            guard json || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || globs.contains(where: { $0.matches(conflict.path) }),
                  let base = conflict.ancestor, let ours = conflict.ours, let theirs = conflict.theirs,
                  let baseText = String(validating: try repository.blob(base.oid), as: UTF8.self),
                  let ourText = String(validating: try repository.blob(ours.oid), as: UTF8.self),
                  let theirText = String(validating: try repository.blob(theirs.oid), as: UTF8.self) else { continue }
            switch StructuralMerge.merge(base: baseText, ours: ourText, theirs: theirText, file: conflict.path,
                                         labels: (merge.labels.ours, merge.labels.theirs), json: json) {
            case .merged(let text):
                resolved.append(TreeEntry(path: conflict.path, oid: try repository.writeBlob(Array(text.utf8)), mode: ours.mode))
            case .partial(let text, let paths):
                // Still a conflict (its index stages stay), with markers only around those keys.
                conflicts[conflict.path] = paths
                markers[conflict.path] = Array(text.utf8)
            case .conflicts(let paths):
                conflicts[conflict.path] = paths
            case .unsupported:
                break
            }
        }
        var result = resolved.isEmpty ? merge : try repository.resolving(merge, with: resolved)
        result.markedContent = markers
        return (result, resolved.map(\.path), conflicts)
    }

    /// Defaults recorded under `defaults:` that the new render resolves to another value.
    static func changedDefaults(from old: AnswersFile, to new: AnswersFile) -> [String] {
        new.defaults.names.compactMap { name in
            guard let before = old.defaults[name], let after = new.defaults[name],
                  let was = before.scalar?.value, let now = after.scalar?.value, was != now else { return nil }
            return "`\(name)`: \(was) -> \(now)"
        }
    }
}
