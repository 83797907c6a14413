import Foundation
import GitKit
import GoldenPath

/// `scaffold upgrade`: one service to a newer version of its golden path. `upgrade --all` is a
/// loop over `upgrade(_:head:at:catalog:options:)`, so both decide, land and report alike.
public enum ServiceUpgrade {
    /// What to do about an upgrade branch that already exists.
    public enum ExistingBranch: Sendable {
        /// Keep it: already proposed when it has this run's tree, skipped otherwise.
        case keep
        /// Leave the service alone without preparing its upgrade.
        case skip
        /// Point it at this run's upgrade.
        case replace
        /// Replace it when its tip is an upgrade merge scaffold made (the mirror of a remote
        /// branch scaffold pushed); keep it, and skip the service, when someone committed on it.
        case replaceOwn
    }

    public struct Options: Sendable {
        /// A version or `latest`; nil: the newest. `values` are validated against it.
        public var to: String?
        /// `--values` files and `--set KEY=VALUE` answers applied on top of the recorded ones (a
        /// re-render when the version stays).
        public var values: ValueArguments
        public var mode: UpgradeMode
        /// The upgrade branch; nil: `scaffold/upgrade-<golden-path>-<version>`.
        public var branch: String?
        /// Create the branch even with conflicts, committing the markers.
        public var commitConflicts: Bool
        public var existing: ExistingBranch
        /// Push the upgrade branch to `origin`.
        public var push: Bool
        /// HTTPS credentials for the push (a code host's token); nil for local and SSH remotes.
        public var credentials: RemoteCredentials? = nil
        /// Sign the commits (`--sign`/`--no-sign`); nil: as each repository's `commit.gpgsign` says.
        public var sign: Bool?
        /// `GIT_AUTHOR_*` and `GIT_COMMITTER_*`, over each repository's git configuration.
        public var environment: [String: String]
        /// Run imported templates' own code (cookiecutter hooks, copier tasks): `--trust`.
        public var trust = false
        /// Merge conflicted YAML files key by key (`--merge structural`, the default) or keep git's
        /// line merge (`--merge line`).
        public var structuralMerge = true

        public init(to: String? = nil, values: ValueArguments = ValueArguments(), mode: UpgradeMode = .branch, branch: String? = nil,
                    commitConflicts: Bool = false, existing: ExistingBranch = .keep, push: Bool = false,
                    sign: Bool? = nil, environment: [String: String] = [:]) {
            self.to = to
            self.values = values
            self.mode = mode
            self.branch = branch
            self.commitConflicts = commitConflicts
            self.existing = existing
            self.push = push
            self.sign = sign
            self.environment = environment
        }
    }

    /// The default upgrade branch: `scaffold/upgrade-go-microservice-1.1.0`.
    /// A service in a folder of its repository puts the folder's name first
    /// (`scaffold/upgrade-billing-go-microservice-2.0.0`), so each service has its own branch.
    public static func branchName(goldenPath: String, version: SemanticVersion, folder: String = "") -> String {
        branchPrefix(goldenPath: goldenPath, folder: folder) + "\(version)"
    }

    /// What the upgrade branches of one service share, whatever the version.
    private static func branchPrefix(goldenPath: String, folder: String) -> String {
        let service = folder.split(separator: "/").last.map { "\($0)-" } ?? ""
        return "scaffold/upgrade-\(service)\(goldenPath)-"
    }

    /// The version `branch` upgrades this service to, when it is one of the service's upgrade
    /// branches (`branchName`); nil for any other branch.
    static func proposedVersion(of branch: String, goldenPath: String, folder: String) -> SemanticVersion? {
        let prefix = branchPrefix(goldenPath: goldenPath, folder: folder)
        return branch.hasPrefix(prefix) ? SemanticVersion(String(branch.dropFirst(prefix.count))) : nil
    }

