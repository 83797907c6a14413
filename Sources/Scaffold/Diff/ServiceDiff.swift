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
        public var catalog: String?

        public init(path: String = ".", to: String? = nil, drift: Bool = false, catalog: String? = nil) {
            self.path = path
            self.to = to
            self.drift = drift
            self.catalog = catalog
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

    public static func run(_ request: Request, environment: [String: String]) throws(ScaffoldError) -> Result {
        let opened = try OpenedService(path: request.path, catalog: request.catalog, environment: environment)
        let answers = opened.head.answers
        let author = (try? NewService.resolveAuthor(nil, repository: opened.repository, environment: environment))
            ?? Signature(name: "scaffold", email: "scaffold@localhost")
        var result = Result(service: opened.head.serviceName, goldenPath: answers.goldenPath, from: answers.version,
                            to: nil, files: [], conflicts: [], base: nil)
        if request.drift {
            let current = try UpgradeTarget.load(answers.goldenPath, version: answers.version.description,
                                                 catalog: opened.catalog.catalog)
            let base = try PristineBase.find(in: opened.repository, service: opened.head, target: current, author: author)
            result.base = base.origin
            result.files = try mapErrors(path: opened.repository.displayPath) {
                try opened.repository.diff(from: base.tree, to: opened.head.tree).files
            }
            return result
        }
        let target = try UpgradeTarget.load(answers.goldenPath, version: request.to, catalog: opened.catalog.catalog)
        result.to = target.goldenPath.version
        guard !UpgradePlanner.isCurrent(opened.head, target: target, sets: []) else { return result }
        let plan = try UpgradePlanner.plan(opened.repository, service: opened.head, target: target, sets: [], author: author)
        result.base = plan.base.origin
        result.conflicts = plan.conflicts
        result.files = plan.changes
        return result
    }
}
