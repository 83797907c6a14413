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

    static let trust = OptionSpec.flag("--trust", "Run a cookiecutter or copier template's own code (hooks, _tasks); off by default")
    static let noInput = OptionSpec.flag("--no-input", "Never prompt; missing required values are an error listing them all")
    static let sign = OptionSpec.flag("--sign", "Sign the commits (gpg.format, user.signingkey), whatever commit.gpgsign says")
    static let noSign = OptionSpec.flag("--no-sign", "Do not sign the commits, whatever commit.gpgsign says")

    /// `--sign` true, `--no-sign` false, neither nil (git's `commit.gpgsign` decides).
    static func signing(_ arguments: inout ArgumentReader) -> Signing {
        Signing(sign: arguments.flag(Self.sign), noSign: arguments.flag(Self.noSign))
    }

    /// `--sign` / `--no-sign` as given.
    struct Signing {
        var sign: Bool
        var noSign: Bool

        /// true, false, or nil when neither is given (git's `commit.gpgsign` decides).
        var choice: Bool? { sign ? true : noSign ? false : nil }

        func validate(in command: String) throws(CLIError) {
            guard sign && noSign else { return }
            throw CLIError.usage("--sign and --no-sign exclude each other", command: "\(CommandTable.programName) \(command)")
        }
    }

    /// Why commands that commit run no git hooks, for their help.
    static let noHooks = "git hooks are not run: scaffold never runs code a repository controls\n"
        + "(one fleet run touches many teams' repositories)."

    /// The catalog `--catalog` names, else the one found in the documented order.
    /// `forServices`: the command works on existing services, some of which (copier and cruft
    /// projects) need no catalog: a default catalog that is missing is an error only for those that do.
    static func locateCatalog(_ explicit: String?, _ context: CommandContext, forServices: Bool = false) throws(CLIError) -> CatalogContext {
        try Diagnostics.run { () throws(ScaffoldError) in
            forServices ? try CatalogContext.locateIfNeeded(explicit: explicit, environment: context.environment)
                        : try CatalogContext.locate(explicit: explicit, environment: context.environment)
        }
    }

    /// Checks a version option's value (`1.2.0`, `v1.2.0` or `latest`), so a mistake names the flag.
    static func checkVersion(_ value: String?, of option: OptionSpec, in command: String) throws(CLIError) {
        guard let value, value != "latest" else { return }
        guard SemanticVersion.fromTag(value) == nil else { return }
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