    /// Upgrades the service of the repository containing `path` (found as `git` finds it from a
    /// subfolder).
    /// Required values still missing after `options.values` are asked through `prompt`.
    public static func run(path: String, catalog: CatalogContext, options: Options,
                           prompt: Prompter? = nil) throws(ScaffoldError) -> UpgradeResult {
        let opened = try OpenedService(path: path, readOnly: options.mode == .dryRun)
        return try upgrade(opened.repository, head: opened.head, at: opened.location, catalog: catalog, options: options,
                           prompt: prompt)
    }

    /// Upgrades one opened service: decides, plans, lands (on a branch or in place), pushes and
    /// saves the description. A service that needs nothing, or must be left alone, comes back with
    /// that outcome; errors are for services that cannot be upgraded.
    static func upgrade(_ repository: Repository, head: ServiceHead, at location: ServiceLocation,
                        catalog givenCatalog: CatalogContext, options: Options, prompt: Prompter? = nil) throws(ScaffoldError) -> UpgradeResult {
        var head = head
        // An in-place upgrade a killed run left is put right first, by every mode (dry runs too:
        // the work tree they would compare against is the half-changed one).
        let journal = inPlaceJournal(of: repository)
        var recovery: InPlaceRecovery?
        if repository.hasInterruptedInPlaceMerge(journal: journal) {
            guard let lock = try UpgradeLock.acquire(repository) else {
                return UpgradeResult(location: location, head: head, outcome: .skipped(.anotherRunInProgress))
            }
            recovery = try withExtendedLifetime(lock) { () throws(ScaffoldError) in
                try git(repository.displayPath) { () throws(GitError) in try repository.recoverInPlaceMerge(journal: journal) }
            }
            if recovery != nil { head = try ServiceHead(repository: repository) }
        }
        // A project copier or cruft made is upgraded from its template repository.
        let catalog: CatalogContext
        (catalog, head) = try givenCatalog.serving(head, remote: location.remote != nil, environment: options.environment)
        let answers = head.answers
        var result = UpgradeResult(location: location, head: head, outcome: .alreadyCurrent)
        result.mode = options.mode
        result.recovery = recovery
        let requested = options.to
        _ = try catalog.versions(of: answers)
        let version = try catalog.resolve(answers.goldenPath, version: requested)
        result.to = version
        if answers.version > version { return result.ending(.ahead) }
        if answers.version == version && options.values.isEmpty { return result }

        let path = location.path
        let name = options.branch ?? branchName(goldenPath: answers.goldenPath, version: version, folder: head.folder)
        let existing = options.mode == .inPlace ? nil : try git(path) { () throws(GitError) in try repository.branch(named: name) }
        if existing != nil && options.existing == .skip {
            result.branch = name
            return result.ending(.skipped(.branchExists(name)))
        }
        if let state = repository.stateInProgress { return result.ending(.skipped(.operationInProgress(state))) }
        // A bare repository (a workspace clone) has no work tree to be dirty, nor to merge into.
        if repository.workdir == nil && options.mode == .inPlace {
            throw ScaffoldError(file: path, message: "a bare repository has no work tree to merge into")
        }
        let dirty = repository.workdir == nil ? [] : try dirtyPaths(of: repository)
        if !dirty.isEmpty { return result.ending(.skipped(.dirtyWorkTree(dirty))) }
        // Held until this service's upgrade is written (dry runs write nothing and need none).
        let lock = options.mode == .dryRun ? nil : try UpgradeLock.acquire(repository)
        if options.mode != .dryRun && lock == nil { return result.ending(.skipped(.anotherRunInProgress)) }
        defer { withExtendedLifetime(lock) {} }

        // Objects are written as one pack, and only when the upgrade lands (`packNewObjects`).
        if options.mode != .dryRun { try git(path) { () throws(GitError) in try repository.packNewObjects() } }
        // Dry runs keep their commits in memory: nothing to sign.
        let identity = try CommitIdentity.resolve(author: nil, sign: options.mode == .dryRun ? false : options.sign,
                                                  repository: repository, environment: options.environment)
        let target = try catalog.upgradeTarget(answers.goldenPath, version: version)
        let plan = try UpgradePlanner.plan(repository, service: head, target: target, values: options.values,
                                           prompt: prompt, identity: identity,
                                           // A template the project names itself is not trusted, whatever --trust says.
                                           trust: answers.format == .scaffold
                                               ? CodeTrust(trusted: options.trust, environment: options.environment)
                                               : CodeTrust(trusted: false, environment: [:], refusal: "the project's own answers file names "
                                                           + "this template, so its code never runs, even with --trust"),
                                           structuralMerge: options.structuralMerge)
        if plan.changesNothing { return result }
        result.record(plan)
        let landsOnBranch = options.mode != .inPlace && (!plan.hasConflicts || options.commitConflicts)
        result.description = PullRequestDescription.markdown(plan, target: target, branch: landsOnBranch ? name : nil)
        result.outcome = plan.hasConflicts ? .conflicts : .upgraded

        let keepsExisting: Bool
        if landsOnBranch, let existing, options.existing == .keep || options.existing == .replaceOwn {
            let tree = try git(path) { () throws(GitError) in try repository.tree(ofCommit: existing.commit) }
            let replaceable = options.existing == .replaceOwn ? try isUpgradeMerge(existing.commit, in: repository) : false
            if tree != plan.resultTree && !replaceable {
                result.branch = name
                return result.ending(.skipped(.branchHasOtherContent(name)))
            }
            keepsExisting = tree == plan.resultTree
        } else {
            keepsExisting = false
        }
        if keepsExisting, let existing {
            result.branch = name
            result.commit = existing.commit
            if !plan.hasConflicts { result.outcome = .alreadyProposed }
            if options.mode == .dryRun { return result }
            try push(name, of: repository, options: options, force: false, into: &result)
        } else {
            switch options.mode {
            case .dryRun:
                return result
            case .inPlace:
                do throws(GitError) {
                    result.commit = try mergeInPlace(plan.merge, workTree: plan.resultTree, theirs: plan.pristine,
                                                     message: mergeMessage(plan, carriesMarkers: false), by: identity,
                                                     folder: head.folder, in: repository)
                } catch where error.code == .locked {
                    return result.ending(.skipped(.repositoryLocked(error.message)))
                } catch {
                    throw ScaffoldError(error, path: path)
                }
            case .branch where landsOnBranch:
                let commit = try git(path) { () throws(GitError) in
                    try repository.createCommit(tree: plan.resultTree, parents: [head.commit, plan.pristine], by: identity,
                                                message: mergeMessage(plan, carriesMarkers: plan.hasConflicts))
                }
                try createBranch(name, at: commit, in: repository, replacing: existing != nil)
                result.branch = name
                result.commit = commit
                try push(name, of: repository, options: options, force: existing != nil, into: &result)
            case .branch:
                break  // conflicts, not to be committed: the description says what to resolve
            }
        }
        result.descriptionPath = try saveDescription(result.description ?? "", name: head.recordName("upgrade") + "-\(plan.to)",
                                                     in: repository)
        try LastUpgrade.save(result, as: head.recordName("last-upgrade"), in: repository)
        return result
    }

