import Foundation
import GitKit
import GoldenPath

/// `scaffold upgrade` for one service repository: plans the merge, then lands it on a branch or
/// in place, pushes when asked and saves the pull-request description.
///
/// Works on an open `Repository` with an already-loaded target, so a fleet run can share one
/// `UpgradeTarget` across many services.
public enum ServiceUpgrade {
    public struct Options: Sendable {
        public var sets: [String]
        public var mode: UpgradeMode
        public var push: Bool

        public init(sets: [String] = [], mode: UpgradeMode = .branch(name: nil, commitConflicts: false), push: Bool = false) {
            self.sets = sets
            self.mode = mode
            self.push = push
        }
    }

    /// The default upgrade branch: `scaffold/upgrade-go-microservice-1.1.0`.
    public static func branchName(goldenPath: String, version: SemanticVersion) -> String {
        "scaffold/upgrade-\(goldenPath)-\(version)"
    }

    /// Upgrades the service at HEAD of `repository`. Refuses a dirty work tree (exit 2) before
    /// writing anything.
    public static func run(_ repository: Repository, target: UpgradeTarget, options: Options,
                           author: Signature) throws(ScaffoldError) -> UpgradeResult {
        let dirty = try dirtyPaths(of: repository)
        guard dirty.isEmpty else {
            let shown = dirty.prefix(5).joined(separator: ", ") + (dirty.count > 5 ? ", …" : "")
            throw ScaffoldError(file: repository.displayPath,
                                message: "the work tree has uncommitted changes (\(shown)); commit or stash them first")
        }
        if options.push, case .inPlace = options.mode {
            throw ScaffoldError(message: "--push pushes the upgrade branch; it cannot be combined with --in-place")
        }
        let service = try ServiceHead(repository: repository)
        var result = UpgradeResult(status: .current, service: service.serviceName, goldenPath: service.answers.goldenPath,
                                   from: service.answers.version, to: target.goldenPath.version)
        if UpgradePlanner.isCurrent(service, target: target, sets: options.sets) { return result }

        let plan = try UpgradePlanner.plan(repository, service: service, target: target, sets: options.sets, author: author)
        if plan.changesNothing { return result }
        result.plan = plan
        result.status = plan.hasConflicts ? .conflicts : .upgraded
        result.description = PullRequestDescription.markdown(plan, target: target)
        let message = mergeMessage(plan)

        switch options.mode {
        case .dryRun:
            result.dryRun = true
            return result
        case .inPlace:
            result.inPlace = true
            try mapErrors(path: repository.displayPath) {
                try repository.applyInPlace(plan.merge, theirs: plan.pristine, message: message)
                if let tree = plan.merge.tree {
                    result.commit = try repository.createCommit(tree: tree, parents: [service.commit, plan.pristine],
                                                                author: author, committer: author, message: message,
                                                                updating: "HEAD")
                }
            }
        case .branch(let name, let commitConflicts):
            let branch = name ?? branchName(goldenPath: plan.goldenPath, version: plan.to)
            if plan.hasConflicts && !commitConflicts { break }
            result.branch = branch
            try mapErrors(path: repository.displayPath) {
                if let existing = try repository.branch(named: branch) {
                    guard try repository.tree(ofCommit: existing.commit) == plan.resultTree else {
                        throw ScaffoldError(file: repository.displayPath, message: "branch '\(branch)' already exists with other "
                            + "content; delete it (git branch -D \(branch)) or name another with --branch")
                    }
                    result.status = .alreadyProposed
                    result.commit = existing.commit
                } else {
                    let commit = try repository.createCommit(
                        tree: plan.resultTree, parents: [service.commit, plan.pristine], author: author, committer: author,
                        message: message)
                    try repository.createBranch(named: branch, at: commit)
                    result.commit = commit
                }
                if options.push {
                    try repository.push(remote: "origin", refspecs: ["refs/heads/\(branch):refs/heads/\(branch)"])
                    result.pushed = true
                }
            }
        }
        result.descriptionPath = try saveDescription(result.description ?? "", version: plan.to, in: repository)
        return result
    }

    /// The merge commit's message (no `Scaffold-Template` trailer: the merge is not a pristine render);
    /// when conflicts are committed, it lists the files whose markers need resolving.
    static func mergeMessage(_ plan: UpgradePlan) -> String {
        let service = plan.service.serviceName
        var message: String
        if plan.from == plan.to {
            message = "Re-render \(service) with \(plan.goldenPath) \(plan.to)\n\nAnswers set: \(plan.sets.joined(separator: ", "))\n"
        } else {
            message = "Upgrade \(service) to \(plan.goldenPath) \(plan.to)\n\nMerges the pristine render of \(plan.goldenPath) "
                + "\(plan.to) into \(service), which was on \(plan.from).\n"
        }
        if plan.hasConflicts {
            message += "\nThis commit contains conflict markers; resolve them in:\n" + plan.conflicts.map { "\t\($0.path)\n" }.joined()
        }
        return message
    }

    /// Saves the description as `.git/scaffold/upgrade-<version>.md`; returns its path.
    private static func saveDescription(_ text: String, version: SemanticVersion,
                                        in repository: Repository) throws(ScaffoldError) -> String {
        let folder = repository.gitdir + "scaffold"
        let path = "\(folder)/upgrade-\(version).md"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ScaffoldError(file: path, message: "cannot save the pull-request description: \(error.localizedDescription)")
        }
        return path
    }
}
