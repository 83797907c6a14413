import GitKit
import GoldenPath

/// `scaffold diff`: what an upgrade would change in a service, or how it drifted from its template.
/// Writes nothing but objects.
public enum ServiceDiff {
    public struct Request: Sendable {
        public var path: String
        /// A version or `latest`; nil: the newest. Ignored with `drift`.
        public var to: String?
        public var drift: Bool

        public init(path: String = ".", to: String? = nil, drift: Bool = false) {
            self.path = path
            self.to = to
            self.drift = drift
        }
    }

    public struct Result: Sendable {
        public var service: String
        public var goldenPath: String
        /// The version the service is on.
        public var from: SemanticVersion
        /// The upgrade's target; nil for a drift diff.
        public var to: SemanticVersion?
        /// Upgrade: HEAD to the merge result (conflict markers included). Drift: pristine render to HEAD.
        public var files: [FileDiff]
        /// The conflicts the upgrade would have (never for drift).
        public var conflicts: [MergeConflict]
        /// Where the pristine render came from.
        public var base: PristineBase.Origin?
    }

    public static func run(_ request: Request, catalog: CatalogContext) throws(ScaffoldError) -> Result {
        let opened = try OpenedService(path: request.path, readOnly: true)
        let (catalog, head) = try catalog.serving(opened.head)
        let answers = head.answers
        var result = Result(service: head.serviceName, goldenPath: answers.goldenPath, from: answers.version,
                            to: nil, files: [], conflicts: [], base: nil)
        if request.drift {
            let current = try catalog.currentTarget(of: answers)
            (result.files, result.base) = try drift(opened.repository, service: head, current: current, identity: .readOnly)
            return result
        }
        _ = try catalog.versions(of: answers)
        let target = try catalog.upgradeTarget(answers.goldenPath,
                                               version: try catalog.resolve(answers.goldenPath, version: request.to))
        result.to = target.goldenPath.version
        guard answers.version < target.goldenPath.version else { return result }  // current or ahead: nothing to merge
        let plan = try UpgradePlanner.plan(opened.repository, service: head, target: target, identity: .readOnly)
        result.base = plan.base.origin
        result.conflicts = plan.conflicts
        result.files = plan.changes
        return result
    }

    /// How HEAD differs from the pristine render of the version it is on (`current`, loaded from
    /// the catalog): edited, added and deleted files. The base comes from history when it is there.
    public static func drift(_ repository: Repository, service: ServiceHead, current: UpgradeTarget,
                             identity: CommitIdentity) throws(ScaffoldError) -> (files: [FileDiff], base: PristineBase.Origin) {
        let base = try PristineBase.find(in: repository, service: service, target: current, identity: identity)
        let files = try mapErrors(path: repository.displayPath) {
            // As paths of the repository: the base grafted where the service lives.
            let baseTree = service.folder.isEmpty ? base.tree
                : try repository.replacingSubtree(at: service.folder, in: service.rootTree, with: base.tree)
            return try repository.diff(from: baseTree, to: service.rootTree).files
        }
        return (files, base.origin)
    }
}
