import CodeHost
import Foundation
import GitKit
import GoldenPath
import Locations

/// `scaffold new`: renders a golden path and turns it into a ready git repository.
///
/// Everything is rendered and validated first; the repository is then built in a hidden
/// folder beside the target and renamed into place, so a failure at any point leaves nothing behind.
public struct NewService: Sendable {
    public struct Request: Sendable {
        /// A catalog name, or the folder of a cookiecutter template used directly.
        public var goldenPath: String
        /// Optional for an imported template: the folder is then named by the template itself.
        public var name: String?
        public var version: String?
        public var values: ValueArguments
        public var output: String?
        public var author: String?
        public var remote: String?
        public var push = false
        public var git = true
        /// Sign the commit (`--sign`/`--no-sign`); nil: as `commit.gpgsign` says.
        public var sign: Bool?
        /// Inside an existing repository: commit the service on the current branch (else on
        /// `scaffold/new-NAME`).
        public var inPlace = false
        /// Make the service its own repository even inside an existing one.
        public var standalone = false
        /// The target must be inside an existing repository (`--into`).
        public var requiresRepository = false
        /// Create the repository on GitHub or GitLab and push to it (`--publish URL`).
        public var publish: Publication?
        /// Run the template's own code (cookiecutter hooks, copier tasks): `--trust`.
        public var trust = false

        public init(goldenPath: String, name: String?, version: String? = nil, values: ValueArguments = ValueArguments(),
                    output: String? = nil, author: String? = nil, remote: String? = nil, push: Bool = false, git: Bool = true,
                    sign: Bool? = nil) {
            self.goldenPath = goldenPath
            self.name = name
            self.version = version
            self.values = values
            self.output = output
            self.author = author
            self.remote = remote
            self.push = push
            self.git = git
            self.sign = sign
        }
    }

    public struct Result: Sendable {
        public var path: String
        public var commit: String?
        public var goldenPath: String
        public var version: String
        public var files: [String]
        public var nextSteps: [String]
        /// The branch the service was committed on, when it was added into an existing repository.
        public var branch: String?
        /// Values given for parameters this render does not use (their `when` is false).
        public var unused: [UnusedValue]
        /// With `--publish`: the repository's web page on the code host.
        public var published: String? = nil
    }

    /// The pristine commit's message; a service in a folder of its repository also names the
    /// folder (`Scaffold-Folder`), so each service of a repository finds its own pristine renders.
    public static func commitMessage(service: String, goldenPath: String, version: SemanticVersion, folder: String = "") -> String {
        "Scaffold \(service) from \(goldenPath) \(version)\n\n\(Pristine.trailerKey): \(Pristine.trailerValue(goldenPath: goldenPath, version: version))\n"
            + (folder.isEmpty ? "" : "\(Pristine.folderTrailerKey): \(folder)\n")
    }

    /// The template folder `goldenPath` names, when it is a path (`./cookiecutter-pypackage`,
    /// `/templates/x`) rather than a catalog name: such a template needs no catalog.
    public static func templateFolder(_ goldenPath: String) -> String? {
        guard goldenPath.contains("/") || goldenPath.hasPrefix(".") else { return nil }
        return absolutePath(goldenPath)
    }

    /// A local folder whose work tree is a template (used as it is without `--version`).
    static func isTemplateWorkTree(_ location: String) -> Bool {
        !location.contains("://") && ImportedTemplate.isTemplate(absolutePath(location))
    }

