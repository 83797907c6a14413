import GoldenPath

/// The catalog a command works with, and how `.scaffold.yaml` records where it came from.
public struct CatalogContext: Sendable {
    public let catalog: Catalog
    public let origin: CatalogLocator.Origin
    /// What `.scaffold.yaml` records as `source`: the path as the user gave it (flag or
    /// environment), else the located folder.
    public let sourceLabel: String

    public init(catalog: Catalog, origin: CatalogLocator.Origin, sourceLabel: String) {
        self.catalog = catalog
        self.origin = origin
        self.sourceLabel = sourceLabel
    }

    /// Finds the catalog in the documented order (see `CatalogLocator`).
    public static func locate(explicit: String?, environment: [String: String]) throws(ScaffoldError) -> CatalogContext {
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
}
