import Scaffold

/// `scaffold check [DIR]`: exit 1 and one line when a newer version of the golden path exists.
struct CheckCommand: Command {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Exit 1 when a newer version of the service's golden path exists",
        positionals: [CommonPositionals.service],
        options: CommonOptions.readingCatalog)

    var path: String
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        path = arguments.positional(CommonPositionals.service) ?? "."
        catalog = arguments.value(CommonOptions.catalog)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let catalog = try CommonOptions.locateCatalog(catalog, context)
        let result = try Diagnostics.run { () throws(ScaffoldError) in try CheckService.run(path: path, catalog: catalog) }
        guard result.isBehind else {
            context.console.print("\(result.service) is on the newest \(result.goldenPath) \(result.current)")
            return .success
        }
        context.console.print("\(result.service) is on \(result.goldenPath) \(result.current); \(result.newest) is available "
            + "(scaffold upgrade --to \(result.newest))")
        return .findings
    }
}
