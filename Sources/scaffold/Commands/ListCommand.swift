import Scaffold

/// `scaffold list`: golden paths, versions newest first, descriptions.
enum ListCommand {
    static func run(_ inv: Invocation) throws(CLIError) -> ExitCode {
        let (catalog, entries) = try Diagnostics.run { () throws(ScaffoldError) in
            let catalog = try CatalogContext.locate(explicit: inv.value("--catalog"), environment: inv.environment)
            return (catalog, try ListGoldenPaths.run(catalog: catalog))
        }
        if inv.flag("--json") {
            inv.console.print(JSON.encode([
                "catalog": .string(catalog.catalog.root),
                "golden_paths": .array(entries.map { entry in
                    .object([
                        "name": .string(entry.name),
                        "versions": .array(entry.versions.map({ JSON.string($0) })),
                        "description": entry.description.map({ JSON.string($0) }) ?? .null,
                        "owner": entry.owner.map({ JSON.string($0) }) ?? .null,
                    ])
                }),
            ]))
            return .success
        }
        let style = inv.console.outputStyle
        if entries.isEmpty {
            inv.console.print("No golden paths in \(catalog.catalog.root)")
            return .success
        }
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            let name = style.bold(entry.name) + String(repeating: " ", count: width - entry.name.count)
            inv.console.print("\(name)  \(entry.versions.joined(separator: ", "))")
            if let description = entry.description { inv.console.print(String(repeating: " ", count: width + 2) + style.dim(description)) }
        }
        inv.console.print(style.dim("\ncatalog: \(catalog.catalog.root) (\(catalog.origin.rawValue))"))
        return .success
    }
}
