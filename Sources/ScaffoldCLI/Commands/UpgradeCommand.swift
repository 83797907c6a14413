import CodeHost
import Foundation
import Scaffold
import Synchronization

/// `scaffold upgrade [DIR]` and `scaffold upgrade --all ROOT... | --repos FILE`: one service, or
/// every service of a fleet, onto a newer version of its golden path. Both forms run the same
/// use case and report the same outcomes (`UpgradeOutput`).
/// Exit 0 when every service ended upgraded, current, ahead or already proposed; 1 otherwise
/// (conflicts, skipped, failed); 2 on bad usage, and for one service refused for its state.
struct UpgradeCommand: Command {
    static let paths = PositionalSpec(name: "PATH",
                                      help: "The service (default: the current folder); with --all, folders to search",
                                      isOptional: true, isVariadic: true, completion: .directory)
    static let branch = OptionSpec.value("--branch", "NAME", "Branch to create (default: scaffold/upgrade-<golden-path>-<version>)")
    static let inPlace = OptionSpec.flag("--in-place", "Merge into the current branch, leaving conflicts as 'git merge' does")
    static let commitConflicts = OptionSpec.flag("--commit-conflicts", "Create the branch even with conflicts, committing the markers")
    static let push = OptionSpec.flag("--push", "Push the upgrade branch to 'origin'")
    static let dryRun = OptionSpec.flag("--dry-run", "Report what would happen without creating branches")
    static let merge = OptionSpec.value("--merge", "MODE", "How conflicted YAML files merge: structural (by key, the default) or line")
    static let skipExisting = OptionSpec.flag("--skip-existing", "Leave services that already have the upgrade branch")
    static let replaceExisting = OptionSpec.flag("--replace-existing", "Rebuild upgrade branches that already exist")
    static let json = CommonOptions.json("Print the result and pull-request description as JSON")
    static let fleet = "FLEET OPTIONS (with --all)"
    static let all = OptionSpec.flag("--all", section: fleet, "Upgrade every service under the ROOTs")
    static let repos = OptionSpec.value("--repos", "FILE", completion: .file, section: fleet,
                                        "Upgrade the services listed in FILE (one path per line, # comments)")
    static let goldenPath = OptionSpec.value("--golden-path", "NAME", completion: .goldenPath, section: fleet,
                                             "Only services made from this golden path")
    static let jobs = OptionSpec.value("--jobs", "N", short: "j", section: fleet,
                                       "Services upgraded at a time (default: the number of cores)")
    static let shard = OptionSpec.value("--shard", "I/N", section: fleet,
                                        "Only the I-th of N stable slices of the services; 'auto' reads JOB_COMPLETION_INDEX")
    static let report = OptionSpec.value("--report", "FILE", completion: .file, section: fleet, "Write the per-service report as JSON")
    static let valuesDir = OptionSpec.value("--values-dir", "DIR", completion: .directory, section: fleet,
                                            "Per-service values: DIR/<service name>.yaml (or .yml, .json), over --values")
    static let adopt = OptionSpec.value("--adopt", "GOLDEN_PATH", completion: .goldenPath, section: fleet,
                                        "Adopt repositories without .scaffold.yaml onto GOLDEN_PATH")
    static let prBodyDir = OptionSpec.value("--pr-body-dir", "DIR", completion: .directory, section: fleet,
                                            "Write each service's pull-request description into DIR")
    static let prs = "PULL REQUEST OPTIONS (with --all and repositories listed by URL)"
    static let openPRs = OptionSpec.flag("--open-prs", section: prs,
                                         "Push each upgrade branch and open (or update) its pull request / merge request")
    static let label = OptionSpec.value("--label", "NAME", repeatable: true, section: prs, "Label the pull requests (repeatable)")
    static let reviewer = OptionSpec.value("--reviewer", "USER", repeatable: true, section: prs, "Request a review (repeatable)")
    static let assignee = OptionSpec.value("--assignee", "USER", repeatable: true, section: prs, "Assign the pull requests (repeatable)")
    static let draft = OptionSpec.flag("--draft", section: prs, "Open the pull requests as drafts")
    static let reopenDeclined = OptionSpec.flag("--reopen-declined", section: prs,
                                                "Propose again to services whose team closed this version's pull request")

