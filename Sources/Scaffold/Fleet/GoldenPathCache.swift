import GoldenPath
import Synchronization

/// The golden path versions of one fleet run, each parsed once and shared by every service on it.
/// `LoadedGoldenPath` is immutable and Sendable, so tasks share it freely; failures are cached too,
/// so a thousand services on a broken version report the same error without a thousand parses.
public final class GoldenPathCache: Sendable {
    public let catalog: CatalogContext
    private struct Key: Hashable {
        var name: String
        var version: SemanticVersion
    }
    private struct State {
        var loaded: [Key: Result<LoadedGoldenPath, ScaffoldError>] = [:]
        var versions: [String: Result<[SemanticVersion], ScaffoldError>] = [:]
        var platform: Result<PlatformFile?, ScaffoldError>?
        var changelogs: [String: String?] = [:]
    }
    /// Held while a version loads: the services that need it wait for the one parse instead of
    /// parsing it again each (they would all start on the same version at once).
    private let state = Mutex(State())

    public init(catalog: CatalogContext) {
        self.catalog = catalog
    }

    /// The published versions of `name`, newest first.
    public func versions(of name: String) throws(ScaffoldError) -> [SemanticVersion] {
        try state.withLock { state throws(ScaffoldError) in
            if let cached = state.versions[name] { return try cached.get() }
            let result = Result { () throws(GoldenPathError) in try catalog.catalog.versions(of: name) }
                .mapError(ScaffoldError.init)
            state.versions[name] = result
            return try result.get()
        }
    }

    /// One published version, loaded and parsed on first use.
    public func goldenPath(_ name: String, version: SemanticVersion) throws(ScaffoldError) -> LoadedGoldenPath {
        let published = try versions(of: name)
        guard published.contains(version) else {
            throw ScaffoldError(message: "\(name) \(version) is not in the catalog (it has "
                + published.map(\.description).joined(separator: ", ") + ")")
        }
        return try state.withLock { state throws(ScaffoldError) in
            let key = Key(name: name, version: version)
            if let cached = state.loaded[key] { return try cached.get() }
            let result = Result { () throws(GoldenPathError) in
                try LoadedGoldenPath(catalog: catalog.catalog, name: name, version: version)
            }.mapError(ScaffoldError.init)
            state.loaded[key] = result
            return try result.get()
        }
    }

    /// The catalog's `platform.yaml`, read once.
    public func platformFile() throws(ScaffoldError) -> PlatformFile? {
        try state.withLock { state throws(ScaffoldError) in
            if let cached = state.platform { return try cached.get() }
            let result = Result { () throws(GoldenPathError) in try catalog.catalog.platformFile() }
                .mapError(ScaffoldError.init)
            state.platform = result
            return try result.get()
        }
    }

    /// The golden path's CHANGELOG.md, read once.
    public func changelog(of name: String) -> String? {
        state.withLock { state in
            if let cached = state.changelogs[name] { return cached }
            let text = catalog.catalog.changelog(of: name)
            state.changelogs[name] = text
            return text
        }
    }

    /// What the single-service upgrade needs for `version`: every part shared through this cache,
    /// including the versions services are on when their base must be rendered again.
    public func upgradeTarget(_ name: String, version: SemanticVersion) throws(ScaffoldError) -> UpgradeTarget {
        UpgradeTarget(goldenPath: try goldenPath(name, version: version), platform: try platformFile(),
                      changelogFile: changelog(of: name),
                      loadVersion: { version throws(ScaffoldError) in try self.goldenPath(name, version: version) })
    }
}
