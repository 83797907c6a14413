import GoldenPath
import Scaffold

/// `scaffold release GOLDEN_PATH`: the next version folder, and what to do next.
struct ReleaseCommand: Command {
    static let goldenPathArgument = PositionalSpec(name: "GOLDEN_PATH", help: "The golden path to start a version of", completion: .goldenPath)
    static let major = OptionSpec.flag("--major", "The next major version (2.0.0 after 1.4.2)")
    static let minor = OptionSpec.flag("--minor", "The next minor version (1.5.0 after 1.4.2; the default)")
    static let patch = OptionSpec.flag("--patch", "The next patch version (1.4.3 after 1.4.2)")
    static let exactly = OptionSpec.value("--version", "V", "This version (after the newest)")
    static let spec = CommandSpec(
        name: "release",
        abstract: "Start the next version of a golden path from its newest one",
        discussion: """
            Copies the newest version folder to the next version (all or nothing), bumps
            metadata.version in the copy (only that value is edited), and opens a section for it at
            the top of the golden path's CHANGELOG.md. Released folders stay as they are: upgrades
            re-render them and expect the bytes their services were made with.
            """,
        positionals: [goldenPathArgument],
        options: [major, minor, patch, exactly] + CommonOptions.readingCatalog)

    var goldenPath: String
    var bumps: [ReleaseGoldenPath.Bump]
    var version: String?
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        goldenPath = arguments.required(Self.goldenPathArgument)
        bumps = []
        if arguments.flag(Self.major) { bumps.append(.major) }
        if arguments.flag(Self.minor) { bumps.append(.minor) }
        if arguments.flag(Self.patch) { bumps.append(.patch) }
        version = arguments.value(Self.exactly)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate() throws(CLIError) {
        if bumps.count + (version == nil ? 0 : 1) > 1 { throw Self.usageError("give one of --major, --minor, --patch and --version") }
        if let version, SemanticVersion.fromTag(version) == nil {
            throw Self.usageError("invalid value '\(version)' for '--version': expected a semantic version (like 1.2.0)")
        }
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let catalog = try CommonOptions.locateCatalog(catalog, context)
        let bump = version.flatMap { SemanticVersion.fromTag($0) }.map(ReleaseGoldenPath.Bump.exactly)
            ?? bumps.first ?? .minor
        let result = try Diagnostics.run { () throws(ScaffoldError) in try ReleaseGoldenPath.run(goldenPath, bump: bump, catalog: catalog) }
        let console = context.console
        let folder = Paths.relativeToCurrent(result.directory)
        console.print("\(console.outputStyle.green("Started")) \(goldenPath) \(result.to) in \(folder) (from \(result.from))")
        console.print("""

            Next:
              edit \(folder)/template/ and golden-path.yaml (add migrations for renamed parameters)
              describe the changes in \(Paths.relativeToCurrent(result.changelog))
              scaffold lint \(folder) && scaffold test \(folder) --update
              scaffold test \(folder) --fleet ROOT...   # before publishing: what it does to every service
            """)
        return .success
    }
}