    static let spec = CommandSpec(
        name: "upgrade",
        abstract: "Upgrade services to a newer version of their golden path by three-way merge",
        discussion: """
            By default creates the branch scaffold/upgrade-<golden-path>-<version> at the merge and
            leaves the current branch and work tree as they were. --in-place merges into the current
            branch as 'git merge' would. Exits 1 when there are conflicts.
            With --all, upgrades every service found under the ROOTs (or listed in --repos FILE) on
            its own branch, several at a time. Lines of FILE may be clone URLs: those repositories
            are cloned (then fetched) into the workspace, upgraded from the remote default branch,
            and with --open-prs proposed as pull requests (token in GITHUB_TOKEN or GITLAB_TOKEN,
            never printed or written). Commits are signed as git signs them when
            commit.gpgsign is set (or with --sign).
            \(CommonOptions.noHooks)
            """,
        usages: ["[DIR] [options]", "--all ROOT... [options]", "--all --repos FILE [options]",
                 "--all --github-org ORG|--gitlab-group GROUP [--topic TOPIC] --open-prs [options]"],
        positionals: [paths],
        options: [CommonOptions.to, CommonOptions.set, CommonOptions.values, CommonOptions.noInput, branch, inPlace, commitConflicts, push, dryRun, skipExisting,
                  replaceExisting, CommonOptions.sign, CommonOptions.noSign, json, all, repos, goldenPath, jobs, shard,
                  valuesDir, adopt, report, prBodyDir, openPRs, label, reviewer, assignee, draft, reopenDeclined, CommonOptions.trust, merge]
            + CodeHostOptions.specs + CommonOptions.readingCatalog)

    var paths: [String]
    var to: String?
    var sets: [String]
    var valuesFiles: [String]
    var valuesDir: String?
    var adopt: String?
    var noInput: Bool
    var branch: String?
    var inPlace: Bool
    var commitConflicts: Bool
    var push: Bool
    var signing: CommonOptions.Signing
    var dryRun: Bool
    var skipExisting: Bool
    var replaceExisting: Bool
    var json: Bool
    var all: Bool
    var repos: String?
    var goldenPath: String?
    var jobs: Int?
    var shard: String?
    var report: String?
    var prBodyDir: String?
    var openPRs: Bool
    var pullRequests: PullRequestOptions
    var codeHost: CodeHostOptions
    var catalog: String?
    var trust: Bool
    var merge: String?

    init(_ arguments: inout ArgumentReader) throws(CLIError) {
        paths = arguments.positionals(Self.paths)
        trust = arguments.flag(CommonOptions.trust)
        merge = arguments.value(Self.merge)
        to = arguments.value(CommonOptions.to)
        sets = arguments.values(CommonOptions.set)
        valuesFiles = arguments.values(CommonOptions.values)
        valuesDir = arguments.value(Self.valuesDir)
        adopt = arguments.value(Self.adopt)
        noInput = arguments.flag(CommonOptions.noInput)
        branch = arguments.value(Self.branch)
        inPlace = arguments.flag(Self.inPlace)
        commitConflicts = arguments.flag(Self.commitConflicts)
        push = arguments.flag(Self.push)
        signing = CommonOptions.signing(&arguments)
        dryRun = arguments.flag(Self.dryRun)
        skipExisting = arguments.flag(Self.skipExisting)
        replaceExisting = arguments.flag(Self.replaceExisting)
        json = arguments.flag(Self.json)
        all = arguments.flag(Self.all)
        repos = arguments.value(Self.repos)
        goldenPath = arguments.value(Self.goldenPath)
        jobs = try arguments.positiveInteger(Self.jobs)
        shard = arguments.value(Self.shard)
        report = arguments.value(Self.report)
        prBodyDir = arguments.value(Self.prBodyDir)
        openPRs = arguments.flag(Self.openPRs)
        pullRequests = PullRequestOptions(labels: arguments.values(Self.label), reviewers: arguments.values(Self.reviewer),
                                          assignees: arguments.values(Self.assignee), draft: arguments.flag(Self.draft),
                                          reopenDeclined: arguments.flag(Self.reopenDeclined))
        codeHost = try CodeHostOptions(&arguments, command: Self.spec.name)
        catalog = arguments.value(CommonOptions.catalog)
    }

