import Foundation
import GitKit
import GoldenPath

/// `scaffold upgrade --all`: every service of the selection onto its own upgrade branch, `jobs` at
/// a time. One broken service is reported as failed and never stops the others.
public enum FleetUpgrade {
    /// What to do about an upgrade branch that already exists.
    public enum ExistingBranches: Sendable {
        /// Keep it: "already proposed" when it has this run's tree, skipped otherwise.
        case keep
        /// Leave every service that has the branch, without preparing its upgrade.
        case skip
        /// Point it at this run's upgrade.
        case replace
    }

    public struct Options: Sendable {
        /// A version, `latest`, or nil for the newest.
        public var to: String?
        public var goldenPath: String?
        public var existing: ExistingBranches
        public var commitConflicts: Bool
        public var push: Bool
        public var dryRun: Bool
        public var jobs: Int
        /// For the commit author when a repository's git configuration names none (`GIT_AUTHOR_NAME`...).
        public var environment: [String: String]

        public init(to: String? = nil, goldenPath: String? = nil, existing: ExistingBranches = .keep,
                    commitConflicts: Bool = false, push: Bool = false, dryRun: Bool = false, jobs: Int = 1,
                    environment: [String: String] = [:]) {
            self.to = to
            self.goldenPath = goldenPath
            self.existing = existing
            self.commitConflicts = commitConflicts
            self.push = push
            self.dryRun = dryRun
            self.jobs = jobs
            self.environment = environment
        }
    }

    /// The reports of the repositories that are services (of `--golden-path`, when given), sorted by path.
    public static func run(_ locations: [ServiceLocation], options: Options, cache: GoldenPathCache,
                           completed: @escaping @Sendable (Int) -> Void = { _ in }) -> [ServiceUpgradeReport] {
        let results = BoundedRunner.map(locations, jobs: options.jobs, completed: completed) { location in
            upgrade(location, options: options, cache: cache)
        }
        return results.compactMap { $0 }
    }

    /// One service, wholly on the calling thread; nil when the repository is not a service of the selection.
    static func upgrade(_ location: ServiceLocation, options: Options, cache: GoldenPathCache) -> ServiceUpgradeReport? {
        var report = ServiceUpgradeReport(location: location, outcome: .failed("not read"))
        do throws(ScaffoldError) {
            let repository: Repository
            do throws(GitError) {
                repository = try Repository(openingAt: location.path)
                if options.dryRun { try repository.keepNewObjectsInMemory() }  // a dry run leaves no objects
            } catch {
                throw ScaffoldError(error, path: location.path)
            }
            guard let snapshot = try ServiceSnapshot.read(repository, at: location) else { return nil }
            let answers = snapshot.answers
            if let wanted = options.goldenPath, answers.goldenPath != wanted { return nil }
            report.goldenPath = answers.goldenPath
            report.from = answers.version
            let target = try targetVersion(of: answers.goldenPath, requested: options.to, cache: cache)
            report.to = target
            report.outcome = try upgrade(repository, snapshot: snapshot, to: target, options: options, cache: cache,
                                         report: &report)
        } catch {
            report.outcome = .failed(ServiceFailure(location: location, error: error).reason)
        }
        return report
    }

    private static func targetVersion(of goldenPath: String, requested: String?,
                                      cache: GoldenPathCache) throws(ScaffoldError) -> SemanticVersion {
        let versions = try cache.versions(of: goldenPath)
        guard let newest = versions.first else {
            throw ScaffoldError(message: "golden path '\(goldenPath)' has no versions in the catalog")
        }
        guard let requested, requested != "latest" else { return newest }
        guard let wanted = SemanticVersion(requested.hasPrefix("v") ? String(requested.dropFirst()) : requested),
              versions.contains(wanted) else {
            throw ScaffoldError(message: "golden path '\(goldenPath)' has no version \(requested)")
        }
        return wanted
    }

