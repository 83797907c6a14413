import GoldenPath
import Scaffold

/// `scaffold params GOLDEN_PATH`: every parameter with its type, default, rules and condition;
/// `--json-schema` prints the values schema (JSON Schema 2020-12) for editors and portal forms.
struct ParamsCommand: Command {
    static let goldenPathArgument = PositionalSpec(name: "GOLDEN_PATH", help: "The golden path to describe", completion: .goldenPath)
    static let jsonSchema = OptionSpec.flag("--json-schema", "Print the values as JSON Schema (draft 2020-12) instead of a table")
    static let spec = CommandSpec(
        name: "params",
        abstract: "List a golden path's parameters, or print them as JSON Schema",
        discussion: """
            The table lists each parameter in the order `scaffold new` asks it: type, default (a
            template over earlier answers is shown as written), rules, and the condition it is used
            under. --json-schema prints a schema that validates a --values file: check-jsonschema,
            editors (yaml-language-server) and Backstage software templates read it.
            """,
        positionals: [goldenPathArgument],
        options: [CommonOptions.templateVersion, jsonSchema] + CommonOptions.readingCatalog)

    var goldenPath: String
    var version: String?
    var jsonSchema: Bool
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        goldenPath = arguments.required(Self.goldenPathArgument)
        version = arguments.value(CommonOptions.templateVersion)
        jsonSchema = arguments.flag(Self.jsonSchema)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate() throws(CLIError) {
        try CommonOptions.checkVersion(version, of: CommonOptions.templateVersion, in: Self.spec.name)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let console = context.console
        let catalog = try CommonOptions.locateCatalog(catalog, context)
        let (manifest, rows) = try Diagnostics.run { () throws(ScaffoldError) in
            try DescribeParameters.run(goldenPath, version: version, catalog: catalog)
        }
        if jsonSchema {
            console.print(ValuesSchema.json(of: manifest), terminator: "")
            return .success
        }
        let style = console.outputStyle
        console.print(style.bold("\(manifest.metadata.name) \(manifest.metadata.version)") + ": \(rows.count) parameters\n")
        let width = rows.map(\.name.count).max() ?? 0
        for row in rows {
            var line = style.bold(Printable.escaping(row.name)) + String(repeating: " ", count: width - row.name.count) + "  " + row.type
            if let value = row.defaultValue { line += "  default " + Printable.escaping(value) }
            console.print(line)
            let indent = String(repeating: " ", count: width + 2)
            if let description = row.description { console.print(indent + style.dim(Printable.escaping(description))) }
            if !row.rules.isEmpty { console.print(indent + Printable.escaping(row.rules.joined(separator: "; "))) }
            if let when = row.when { console.print(indent + "only when " + Printable.escaping(when)) }
        }
        return .success
    }
}