    /// Every rule between the flags, in one place.
    func validate() throws(CLIError) {
        try signing.validate(in: Self.spec.name)
        try codeHost.validate(in: Self.spec.name)
        try CommonOptions.checkVersion(to, of: CommonOptions.to, in: Self.spec.name)
        if all {
            let single = [(inPlace, Self.inPlace), (branch != nil, Self.branch)]
            if let (_, option) = single.first(where: \.0) {
                throw Self.usageError("\(option.name) upgrades one service; it cannot be combined with --all")
            }
        } else {
            let fleet = [(repos != nil, Self.repos), (codeHost.discovery != nil,
                          codeHost.discovery?.kind == .gitlab ? CodeHostOptions.gitlabGroup : CodeHostOptions.githubOrg),
                         (goldenPath != nil, Self.goldenPath), (jobs != nil, Self.jobs),
                         (shard != nil, Self.shard), (report != nil, Self.report), (prBodyDir != nil, Self.prBodyDir),
                         (valuesDir != nil, Self.valuesDir), (adopt != nil, Self.adopt), (openPRs, Self.openPRs)]
            if let (_, option) = fleet.first(where: \.0) { throw Self.usageError("\(option.name) needs --all") }
            if paths.count > 1 { throw Self.usageError("expected one service folder (several need --all)") }
        }
        if inPlace && (branch != nil || commitConflicts) {
            throw Self.usageError("--in-place merges into the current branch; it takes neither --branch nor --commit-conflicts")
        }
        if inPlace && dryRun { throw Self.usageError("--in-place and --dry-run exclude each other") }
        if push && (inPlace || dryRun) {
            throw Self.usageError("--push pushes the upgrade branch; it cannot be combined with --in-place or --dry-run")
        }
        let prOptions = [(pullRequests.draft, Self.draft), (pullRequests.reopenDeclined, Self.reopenDeclined),
                         (!pullRequests.labels.isEmpty, Self.label), (!pullRequests.reviewers.isEmpty, Self.reviewer),
                         (!pullRequests.assignees.isEmpty, Self.assignee)]
        if !openPRs, let (_, option) = prOptions.first(where: \.0) { throw Self.usageError("\(option.name) needs --open-prs") }
        if openPRs && (dryRun || adopt != nil) {
            throw Self.usageError("--open-prs proposes upgrades; it cannot be combined with --dry-run or --adopt")
        }
        if let merge, merge != "line", merge != "structural" {
            throw Self.usageError("invalid value '\(merge)' for '--merge': expected structural or line")
        }
        if skipExisting && replaceExisting {
            throw Self.usageError("--skip-existing and --replace-existing exclude each other")
        }
    }

