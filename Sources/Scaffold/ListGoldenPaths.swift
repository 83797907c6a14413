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
        var result: [Entry] = []
        for entry in try catalog.entries() {
            let manifest = try catalog.goldenPath(entry.name, version: entry.newest).manifest
            result.append(Entry(name: entry.name, versions: entry.versions.map(\.description),
                                description: manifest.metadata.description, owner: manifest.metadata.owner))
        }
        return result
    }
}