    /// Whether `commit` is an upgrade merge as scaffold writes them: two parents, the second a
    /// pristine render. A commit someone added on the branch (a conflict resolved) is not.
    static func isUpgradeMerge(_ commit: OID, in repository: Repository) throws(ScaffoldError) -> Bool {
        try git(repository.displayPath) { () throws(GitError) in
            let merge = try repository.commit(commit)
            guard merge.parents.count == 2 else { return false }
            return try repository.commit(merge.parents[1]).trailers.contains { $0.key == Pristine.trailerKey }
        }
    }

    /// Merges into the current branch all or nothing (`GitKit.mergeInPlace`), with SIGINT and
    /// SIGTERM held until the work tree is complete or put back.
    static func mergeInPlace(_ merge: MergeResult, workTree: OID, theirs: OID, message: String, by identity: CommitIdentity,
                             folder: String = "", in repository: Repository) throws(GitError) -> OID? {
        try InterruptCleanup.holdingInterrupts { interrupted throws(GitError) in
            try repository.mergeInPlace(merge, workTree: workTree, theirs: theirs, message: message, by: identity,
                                        journal: inPlaceJournal(of: repository), folder: folder, interrupted: interrupted)
        }
    }

    /// Where an in-place upgrade records what it is changing (`GitKit.mergeInPlace`), so the next
    /// upgrade can put right one that was killed.
    static func inPlaceJournal(of repository: Repository) -> String {
        repository.gitdir + "scaffold/in-place.json"
    }

