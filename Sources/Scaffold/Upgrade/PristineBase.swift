import GitKit
import GoldenPath

/// The merge base of an upgrade: the pristine render of the version a service is on.
public struct PristineBase: Sendable {
    public enum Origin: Sendable, Equatable {
        /// Found in HEAD's history by its `Scaffold-Template` trailer.
        case history
        /// Not reachable (squash merges, rewritten history, an adopted repository): rendered again
        /// from `.scaffold.yaml` and committed without parents.
        case rerendered
    }

    public let commit: OID
    public let tree: OID
    public let origin: Origin

    /// The newest pristine commit in HEAD's history, when its trailer names the golden path and
    /// version `.scaffold.yaml` records; otherwise the old version rendered again with the recorded
    /// (un-migrated) answers, so both ways give the same tree.
    static func find(in repository: Repository, service: ServiceHead, target: UpgradeTarget,
                     identity: CommitIdentity, trust: CodeTrust = .refused) throws(ScaffoldError) -> PristineBase {
        let recorded = service.answers
        let expected = Pristine.trailerValue(goldenPath: recorded.goldenPath, version: recorded.version)
        let found = try mapErrors(path: repository.displayPath) {
            try repository.newestCommit(from: service.commit, withTrailer: Pristine.trailerKey) { trailers in
                (trailers.last { $0.key == Pristine.folderTrailerKey }?.value ?? "") == service.folder
            }
        }
        if let found, found.value == expected {
            return PristineBase(commit: found.commit.oid, tree: found.commit.tree, origin: .history)
        }
        let old: LoadedGoldenPath
        do {
            old = recorded.version == target.goldenPath.version ? target.goldenPath : try target.loadVersion(recorded.version)
        } catch {
            // The version is not in the catalog: the answers file's `version` line says so.
            throw error.location == nil ? error.located(at: recorded.versionLocation) : error
        }
        let tree = try Pristine.render(old, answers: recorded, platform: target.platform, folder: service.folder,
                                       trust: trust, in: repository).tree
        let commit = try mapErrors(path: repository.displayPath) {
            try repository.createCommit(tree: tree, parents: [], by: identity,
                                        message: Pristine.commitMessage(service: service.serviceName, goldenPath: old.name,
                                                                        version: old.version, folder: service.folder))
        }
        return PristineBase(commit: commit, tree: tree, origin: .rerendered)
    }
}

extension Pristine {
    /// `Scaffold payments from go-microservice 1.1.0` with the trailer that marks a pristine render.
    static func commitMessage(service: String, goldenPath: String, version: SemanticVersion, folder: String) -> String {
        NewService.commitMessage(service: service, goldenPath: goldenPath, version: version, folder: folder)
    }

    /// Renders `goldenPath` for an existing service (its recorded answers as a layer, then
    /// `values`; its creation date, catalog label and extra keys) and writes the tree's objects;
    /// returns the tree and the answers file it records. Required values still missing are asked
    /// through `prompt`, else listed all at once.
    /// An imported template's code (hooks, tasks) runs on the render when `trust` allows it.
    static func render(_ goldenPath: LoadedGoldenPath, answers: AnswersFile, platform: PlatformFile?,
                       values: ValueArguments = ValueArguments(), prompt: Prompter? = nil, folder: String = "",
                       trust: CodeTrust = .refused, in repository: Repository) throws(ScaffoldError) -> (tree: OID, answers: AnswersFile) {
        let answers = answers.keepingSticky(of: goldenPath.manifest)
        let inputs = ValueInputs(platform: platform, answersFile: (answers, ServiceHead.label(folder)),
                                 valuesFiles: try values.loadedFiles(), sets: values.sets)
        let render = try mapErrors {
            try goldenPath.render(inputs: inputs, source: answers.source, created: answers.created, prompt: prompt,
                                  extraAnswers: answers.extra)
        }
        let files = try TemplateCodeRunner.apply(render.code, to: render.tree, trust: trust, template: "\(goldenPath.name) \(goldenPath.version)")
        let tree = try mapErrors(path: repository.displayPath) {
            try repository.writeTree(try GitTree.entries(of: files, in: repository))
        }
        return (tree, render.answers)
    }
}
