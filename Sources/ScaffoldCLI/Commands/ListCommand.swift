import Scaffold

/// `scaffold list`: golden paths, versions newest first, descriptions.
struct ListCommand: Command {
    static let json = CommonOptions.json("Print the list as JSON")
    static let spec = CommandSpec(
        name: "list",
        abstract: "List the golden paths in the catalog, their versions and descriptions",
        options: [json] + CommonOptions.readingCatalog)

    var json: Bool
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        json = arguments.flag(Self.json)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let console = context.console
        let catalog = try CommonOptions.locateCatalog(catalog, context)
        let entries = try Diagnostics.run { () throws(ScaffoldError) in try ListGoldenPaths.run(catalog: catalog) }
        if json {
            console.print(JSON.encode([
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
        let style = console.outputStyle
        if entries.isEmpty {
            console.print("No golden paths in \(catalog.catalog.root)")
            return .success
        }
        let width = entries.map(\.name.count).max() ?? 0
        for entry in entries {
            let name = style.bold(entry.name) + String(repeating: " ", count: width - entry.name.count)
            console.print("\(name)  \(entry.versions.joined(separator: ", "))")
            if let description = entry.description { console.print(String(repeating: " ", count: width + 2) + style.dim(description)) }
        }
        console.print(style.dim("\ncatalog: \(catalog.catalog.root) (\(catalog.origin.rawValue))"))
        return .success
    }
}
