import GoldenPath
import Scaffold

/// Options several commands share, defined once so their names and help never drift apart.
enum CommonOptions {
    static let help = OptionSpec.flag("--help", short: "h", "Show this help")
    static let noColor = OptionSpec.flag("--no-color", "Never color the output")
    static let catalog = OptionSpec.value(
        "--catalog", "DIR", completion: .directory,
        "Golden path catalog (default: $SCAFFOLD_CATALOG, ./golden-paths, the installed one)")

    /// The trailing options of every command that reads golden paths.
    static let readingCatalog = [catalog, noColor, help]

    static let templateVersion = OptionSpec.value(
        "--version", "V", "Golden path version, or 'latest' (default: the newest)")
    static let to = OptionSpec.value("--to", "V", "Target version, or 'latest' (default: the newest)")
    static let set = OptionSpec.value(
        "--set", "KEY=VALUE", repeatable: true, "Set a value (dotted keys; the value is a YAML scalar)")
    static let values = OptionSpec.value(
        "--values", "FILE", repeatable: true, completion: .file,
        "Read values from a YAML or JSON file; later files win")

    static func json(_ help: String) -> OptionSpec { .flag("--json", help) }

    /// The catalog `--catalog` names, else the one found in the documented order.
    static func locateCatalog(_ explicit: String?, _ context: CommandContext) throws(CLIError) -> CatalogContext {
        try Diagnostics.run { () throws(ScaffoldError) in
            try CatalogContext.locate(explicit: explicit, environment: context.environment)
        }
    }

    /// Checks a version option's value (`1.2.0`, `v1.2.0` or `latest`), so a mistake names the flag.
    static func checkVersion(_ value: String?, of option: OptionSpec, in command: String) throws(CLIError) {
        guard let value, value != "latest" else { return }
        guard SemanticVersion(value.hasPrefix("v") ? String(value.dropFirst()) : value) == nil else { return }
        throw CLIError.usage("invalid value '\(value)' for '\(option.name)': expected a semantic version (like 1.2.0) "
                             + "or 'latest'", command: "\(CommandTable.programName) \(command)")
    }
}

/// Positionals several commands share.
enum CommonPositionals {
    static let service = PositionalSpec(
        name: "DIR", help: "The service repository (default: the current folder)",
        isOptional: true, completion: .directory)
    static let goldenPathOrFolder = PositionalSpec(name: "PATH_OR_NAME", help: "A golden path folder or a name in the catalog",
                                                   completion: .goldenPath)
}
