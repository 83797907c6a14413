import GitKit
import GoldenPath

/// `scaffold upgrade [DIR]`: opens the service, finds its golden path in the catalog and runs
/// `ServiceUpgrade` on it.
public enum UpgradeService {
    public struct Request: Sendable {
        public var path: String
        /// A version or `latest`; nil: the newest, or the current version when only `sets` are given.
        public var to: String?
        public var catalog: String?
        public var options: ServiceUpgrade.Options

        public init(path: String = ".", to: String? = nil, catalog: String? = nil,
                    options: ServiceUpgrade.Options = ServiceUpgrade.Options()) {
            self.path = path
            self.to = to
            self.catalog = catalog
            self.options = options
        }
    }

    public static func run(_ request: Request, environment: [String: String]) throws(ScaffoldError) -> UpgradeResult {
        let readOnly: Bool
        if case .dryRun = request.options.mode { readOnly = true } else { readOnly = false }
        let opened = try OpenedService(path: request.path, catalog: request.catalog, environment: environment, readOnly: readOnly)
        let answers = opened.head.answers
        let version = request.to ?? (request.options.sets.isEmpty ? nil : answers.version.description)
        let target = try UpgradeTarget.load(answers.goldenPath, version: version, catalog: opened.catalog.catalog)
        let author = try NewService.resolveAuthor(nil, repository: opened.repository, environment: environment)
        return try ServiceUpgrade.run(opened.repository, target: target, options: request.options, author: author)
    }
}

/// A service repository opened from a path given on the command line (the repository containing
/// it, as `git` finds it from a subfolder), with its HEAD read and its catalog located.
struct OpenedService {
    let repository: Repository
    let head: ServiceHead
    let catalog: CatalogContext

    /// `readOnly`: for commands that only look (diff, check, dry runs): the trees they render
    /// and merge stay in memory, so the repository is exactly as it was.
    init(path: String, catalog: String?, environment: [String: String], readOnly: Bool) throws(ScaffoldError) {
        let absolute = NewService.absolutePath(path)
        do {
            repository = try Repository(openingAt: absolute, searchParents: true)
            if readOnly { try repository.keepNewObjectsInMemory() }
        } catch {
            throw ScaffoldError(file: absolute, message: "not a git repository (\(error.message))")
        }
        head = try ServiceHead(repository: repository)
        self.catalog = try CatalogContext.locate(explicit: catalog, environment: environment)
    }
}