    /// What each service's upgrade does, for both forms.
    var options: ServiceUpgrade.Options {
        ServiceUpgrade.Options(to: to, values: ValueArguments(valuesFiles: valuesFiles, sets: sets), mode: dryRun ? .dryRun : inPlace ? .inPlace : .branch, branch: branch,
                               commitConflicts: commitConflicts,
                               existing: skipExisting ? .skip : replaceExisting ? .replace : .keep, push: push, sign: signing.choice)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let catalog = try CommonOptions.locateCatalog(catalog, context, forServices: true)
        var options = options
        options.environment = context.environment
        options.trust = trust
        options.structuralMerge = merge != "line"
        if all { return try runFleet(catalog: catalog, options: options, context: context) }
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try ServiceUpgrade.run(path: paths.first ?? ".", catalog: catalog, options: options,
                                   prompt: context.console.isInteractive && !noInput ? Prompting.prompter(console: context.console) : nil)
        }
        if case .skipped(let reason) = result.outcome, reason.refusesOneService {
            throw CLIError(Diagnostic(file: result.location.path, message: UpgradeOutput.words(reason)))
        }
        if json {
            context.console.print(UpgradeOutput.json(result).text)
        } else {
            UpgradeOutput.printSummary(result, console: context.console)
        }
        return result.outcome.isDone ? .success : .findings
    }

    private func runFleet(catalog: CatalogContext, options: ServiceUpgrade.Options,
                          context: CommandContext) throws(CLIError) -> ExitCode {
        let console = context.console
        let remote = codeHost.remote(environment: context.environment, openPullRequests: openPRs, pullRequests: pullRequests)
        var slice: FleetShard?
        if let shard {
            do { slice = try FleetShard.parse(shard, environment: context.environment) } catch {
                throw Self.usageError("invalid value '\(shard)' for '\(Self.shard.name)': \(error.message)")
            }
        }
        let locations = try Diagnostics.run { () throws(ScaffoldError) in
            // A name the catalog lacks is a typo to hear about, not an empty fleet.
            for name in [goldenPath, adopt].compactMap({ $0 }) { _ = try catalog.versions(of: name) }
            var isFolder: ObjCBool = false
            if let valuesDir, !(FileManager.default.fileExists(atPath: valuesDir, isDirectory: &isFolder) && isFolder.boolValue) {
                throw ScaffoldError(file: valuesDir, message: "not a folder (--values-dir)")
            }
            return try FleetSelection(roots: paths, reposFile: repos, shard: slice, discovery: codeHost.discovery,
                                      remote: remote).locations()
        }
        if openPRs && !locations.contains(where: { $0.remote != nil }) {
            throw Self.usageError("--open-prs needs repositories on a code host: URLs in --repos FILE, --github-org or --gitlab-group")
        }
        let fleetOptions = FleetUpgrade.Options(upgrade: options, goldenPath: goldenPath, valuesDirectory: valuesDir, adopt: adopt,
                                                jobs: jobs ?? FleetSelection.defaultJobs(), remote: remote)
        if let refusal = FleetUpgrade.refusal(locations, options: fleetOptions) {
            throw CLIError(Diagnostic(message: refusal))
        }
        let pacer = remote.pacer
        let progress = console.isInteractive
            ? FleetProgress(total: locations.count, waiting: { pacer.remainingWait() }, write: console.writeError) : nil
        // The report is written as results arrive; of each service only what the summary needs
        // is kept (its description too when --pr-body-dir writes them), so memory stays flat
        // however large the fleet.
        let report = try FleetReport(path: self.report, toStandardOutput: json, console: console, dryRun: dryRun, catalog: catalog)
        let kept = Mutex<[UpgradeResult]>([])
        let keepDescriptions = prBodyDir != nil
        FleetUpgrade.run(locations, catalog: catalog, options: fleetOptions, completed: { done in
            progress?.update(done: done)
        }, deliver: { result in
            report?.append(result)
            kept.withLock { $0.append(keepDescriptions ? result : result.compacted()) }
        })
        progress?.finish()
        try report?.finish()
        let results = kept.withLock { $0 }
        if let folder = prBodyDir { try UpgradeOutput.writePullRequests(results, to: folder) }
        if !json { UpgradeOutput.printFleetSummary(results, dryRun: dryRun, console: console) }
        return results.allSatisfy(\.outcome.isDone) ? .success : .findings
    }
}

extension UpgradeOutcome.SkipReason {
    /// Reasons that make a single-service upgrade an error (exit 2), as before any change was made;
    /// in a fleet they are a skipped row.
    var refusesOneService: Bool {
        switch self {
        case .dirtyWorkTree, .branchHasOtherContent, .operationInProgress, .anotherRunInProgress, .repositoryLocked: true
        case .branchExists: false
        }
    }
}
