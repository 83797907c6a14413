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
        let catalog = try CommonOptions.locateCatalog(catalog, context, forServices: true)
        let result = try Diagnostics.run { () throws(ScaffoldError) in try CheckService.run(path: path, catalog: catalog) }
        let service = Printable.escaping(result.service)
        let goldenPath = Printable.escaping(result.goldenPath)
        guard result.isBehind else {
            context.console.print("\(service) is on the newest \(goldenPath) \(result.current)")
            return .success
        }
        context.console.print("\(service) is on \(goldenPath) \(result.current); \(result.newest) is available "
            + "(scaffold upgrade --to \(result.newest))")
        return .findings
    }
}