    private static func upgrade(_ repository: Repository, snapshot: ServiceSnapshot, to target: SemanticVersion,
                                options: Options, cache: GoldenPathCache,
                                report: inout ServiceUpgradeReport) throws(ScaffoldError) -> UpgradeOutcome {
        let answers = snapshot.answers
        if answers.version >= target { return .alreadyCurrent }
        let path = snapshot.location.path
        let name = ServiceUpgrade.branchName(goldenPath: answers.goldenPath, version: target)
        let existing = try git(path) { () throws(GitError) in try repository.branch(named: name) }
        if existing != nil && options.existing == .skip {
            report.branch = name
            return .skipped("branch \(name) exists")
        }
        if !(try dirtyPaths(of: repository).isEmpty) { return .skipped("dirty work tree") }
        let service = try ServiceHead(repository: repository)
        let author = try NewService.resolveAuthor(nil, repository: repository, environment: options.environment)
        let upgradeTarget = try cache.upgradeTarget(answers.goldenPath, version: target)
        let plan = try UpgradePlanner.plan(repository, service: service, target: upgradeTarget, sets: [], author: author)
        if plan.changesNothing { return .alreadyCurrent }
        report.filesChanged = plan.changes.map { $0.status == .deleted ? $0.oldPath : $0.newPath }
        report.conflictedFiles = plan.conflicts.map(\.path).sorted()
        report.pullRequest = PullRequestDescription.markdown(plan, target: upgradeTarget)
        let outcome: UpgradeOutcome = plan.hasConflicts ? .conflicts : .upgraded
        if plan.hasConflicts && !options.commitConflicts { return outcome }
        if let existing, options.existing != .replace {
            report.branch = name
            let tree = try git(path) { () throws(GitError) in try repository.tree(ofCommit: existing.commit) }
            guard tree == plan.resultTree else {
                return .skipped("branch \(name) exists with other changes (--replace-existing rebuilds it)")
            }
            try push(name, of: repository, options: options, force: false, report: &report)
            return plan.hasConflicts ? .conflicts : .alreadyProposed
        }
        if options.dryRun { return outcome }
        let commit = try git(path) { () throws(GitError) in
            try repository.createCommit(tree: plan.resultTree, parents: [service.commit, plan.pristine], author: author,
                                        committer: author, message: ServiceUpgrade.mergeMessage(plan))
        }
        try createBranch(name, at: commit, in: repository, replacing: existing != nil)
        report.branch = name
        try push(name, of: repository, options: options, force: existing != nil, report: &report)
        return outcome
    }

    /// Creates (or moves) the branch in one reference write: the last step of a service's upgrade,
    /// so an interrupted run leaves either no branch or a complete one. A lock file left by a run
    /// killed in the middle of that very write would block the branch forever; it is removed first.
    private static func createBranch(_ name: String, at commit: OID, in repository: Repository,
                                     replacing: Bool) throws(ScaffoldError) {
        let lock = repository.gitdir + "refs/heads/" + name + ".lock"
        if FileManager.default.fileExists(atPath: lock) { try? FileManager.default.removeItem(atPath: lock) }
        try git(repository.workdir ?? repository.gitdir) { () throws(GitError) in
            try repository.createBranch(named: name, at: commit, force: replacing)
        }
    }

    private static func push(_ name: String, of repository: Repository, options: Options, force: Bool,
                             report: inout ServiceUpgradeReport) throws(ScaffoldError) {
        guard options.push, !options.dryRun else { return }
        let ref = "refs/heads/" + name
        try git(repository.workdir ?? repository.gitdir) { () throws(GitError) in
            try repository.push(remote: "origin", refspecs: [(force ? "+" : "") + ref + ":" + ref])
        }
        report.pushed = true
    }

    /// Runs GitKit calls, locating their errors in the service.
    @discardableResult
    private static func git<T>(_ path: String, _ body: () throws(GitError) -> T) throws(ScaffoldError) -> T {
        do { return try body() } catch { throw ScaffoldError(error, path: path) }
    }
}
