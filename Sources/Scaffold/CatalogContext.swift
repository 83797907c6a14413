import Foundation
import GoldenPath
import Synchronization

/// The catalog a command works with: where it was found, how `.scaffold.yaml` records it, and its
/// golden paths, each version parsed once and shared.
///
/// Every use case receives the catalog as one of these, so a fleet run and a single-service run
/// load versions the same way. `LoadedGoldenPath` is immutable and Sendable, so tasks share it
/// freely; failures are cached too, so a thousand services on a broken version report the same
/// error without a thousand parses.
public final class CatalogContext: Sendable {
    public let catalog: Catalog
    public let origin: CatalogLocator.Origin
    /// What `.scaffold.yaml` records as `source`: the path as the user gave it (flag or
    /// environment), else the located folder.
    public let sourceLabel: String
    /// For a catalog that is a git repository: the commit its files are, for reports.
    public let revision: String?

    private struct Key: Hashable {
        var name: String
        var version: SemanticVersion
    }
    private struct State {
        var loaded: [Key: Result<LoadedGoldenPath, ScaffoldError>] = [:]
        var versions: [String: Result<[SemanticVersion], ScaffoldError>] = [:]
        var platform: Result<PlatformFile?, ScaffoldError>?
        var changelogs: [String: String?] = [:]
        var repositories: [String: Result<CatalogContext?, ScaffoldError>] = [:]
    }
    /// Held while a version loads: the services that need it wait for the one parse instead of
    /// parsing it again each (they would all start on the same version at once).
    private let state = Mutex(State())

    /// Why no catalog was found, for a command that needs one only for some services (a fleet of
    /// copier projects needs none): said when a service asks for one.
    public let unavailable: ScaffoldError?

    public init(catalog: Catalog, origin: CatalogLocator.Origin, sourceLabel: String, revision: String? = nil,
                unavailable: ScaffoldError? = nil) {
        self.catalog = catalog
        self.origin = origin
        self.sourceLabel = sourceLabel
        self.revision = revision
        self.unavailable = unavailable
    }

    /// `locate`, but a catalog that cannot be found is an error only when a service needs it.
    public static func locateIfNeeded(explicit: String?, environment: [String: String]) throws(ScaffoldError) -> CatalogContext {
        do { return try locate(explicit: explicit, environment: environment) } catch {
            // A catalog named explicitly that is wrong is an error now; a missing default is not.
            if explicit != nil || environment["SCAFFOLD_CATALOG"].map({ !$0.isEmpty }) == true { throw error }
            return CatalogContext(catalog: Catalog(root: "/nonexistent"), origin: .flag, sourceLabel: "", unavailable: error)
        }
    }

    /// Finds the catalog in the documented order (see `CatalogLocator`).
    /// A git URL (`https://…/golden-paths.git#ref`) is cloned and fetched (`RemoteCatalog`).
    public static func locate(explicit: String?, environment: [String: String]) throws(ScaffoldError) -> CatalogContext {
        let named = explicit ?? environment["SCAFFOLD_CATALOG"].flatMap { $0.isEmpty ? nil : $0 }
        if let named, RemoteCatalog.isRemote(named) {
            let (folder, commit) = try RemoteCatalog.checkout(named, environment: environment)
            return CatalogContext(catalog: Catalog(root: folder), origin: explicit != nil ? .flag : .environment,
                                  sourceLabel: named, revision: commit.hex)
        }
        let locator = CatalogLocator(explicit: explicit, environment: environment)
        let found: (path: String, origin: CatalogLocator.Origin)
        do { found = try locator.locate() } catch { throw ScaffoldError(error) }
        let label: String
        switch found.origin {
        case .flag: label = explicit ?? found.path
        case .environment: label = environment["SCAFFOLD_CATALOG"] ?? found.path
        case .workingDirectory: label = "golden-paths"
        case .installed, .checkout: label = found.path
        }
        return CatalogContext(catalog: Catalog(root: found.path), origin: found.origin, sourceLabel: label)
    }

    /// A catalog entry that is a template's git repository (`golden-paths/python-lib/.git`, no
    /// version folders): its version tags, read through `TemplateRepository`; nil for a folder entry.
    func repositoryCatalog(for name: String) throws(ScaffoldError) -> CatalogContext? {
        let folder = catalog.root + "/" + name
        guard !name.isEmpty, !name.contains("/"), FileManager.default.fileExists(atPath: folder + "/.git") else { return nil }
        return try state.withLock { state throws(ScaffoldError) in
            if let cached = state.repositories[name] { return try cached.get() }
            let result = Result { () throws(ScaffoldError) -> CatalogContext? in
                // Version folders win: a repository that is itself a catalog of versions is a folder entry.
                if let folders = try? catalog.versions(of: name), !folders.isEmpty { return nil }
                return try TemplateRepository.catalog(folder, environment: ProcessInfo.processInfo.environment)
            }
            state.repositories[name] = result
            return try result.get()
        }
    }