    /// The merge commit's message (no `Scaffold-Template` trailer: the merge is not a pristine render).
    /// Only a commit that really carries conflict markers (`--commit-conflicts`) says so; an
    /// in-place merge lists its conflicts as `#` comments of MERGE_MSG instead, which git drops
    /// from the commit the developer makes once they are resolved.
    static func mergeMessage(_ plan: UpgradePlan, carriesMarkers: Bool) -> String {
        let service = plan.service.serviceName
        var message: String
        if plan.from == plan.to {
            message = "Re-render \(service) with \(plan.goldenPath) \(plan.to)\n\nAnswers set: \(plan.sets.joined(separator: ", "))\n"
        } else {
            message = "Upgrade \(service) to \(plan.goldenPath) \(plan.to)\n\nMerges the pristine render of \(plan.goldenPath) "
                + "\(plan.to) into \(service), which was on \(plan.from).\n"
        }
        if carriesMarkers {
            message += "\nThis commit contains conflict markers; resolve them in:\n" + plan.conflicts.map { "\t\($0.path)\n" }.joined()
        }
        return message
    }

    /// Creates (or moves) the branch in one reference write: the last step of a service's upgrade,
    /// so an interrupted run leaves either no branch or a complete one. A reference lock left by a
    /// run killed in the middle of that very write is recognised by its age (`UpgradeLock`).
    static func createBranch(_ name: String, at commit: OID, in repository: Repository,
                                     replacing: Bool) throws(ScaffoldError) {
        UpgradeLock.clearStaleReferenceLock(branch: name, in: repository)
        try git(repository.displayPath) { () throws(GitError) in
            try repository.createBranch(named: name, at: commit, force: replacing)
        }
    }

    /// Pushes the branch to `origin`, unless the last fetch saw it there at this very commit
    /// (libgit2 1.5 would still send a push for a reference that is up to date).
    private static func push(_ name: String, of repository: Repository, options: Options, force: Bool,
                             into result: inout UpgradeResult) throws(ScaffoldError) {
        guard options.push else { return }
        let ref = "refs/heads/" + name
        if let commit = result.commit, (try? repository.reference(named: "refs/remotes/origin/" + name)) == commit { return }
        do {
            try repository.push(remote: "origin", refspecs: [(force ? "+" : "") + ref + ":" + ref], credentials: options.credentials)
        } catch {
            // The branch is made; only its push failed, which a re-run retries.
            throw ScaffoldError(error, path: repository.displayPath, kind: .operationFailed)
        }
        result.pushed = true
    }

    /// Saves the description as `.git/scaffold/upgrade-<version>.md`; returns its path.
    private static func saveDescription(_ text: String, name: String,
                                        in repository: Repository) throws(ScaffoldError) -> String {
        let folder = repository.gitdir + "scaffold"
        let path = "\(folder)/\(name).md"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try RecordFile.write(Data(text.utf8), to: path)
        } catch {
            throw ScaffoldError(.operationFailed, file: path,
                                message: "cannot save the pull-request description: \(error.localizedDescription)")
        }
        return path
    }

    /// Runs GitKit calls, locating their errors in the service.
    @discardableResult
    private static func git<T>(_ path: String, _ body: () throws(GitError) -> T) throws(ScaffoldError) -> T {
        do { return try body() } catch { throw ScaffoldError(error, path: path) }
    }
}

extension UpgradeResult {
    /// The result with its outcome set, for the early returns of a service that needs nothing.
    func ending(_ outcome: UpgradeOutcome) -> UpgradeResult {
        var copy = self
        copy.outcome = outcome
        return copy
    }
}
