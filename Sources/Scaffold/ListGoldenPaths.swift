import GoldenPath

/// `scaffold list`: what a catalog offers, newest version first, described by its newest manifest.
public enum ListGoldenPaths {
    public struct Entry: Sendable {
        public var name: String
        public var versions: [String]
        public var description: String?
        public var owner: String?
    }

    public static func run(catalog: CatalogContext) throws(ScaffoldError) -> [Entry] {
        try mapErrors {
            try catalog.catalog.entries().map { entry in
                let manifest = try catalog.catalog.manifest(of: entry.name, version: entry.newest)
                return Entry(name: entry.name, versions: entry.versions.map(\.description),
                             description: manifest.metadata.description, owner: manifest.metadata.owner)
            }
        }
    }
}
