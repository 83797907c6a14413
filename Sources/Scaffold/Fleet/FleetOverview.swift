import GoldenPath

/// The fleet at a glance: per golden path, services by version and the share on the newest;
/// and which template files teams change most (feedback for the template's authors).
public struct FleetOverview: Sendable {
    public struct GoldenPathSummary: Sendable {
        public var name: String
        /// The catalog's newest version; nil when the catalog does not have the golden path.
        public var newest: SemanticVersion?
        /// Every published version and every version a service is on, newest first, with its service count.
        public var versions: [(version: SemanticVersion, services: Int)]
        public var services: Int
        /// Services on the newest version, over all services of the golden path (0 when there is no newest).
        public var onNewest: Int
        public var adoption: Double { services == 0 ? 0 : Double(onNewest) / Double(services) }
    }

    /// A template file and how many services changed or deleted it.
    public struct DriftedFile: Sendable, Hashable {
        public var goldenPath: String
        public var path: String
        public var services: Int
    }

    /// Sorted by name.
    public var goldenPaths: [GoldenPathSummary]
    /// With `--drift`: most drifted first (then by golden path and path); nil without `--drift`.
    public var driftedFiles: [DriftedFile]?

    init(_ services: [ServiceStatus], catalog: CatalogContext, drift: Bool) {
        let byName = Dictionary(grouping: services, by: \.goldenPath)
        goldenPaths = byName.keys.sorted().map { name in
            let members = byName[name] ?? []
            let published = (try? catalog.versions(of: name)) ?? []
            var counts: [SemanticVersion: Int] = [:]
            for version in published { counts[version] = 0 }
            for service in members { counts[service.version, default: 0] += 1 }
            let newest = published.first
            return GoldenPathSummary(
                name: name, newest: newest,
                versions: counts.keys.sorted(by: >).map { ($0, counts[$0] ?? 0) },
                services: members.count,
                onNewest: newest.map { counts[$0] ?? 0 } ?? 0)
        }
        guard drift else {
            driftedFiles = nil
            return
        }
        var counts: [DriftedFile: Int] = [:]
        for service in services {
            for path in service.drift?.paths ?? [] {
                counts[DriftedFile(goldenPath: service.goldenPath, path: path, services: 0), default: 0] += 1
            }
        }
        driftedFiles = counts.map { DriftedFile(goldenPath: $0.key.goldenPath, path: $0.key.path, services: $0.value) }
            .sorted { a, b in
                if a.services != b.services { return a.services > b.services }
                if a.goldenPath != b.goldenPath { return a.goldenPath < b.goldenPath }
                return a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
            }
    }
}