    /// `catalog` is needed unless the request names a template folder or repository.
    public static func run(_ request: Request, catalog: CatalogContext?, environment: [String: String],
                           prompt: Prompter? = nil) throws(ScaffoldError) -> Result {
        if request.push && request.remote == nil {
            throw ScaffoldError(message: "pushing needs a remote URL")
        }
        if !request.git && (request.remote != nil || request.push || request.author != nil) {
            throw ScaffoldError(message: "a service written without git has no remote, push or author")
        }
        if request.publish != nil && (!request.git || request.remote != nil || request.push) {
            throw ScaffoldError(message: "publishing makes the repository, its remote and the push; it takes no remote of its own")
        }
        var request = request
        let named = request.output ?? request.name
        if let named { try checkTarget(absolutePath(named)) }
        let publishing = try request.publish.map { publication throws(ScaffoldError) in try PublishService.check(publication) }

        let goldenPath: LoadedGoldenPath
        var inputs: ValueInputs
        let source: String
        var catalog = catalog
        if TemplateRepository.names(request.goldenPath), request.version != nil || !NewService.isTemplateWorkTree(request.goldenPath) {
            // A template repository: its version tags are a catalog of one golden path.
            catalog = try TemplateRepository.catalog(request.goldenPath, environment: environment)
            request.goldenPath = ImportedTemplate.name(of: request.goldenPath)
        }
        if let folder = templateFolder(request.goldenPath) {
            if request.version != nil {
                throw ScaffoldError(file: folder, message: "a template folder has no versions: --version needs a catalog or a git URL")
            }
            goldenPath = try mapErrors { try LoadedGoldenPath(templateFolder: folder) }
            inputs = try request.values.inputs(catalog: nil)
            source = folder
        } else {
            guard let catalog else { throw ScaffoldError(message: "no catalog to find golden path '\(request.goldenPath)' in") }
            let version = try catalog.resolve(request.goldenPath, version: request.version)
            goldenPath = try catalog.goldenPath(request.goldenPath, version: version)
            inputs = try request.values.inputs(catalog: catalog.catalog)
            source = catalog.sourceLabel
        }
        if goldenPath.imported == nil, request.name == nil {
            throw ScaffoldError(message: "missing argument NAME: golden path '\(goldenPath.name)' fills its parameter 'name' with it")
        }
        let version = goldenPath.version
        if let name = request.name { inputs.arguments = [(parameter: "name", value: name, label: "NAME")] }
        inputs.asksEveryParameter = true
        // copier's `_folder_name`, recorded so re-renders elsewhere (a fleet workspace) see the same.
        inputs.arguments.append((parameter: "_folder_name", value: ((named.map(absolutePath) ?? goldenPath.name) as NSString).lastPathComponent,
                                 label: "the folder"))
        let render = try mapErrors {
            try goldenPath.render(inputs: inputs, source: source, created: LoadedGoldenPath.today(), prompt: prompt)
        }
        let tree = try TemplateCodeRunner.apply(render.code, to: render.tree, trust: CodeTrust(trusted: request.trust, environment: environment),
                                                template: goldenPath.name)
        let target = absolutePath(named ?? render.projectFolder ?? goldenPath.name)
        if named == nil { try checkTarget(target) }
        if request.name == nil { request.name = (target as NSString).lastPathComponent }
        let name = request.name!
        let manifest = goldenPath.manifest
        let nextSteps = try mapErrors {
            try manifest.spec.nextSteps.enumerated().map { (i, step) throws(GoldenPathError) in
                try step.render(context: render.context, index: i, file: manifest.file, render: goldenPath.expressions.renderString)
            }
        }

        let enclosing = request.git && !request.standalone ? try enclosingRepository(of: target) : nil
        if request.requiresRepository && enclosing == nil {
            throw ScaffoldError(file: target, message: "not inside a git repository (--into names the repository to add the service to)")
        }
        if publishing != nil, enclosing != nil {
            throw ScaffoldError(file: target, message: "a published service is a repository of its own: this folder is inside one (pass --standalone)")
        }
        if let (repository, folder) = enclosing {
            var result = Result(path: target, commit: nil, goldenPath: goldenPath.name, version: version.description,
                                files: tree.paths, nextSteps: nextSteps, branch: nil, unused: render.values.unused)
            (result.commit, result.branch) = try add(tree, as: folder, into: repository, request: request,
                                                     goldenPath: goldenPath.name, version: version, environment: environment)
            return result
        }

        let staging = try Staging(beside: target)
        var commit: String?
        do {
            if request.git {
                commit = try createRepository(at: staging.path, tree: tree,
                                              identity: { repository throws(ScaffoldError) in
                                                  try CommitIdentity.resolve(author: request.author, sign: request.sign,
                                                                             repository: repository, environment: environment)
                                              },
                                              message: commitMessage(service: name, goldenPath: goldenPath.name, version: version),
                                              remote: publishing?.cloneURL ?? request.remote, push: request.push)
            } else {
                try TreeWriter.write(tree, to: staging.path)
            }
            try staging.move(to: target)
        } catch {
            staging.remove()
            // The staging folder is gone: an error there (a full disk, a folder not writable) is
            // about the target the user named.
            guard let file = error.location?.file, file == staging.path || file.hasPrefix(staging.path + "/") else { throw error }
            throw ScaffoldError(.operationFailed, location: SourceLocation(file: target),
                                message: "cannot create the service: " + (error.reason ?? error.message))
        }
        var result = Result(path: target, commit: commit, goldenPath: goldenPath.name, version: version.description,
                            files: tree.paths, nextSteps: nextSteps, branch: nil, unused: render.values.unused)
        if let publishing {
            let answered = render.values.answers.first { $0.name == "description" }.flatMap { answer -> String? in
                if case .string(let text) = answer.value, !text.isEmpty { return text }
                return nil
            }
            let metadata = manifest.metadata
            let draft = RepositoryDraft(description: answered ?? metadata.description ?? "",
                                        topics: RepositoryDraft.topics([goldenPath.name] + metadata.tags + [manifest.spec.language].compactMap { $0 }),
                                        isPrivate: !(request.publish?.isPublic ?? false))
            result.published = try PublishService.publish(publishing, repository: target, draft: draft)
        }
        return result
    }

