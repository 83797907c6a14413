import GoldenPath

/// What an upgrade needs from a catalog, loaded once and shared: the target version's parsed
/// golden path, the catalog's platform defaults and changelog, and a way to load the version a
/// service is on (needed only when its pristine render is not in its history).
///
/// A fleet run builds one per golden path version and hands it to every service's upgrade.
public struct UpgradeTarget: Sendable {
    public let goldenPath: LoadedGoldenPath
    public let platform: PlatformFile?
    /// The catalog's `CHANGELOG.md` for this golden path (used when the manifest has no `metadata.changelog`).
    public let changelogFile: String?
    /// Loads another version of the same golden path (for re-rendering a service's base).
    public let loadVersion: @Sendable (SemanticVersion) throws(ScaffoldError) -> LoadedGoldenPath

    public init(goldenPath: LoadedGoldenPath, platform: PlatformFile?, changelogFile: String?,
                loadVersion: @escaping @Sendable (SemanticVersion) throws(ScaffoldError) -> LoadedGoldenPath) {
        self.goldenPath = goldenPath
        self.platform = platform
        self.changelogFile = changelogFile
        self.loadVersion = loadVersion
    }

    /// Loads `version` (nil or `latest`: the newest) of `name` from `catalog`.
    public static func load(_ name: String, version: String?, catalog: Catalog) throws(ScaffoldError) -> UpgradeTarget {
        let resolved = try mapErrors { try catalog.resolve(name, version: version) }
        let goldenPath = try mapErrors { try LoadedGoldenPath(catalog: catalog, name: name, version: resolved) }
        let platform = try mapErrors { try catalog.platformFile() }
        return UpgradeTarget(goldenPath: goldenPath, platform: platform, changelogFile: catalog.changelog(of: name),
                             loadVersion: { version throws(ScaffoldError) in
                                 try mapErrors { try LoadedGoldenPath(catalog: catalog, name: name, version: version) }
                             })
    }
}