    /// Every golden path with at least one version: folder entries and template repositories.
    public func entries() throws(ScaffoldError) -> [Catalog.Entry] {
        if let unavailable { throw unavailable }
        var result = try mapErrors { try catalog.entries() }
        let listed = Set(result.map(\.name))
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: catalog.root)) ?? []).sorted()
        for name in names where !listed.contains(name) && !name.hasPrefix(".") {
            guard try repositoryCatalog(for: name) != nil else { continue }
            let versions = try versions(of: name)
            if !versions.isEmpty { result.append(Catalog.Entry(name: name, versions: versions)) }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The published versions of `name`, newest first.
    public func versions(of name: String) throws(ScaffoldError) -> [SemanticVersion] {
        if let unavailable { throw unavailable }
        if let repository = try repositoryCatalog(for: name) { return try repository.versions(of: name) }
        return try state.withLock { state throws(ScaffoldError) in
            if let cached = state.versions[name] { return try cached.get() }
            let result = Result { () throws(GoldenPathError) in try catalog.versions(of: name) }
                .mapError(ScaffoldError.init)
            state.versions[name] = result
            return try result.get()
        }
    }

    /// The published versions of the golden path a service's `.scaffold.yaml` names; a golden path
    /// the catalog does not have is an error at the `golden_path` line.
    public func versions(of answers: AnswersFile) throws(ScaffoldError) -> [SemanticVersion] {
        do { return try versions(of: answers.goldenPath) } catch {
            throw error.located(at: answers.goldenPathLocation)
        }
    }

    /// The version a request names: nil or `latest` is the newest, `v1.2.0` is `1.2.0`.
    public func resolve(_ name: String, version requested: String?) throws(ScaffoldError) -> SemanticVersion {
        let published = try versions(of: name)  // cached: a fleet run lists each golden path once
        return try mapErrors { try catalog.resolve(name, version: requested, among: published) }
    }

    /// One published version, loaded and parsed on first use.
    public func goldenPath(_ name: String, version: SemanticVersion) throws(ScaffoldError) -> LoadedGoldenPath {
        if let repository = try repositoryCatalog(for: name) { return try repository.goldenPath(name, version: version) }
        let published = try versions(of: name)
        guard published.contains(version) else {
            throw ScaffoldError(message: "\(name) \(version) is not in the catalog (it has "
                + published.map(\.description).joined(separator: ", ") + ")")
        }
        return try state.withLock { state throws(ScaffoldError) in
            let key = Key(name: name, version: version)
            if let cached = state.loaded[key] { return try cached.get() }
            let result = Result { () throws(GoldenPathError) in
                try LoadedGoldenPath(catalog: catalog, name: name, version: version)
            }.mapError(ScaffoldError.init)
            state.loaded[key] = result
            return try result.get()
        }
    }

    /// The catalog's `platform.yaml`, read once.
    public func platformFile() throws(ScaffoldError) -> PlatformFile? {
        if let unavailable { throw unavailable }
        return try state.withLock { state throws(ScaffoldError) in
            if let cached = state.platform { return try cached.get() }
            let result = Result { () throws(GoldenPathError) in try catalog.platformFile() }
                .mapError(ScaffoldError.init)
            state.platform = result
            return try result.get()
        }
    }

    /// The golden path's CHANGELOG.md, read once.
    public func changelog(of name: String) -> String? {
        state.withLock { state in
            if let cached = state.changelogs[name] { return cached }
            let text = catalog.changelog(of: name)
            state.changelogs[name] = text
            return text
        }
    }

    /// What a drift measurement needs: the version the service is on, which, when the catalog
    /// does not have it, is an error at the `version` line of its `.scaffold.yaml`.
    public func currentTarget(of answers: AnswersFile) throws(ScaffoldError) -> UpgradeTarget {
        _ = try versions(of: answers)
        do { return try upgradeTarget(answers.goldenPath, version: answers.version) } catch {
            throw error.location == nil ? error.located(at: answers.versionLocation) : error
        }
    }

    /// What an upgrade to `version` needs: every part shared through this context, including the
    /// versions services are on when their base must be rendered again.
    public func upgradeTarget(_ name: String, version: SemanticVersion) throws(ScaffoldError) -> UpgradeTarget {
        UpgradeTarget(goldenPath: try goldenPath(name, version: version), platform: try platformFile(),
                      changelogFile: changelog(of: name),
                      loadVersion: { version throws(ScaffoldError) in try self.goldenPath(name, version: version) })
    }
}