    /// Writes blobs and trees straight into the object database, commits, then checks the commit
    /// out: index, work tree and HEAD agree, so `git status` is clean.
    static func createRepository(at path: String, tree: RenderedTree, identity: (Repository) throws(ScaffoldError) -> CommitIdentity,
                                 message: String, remote: String?, push: Bool) throws(ScaffoldError) -> String {
        try mapErrors(path: path) {
            let repository = try Repository(creatingAt: path, initialBranch: "main")
            try repository.packNewObjects()  // one pack file, not a file (and folder) per object
            let identity = try identity(repository)
            let treeOID = try repository.writeTree(try GitTree.entries(of: tree, in: repository))
            let commit = try repository.createCommit(tree: treeOID, parents: [], by: identity, message: message, updating: "HEAD")
            try repository.checkoutHead(strategy: .force)
            if let remote {
                try repository.addRemote(named: "origin", url: remote)
                if push { try repository.push(remote: "origin", refspecs: ["refs/heads/main:refs/heads/main"]) }
            }
            return commit.hex
        }
    }

    /// Whether `text` names an author as `Name <email>`.
    public static func isValidAuthor(_ text: String) -> Bool {
        Signature(parsing: text) != nil
    }

    /// The repository `target` would be inside, with `target` as a folder of it; nil when it is
    /// in none (or would be a repository's root).
    static func enclosingRepository(of target: String) throws(ScaffoldError) -> (Repository, String)? {
        var existing = (target as NSString).deletingLastPathComponent
        while !existing.isEmpty && existing != "/" && !FileManager.default.fileExists(atPath: existing) {
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let repository = try? Repository(openingAt: existing, searchParents: true), let workdir = repository.workdir
        else { return nil }
        let root = URL(fileURLWithPath: workdir).resolvingSymlinksInPath().path + "/"
        let parent = URL(fileURLWithPath: (target as NSString).deletingLastPathComponent).resolvingSymlinksInPath().path
        let resolved = parent + "/" + (target as NSString).lastPathComponent
        guard resolved.hasPrefix(root), resolved.count > root.count else { return nil }
        return (repository, String(resolved.dropFirst(root.count)))
    }

    /// Adds the render as `folder` of an existing repository, in one commit whose second parent is
    /// the pristine render (a root commit naming the folder), so later upgrades find their merge
    /// base: on branch `scaffold/new-NAME`, or with `inPlace` on the current branch (all or
    /// nothing, as an in-place upgrade). Returns the commit and the branch.
    static func add(_ tree: RenderedTree, as folder: String, into repository: Repository, request: Request,
                    goldenPath: String, version: SemanticVersion,
                    environment: [String: String]) throws(ScaffoldError) -> (commit: String, branch: String?) {
        let path = repository.displayPath
        let name = request.name ?? (folder as NSString).lastPathComponent
        if request.remote != nil || request.push {
            throw ScaffoldError(file: path, message: "--remote and --push make a new repository; this service is added to "
                + "the repository it is in (--standalone makes it one of its own)")
        }
        if let state = repository.stateInProgress { throw ScaffoldError(file: path, message: state.description) }
        let identity = try CommitIdentity.resolve(author: request.author, sign: request.sign, repository: repository,
                                                  environment: environment)
        let branch = request.inPlace ? nil : "scaffold/new-\(name)"
        return try mapErrors(path: path) {
            guard let head = try repository.head().commit else {
                throw ScaffoldError(file: path, message: "the repository has no commits yet: commit something first, "
                    + "or pass --standalone")
            }
            let headTree = try repository.tree(ofCommit: head)
            if try repository.entry(at: folder, in: headTree) != nil {
                throw ScaffoldError(file: path, message: "HEAD already has \(folder)")
            }
            if let branch, try repository.branch(named: branch) != nil {
                throw ScaffoldError(file: path, message: "branch \(branch) exists; delete it or pass --in-place")
            }
            let serviceTree = try repository.writeTree(try GitTree.entries(of: tree, in: repository))
            let pristine = try repository.createCommit(tree: serviceTree, parents: [], by: identity,
                                                       message: commitMessage(service: name, goldenPath: goldenPath,
                                                                              version: version, folder: folder))
            let added = try repository.replacingSubtree(at: folder, in: headTree, with: serviceTree)
            let message = "Add \(name) from \(goldenPath) \(version) in \(folder)\n"
            if let branch {
                let commit = try repository.createCommit(tree: added, parents: [head, pristine], by: identity, message: message)
                _ = try repository.createBranch(named: branch, at: commit)
                return (commit.hex, branch)
            }
            let merge = try repository.mergeTrees(ancestor: headTree, ours: headTree, theirs: added, renames: false)
            let commit = try ServiceUpgrade.mergeInPlace(merge, workTree: added, theirs: pristine, message: message,
                                                         by: identity, in: repository)
            return (commit?.hex ?? "", try repository.head().branchName)
        }
    }

    /// The target may be missing or an empty folder; anything else is left untouched.
    static func checkTarget(_ target: String) throws(ScaffoldError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw ScaffoldError(file: target, message: "exists and is not a folder") }
        if let contents = try? fm.contentsOfDirectory(atPath: target), !contents.isEmpty {
            throw ScaffoldError(file: target, message: "folder exists and is not empty")
        }
    }

    static func absolutePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded)
        return url.standardizedFileURL.path
    }
}
