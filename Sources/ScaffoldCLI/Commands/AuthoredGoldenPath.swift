import Scaffold

/// The arguments of the authoring commands (`lint`, `test`), read once as an option group: the
/// golden path folder or catalog name, `--version` and `--catalog`, which is located only when
/// PATH_OR_NAME is a name (linting a folder needs no catalog).
struct AuthoredGoldenPath {
    var target: String
    var version: String?
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        target = arguments.required(CommonPositionals.goldenPathOrFolder)
        version = arguments.value(CommonOptions.templateVersion)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate(in command: String) throws(CLIError) {
        try CommonOptions.checkVersion(version, of: CommonOptions.templateVersion, in: command)
    }

    /// Locates the catalog when the use case asks for it.
    func catalogLoader(_ context: CommandContext) -> () throws(ScaffoldError) -> CatalogContext {
        { () throws(ScaffoldError) in try CatalogContext.locate(explicit: catalog, environment: context.environment) }
    }
}
