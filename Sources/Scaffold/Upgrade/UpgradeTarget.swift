import GoldenPath

/// What an upgrade needs from a catalog, loaded once and shared: the target version's parsed
/// golden path, the catalog's platform defaults and changelog, and a way to load the version a
/// service is on (needed only when its pristine render is not in its history).
///
/// Made by `CatalogContext.upgradeTarget`, so a fleet run shares one per golden path version.
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
}
