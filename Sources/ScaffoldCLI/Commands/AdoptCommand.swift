import Foundation
import Scaffold

/// `scaffold adopt GOLDEN_PATH [DIR]`: a repository that predates the golden path, brought onto it.
struct AdoptCommand: Command {
    static let goldenPathArgument = PositionalSpec(name: "GOLDEN_PATH", help: "The golden path to adopt", completion: .goldenPath)
    static let branch = OptionSpec.value("--branch", "NAME", "Branch to create (default: scaffold/adopt-<golden-path>-<version>)")
    static let inPlace = OptionSpec.flag("--in-place", "Commit the adoption on the current branch")
    static let json = CommonOptions.json("Print the result as JSON")

    static let spec = CommandSpec(
        name: "adopt",
        abstract: "Bring an existing repository onto a golden path",
        discussion: """
            Commits the pristine render of the version (the merge base of every later upgrade, as
            after 'scaffold new') and merges it into HEAD, the repository's files winning wherever
            both have one: the template files the repository lacks and .scaffold.yaml are added.
            By default on a new branch for review; --in-place on the current one. Afterwards
            check, diff --drift, upgrade and the fleet commands treat it like any service.
            name defaults to the folder's name.
            \(CommonOptions.noHooks)
            """,
        positionals: [goldenPathArgument, CommonPositionals.service],
        options: [CommonOptions.templateVersion, CommonOptions.set, CommonOptions.values, CommonOptions.noInput, branch, inPlace,
                  CommonOptions.sign, CommonOptions.noSign, json] + CommonOptions.readingCatalog)

    var request: AdoptService.Request
    var noInput: Bool
    var signing: CommonOptions.Signing
    var json: Bool
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        request = AdoptService.Request(
            goldenPath: arguments.required(Self.goldenPathArgument),
            path: arguments.positional(CommonPositionals.service) ?? ".",
            version: arguments.value(CommonOptions.templateVersion),
            values: ValueArguments(valuesFiles: arguments.values(CommonOptions.values), sets: arguments.values(CommonOptions.set)),
            mode: arguments.flag(Self.inPlace) ? .inPlace : .branch, branch: arguments.value(Self.branch),
            sign: nil)
        noInput = arguments.flag(CommonOptions.noInput)
        signing = CommonOptions.signing(&arguments)
        request.sign = signing.choice
        json = arguments.flag(Self.json)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate() throws(CLIError) {
        try signing.validate(in: Self.spec.name)
        try CommonOptions.checkVersion(request.version, of: CommonOptions.templateVersion, in: Self.spec.name)
        if request.mode == .inPlace && request.branch != nil {
            throw Self.usageError("--in-place commits on the current branch; it takes no --branch")
        }
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let console = context.console
        let catalog = try CommonOptions.locateCatalog(catalog, context)
        var request = request
        request.environment = context.environment
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try AdoptService.run(request, catalog: catalog,
                                 prompt: console.isInteractive && !noInput ? Prompting.prompter(console: console) : nil)
        }
        if json {
            console.print(JSON.encode([
                "path": .string(result.path),
                "service": .string(result.service),
                "golden_path": .string(result.goldenPath),
                "version": .string(result.version.description),
                "branch": result.branch.map { JSON.string($0) } ?? .null,
                "commit": result.commit.map { JSON.string($0.hex) } ?? .null,
                "pristine_commit": .string(result.pristineCommit.hex),
                "added": .array(result.added.map { JSON.string($0) }),
                "kept": .array(result.kept.map { JSON.string($0) }),
            ]))
            return .success
        }
        let style = console.outputStyle
        let whereTo = result.branch.map { "on branch \(style.bold(Printable.escaping($0)))" } ?? "on the current branch"
        console.print("\(style.green("Adopted")) \(Printable.escaping(result.service)) onto \(Printable.escaping(result.goldenPath)) "
            + "\(result.version) \(whereTo) (commit \(result.commit?.abbreviated() ?? "-"))")
        if !result.added.isEmpty {
            console.print("\n\(result.added.count) file\(result.added.count == 1 ? "" : "s") added from the template:")
            result.added.forEach { console.print("  \(Printable.escaping($0))") }
        }
        if !result.kept.isEmpty {
            console.print("\n\(result.kept.count) file\(result.kept.count == 1 ? "" : "s") kept as the repository has "
                + "\(result.kept.count == 1 ? "it" : "them") (scaffold diff --drift shows how they differ):")
            result.kept.forEach { console.print("  \(Printable.escaping($0))") }
        }
        return .success
    }
}
