import Foundation
import GitKit
import GoldenPath

/// `scaffold adopt`: brings a repository that predates the golden path onto it. The pristine
/// render of the chosen version is committed as a root commit (the merge base every later
/// upgrade finds, as after `scaffold new`) and merged into HEAD with the team's files winning
/// wherever they exist: the merge adds the template files the repository lacks and
/// `.scaffold.yaml`, and the files where the team differs from the template are its drift,
/// shown by `scaffold diff --drift` and merged by later upgrades like any service's.
public enum AdoptService {
    public struct Request: Sendable {
        public var goldenPath: String
        public var path: String
        public var version: String?
        /// Answers; `name` defaults to the repository folder's name.
        public var values: ValueArguments
        /// `.branch` (default `scaffold/adopt-<golden-path>-<version>`) or `.inPlace`.
        public var mode: UpgradeMode
        public var branch: String?
        public var sign: Bool?
        public var environment: [String: String]

        public init(goldenPath: String, path: String = ".", version: String? = nil, values: ValueArguments = ValueArguments(),
                    mode: UpgradeMode = .branch, branch: String? = nil, sign: Bool? = nil, environment: [String: String] = [:]) {
            self.goldenPath = goldenPath
            self.path = path
            self.version = version
            self.values = values
            self.mode = mode
            self.branch = branch
            self.sign = sign
            self.environment = environment
        }
    }

    public struct Result: Sendable {
        public var path: String
        public var service: String
        public var goldenPath: String
        public var version: SemanticVersion
        /// The branch made (nil in place).
        public var branch: String?
        public var commit: OID?
        public var pristineCommit: OID
        /// Template files the repository did not have, now added (sorted).
        public var added: [String]
        /// Template files the repository has with other content: the team's versions are kept.
        public var kept: [String]
    }

    public static func branchName(goldenPath: String, version: SemanticVersion) -> String {
        "scaffold/adopt-\(goldenPath)-\(version)"
    }

    public static func run(_ request: Request, catalog: CatalogContext, prompt: Prompter? = nil) throws(ScaffoldError) -> Result {
        let absolute = NewService.absolutePath(request.path)
        let repository: Repository
        do { repository = try Repository(openingAt: absolute, searchParents: true) } catch {
            throw ScaffoldError(file: absolute, message: "not a git repository (\(error.message))")
        }
        let path = repository.displayPath
        if request.mode == .dryRun {
            do { try repository.keepNewObjectsInMemory() } catch { throw ScaffoldError(error, path: path) }
        }
        guard repository.workdir != nil else { throw ScaffoldError(file: path, message: "a bare repository has no work tree to adopt") }
        switch try ServiceHead.read(repository) {
        case .success(let head):
            throw ScaffoldError(file: path, message: "already a service of \(head.answers.goldenPath) \(head.answers.version): "
                + "use scaffold upgrade")
        case .failure(.noCommits):
            throw ScaffoldError(file: path, message: "the repository has no commits yet: use scaffold new")
        case .failure(.noAnswersFile):
            break
        }
        if let state = repository.stateInProgress { throw ScaffoldError(file: path, message: state.description) }
        let dirty = try dirtyPaths(of: repository)
        if !dirty.isEmpty {
            throw ScaffoldError(file: path, message: UpgradeOutcome.SkipReason.dirtyWorkTree(dirty).description + "; commit or stash them first")
        }

        let version = try catalog.resolve(request.goldenPath, version: request.version)
        let goldenPath = try catalog.goldenPath(request.goldenPath, version: version)
        var inputs = try request.values.inputs(catalog: catalog.catalog)
        let folderName = (path as NSString).lastPathComponent
        // The folder's name is only the fallback: any value given for `name` wins over it.
        let namedByValues = inputs.sets.contains { $0.hasPrefix("name=") }
            || inputs.valuesFiles.contains { file in file.node.mapping?.contains { $0.key.scalar?.value == "name" } ?? false }
        if !namedByValues { inputs.arguments = [(parameter: "name", value: folderName, label: "the folder name")] }
        let render = try mapErrors {
            try goldenPath.render(inputs: inputs, source: catalog.sourceLabel, created: LoadedGoldenPath.today(), prompt: prompt)
        }
        let service = render.answers.answers["name"]?.scalar?.value ?? folderName
        let identity = try CommitIdentity.resolve(author: nil, sign: request.sign, repository: repository,
                                                  environment: request.environment)
        let name = request.branch ?? branchName(goldenPath: goldenPath.name, version: version)
        if request.mode == .branch, try mapErrors(path: path, { try repository.branch(named: name) }) != nil {
            throw ScaffoldError(file: path, message: "branch \(name) exists; delete it or name another with --branch")
        }

        return try mapErrors(path: path) {
            guard let headCommit = try repository.head().commit else {
                throw ScaffoldError(file: path, message: "the repository has no commits yet: use scaffold new")
            }
            let headTree = try repository.tree(ofCommit: headCommit)
            let pristineTree = try repository.writeTree(try GitTree.entries(of: render.tree, in: repository))
            let pristine = try repository.createCommit(tree: pristineTree, parents: [], by: identity,
                                                       message: NewService.commitMessage(service: service, goldenPath: goldenPath.name,
                                                                                         version: version))
            // No common history: every template file the repository also has is an add/add
            // conflict, resolved as the team's file; `.scaffold.yaml` is the template's.
            var merge = try repository.mergeTrees(ancestor: nil, ours: headTree, theirs: pristineTree, renames: false)
            let kept = merge.conflicts.compactMap(\.ours)
            let answers = try repository.flatTree(pristineTree).filter { $0.path == AnswersFile.fileName }
            merge = try repository.resolving(merge, with: kept + answers)
            guard let tree = merge.tree else { throw ScaffoldError(file: path, message: "the adoption merge kept a conflict") }
            let added = try repository.diff(from: headTree, to: tree, detectRenames: false).files.map(\.newPath).sorted()
            let message = "Adopt \(service) onto \(goldenPath.name) \(version)\n\nMerges the pristine render of \(goldenPath.name) "
                + "\(version) into the repository; where both have a file, the repository's is kept.\n"
            var result = Result(path: path, service: service, goldenPath: goldenPath.name, version: version, branch: nil,
                                commit: nil, pristineCommit: pristine, added: added,
                                kept: kept.map(\.path).filter { $0 != AnswersFile.fileName }.sorted())
            switch request.mode {
            case .inPlace:
                result.commit = try ServiceUpgrade.mergeInPlace(merge, workTree: tree, theirs: pristine, message: message,
                                                                by: identity, in: repository)
            case .branch, .dryRun:
                let commit = try repository.createCommit(tree: tree, parents: [headCommit, pristine], by: identity, message: message)
                if request.mode == .branch {
                    _ = try repository.createBranch(named: name, at: commit)
                    result.branch = name
                }
                result.commit = commit
            }
            return result
        }
    }
}
