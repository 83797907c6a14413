import Foundation
import Scaffold

/// `scaffold new GOLDEN_PATH NAME`: prints the folder, file count, commit and next steps.
struct NewCommand: Command {
    static let goldenPathArgument = PositionalSpec(name: "GOLDEN_PATH",
                                                   help: "The golden path to use: a catalog name, or a cookiecutter template folder (./x)",
                                                   completion: .goldenPath)
    static let nameArgument = PositionalSpec(name: "NAME", help: "The service name; fills the parameter 'name' (optional for cookiecutter templates)",
                                             isOptional: true)
    static let output = OptionSpec.value("--output", "DIR", short: "o", completion: .directory, "Folder to create (default: ./NAME)")
    static let author = OptionSpec.value(
        "--author", "\"NAME <EMAIL>\"", "Commit author (default: $GIT_AUTHOR_NAME/$GIT_AUTHOR_EMAIL, then git configuration)")
    static let remote = OptionSpec.value("--remote", "URL", "Add this URL as the remote 'origin'")
    static let push = OptionSpec.flag("--push", "Push 'main' to 'origin' (needs --remote)")
    static let publish = OptionSpec.value("--publish", "URL", section: CodeHostOptions.section,
                                          "Create the repository on GitHub or GitLab (private) and push to it")
    static let isPublic = OptionSpec.flag("--public", section: CodeHostOptions.section, "With --publish: a public repository")
    static let noGit = OptionSpec.flag("--no-git", "Write the files without creating a repository")
    static let inPlace = OptionSpec.flag("--in-place", "Inside a repository: commit the service on the current branch, not scaffold/new-NAME")
    static let into = OptionSpec.value("--into", "REPO", completion: .directory,
                                       "Add the service to this repository, as --output (default: services/NAME) inside it")
    static let standalone = OptionSpec.flag("--standalone", "Make the service a repository of its own, even inside another one")
    static let json = CommonOptions.json("Print a machine-readable summary")

    static let spec = CommandSpec(
        name: "new",
        abstract: "Create a service repository from a golden path",
        discussion: """
            Resolves and validates the values (prompting at a terminal for missing ones), renders
            the golden path and commits it as the single commit of a new git repository on branch
            'main', with the answers recorded in .scaffold.yaml. Nothing is written unless the whole
            render succeeds; an existing non-empty target is refused. Inside an existing repository
            the service is added as a folder instead, in one commit on branch scaffold/new-NAME
            (--in-place: on the current branch), with its pristine render for later upgrades. The commit is signed as git
            signs it when commit.gpgsign is set (or with --sign).
            \(CommonOptions.noHooks)
            """,
        positionals: [goldenPathArgument, nameArgument],
        options: [CommonOptions.templateVersion, CommonOptions.set, CommonOptions.values, output, CommonOptions.noInput, author, remote,
                  push, noGit, into, inPlace, standalone, CommonOptions.sign, CommonOptions.noSign, json, publish, isPublic, CommonOptions.trust]
            + CodeHostOptions.publishingSpecs + CommonOptions.readingCatalog)

    var request: NewService.Request
    var noInput: Bool
    var signing: CommonOptions.Signing
    var into: String?
    var json: Bool
    var publish: String?
    var isPublic: Bool
    var codeHost: CodeHostOptions
    var catalog: String?

    init(_ arguments: inout ArgumentReader) throws(CLIError) {
        request = NewService.Request(
            goldenPath: arguments.required(Self.goldenPathArgument), name: arguments.positional(Self.nameArgument),
            version: arguments.value(CommonOptions.templateVersion),
            values: ValueArguments(valuesFiles: arguments.values(CommonOptions.values), sets: arguments.values(CommonOptions.set)),
            output: arguments.value(Self.output), author: arguments.value(Self.author), remote: arguments.value(Self.remote),
            push: arguments.flag(Self.push), git: !arguments.flag(Self.noGit), sign: nil)
        noInput = arguments.flag(CommonOptions.noInput)
        signing = CommonOptions.signing(&arguments)
        request.sign = signing.choice
        request.inPlace = arguments.flag(Self.inPlace)
        request.standalone = arguments.flag(Self.standalone)
        into = arguments.value(Self.into)
        if let into {
            request.output = into + "/" + (request.output ?? "services/" + (request.name ?? (request.goldenPath as NSString).lastPathComponent))
            request.requiresRepository = true
        }
        json = arguments.flag(Self.json)
        publish = arguments.value(Self.publish)
        isPublic = arguments.flag(Self.isPublic)
        request.trust = arguments.flag(CommonOptions.trust)
        codeHost = try CodeHostOptions(&arguments, command: Self.spec.name, fleet: false)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate() throws(CLIError) {
        try signing.validate(in: Self.spec.name)
        try CommonOptions.checkVersion(request.version, of: CommonOptions.templateVersion, in: Self.spec.name)
        if request.push && request.remote == nil { throw Self.usageError("--push needs --remote URL") }
        if !request.git && (request.remote != nil || request.push || request.author != nil) {
            throw Self.usageError("--no-git cannot be combined with --remote, --push or --author")
        }
        if into != nil && (request.standalone || !request.git) {
            throw Self.usageError("--into adds the service to a repository; it takes neither --standalone nor --no-git")
        }
        if request.inPlace && (request.standalone || !request.git) {
            throw Self.usageError("--in-place commits into the enclosing repository; it takes neither --standalone nor --no-git")
        }
        if publish != nil && (request.remote != nil || request.push || !request.git || into != nil || request.inPlace) {
            throw Self.usageError("--publish creates the repository and pushes to it; it takes none of --remote, --push, --no-git, --into, --in-place")
        }
        if isPublic && publish == nil { throw Self.usageError("--public needs --publish URL") }
        if let author = request.author, !NewService.isValidAuthor(author) {
            throw Self.usageError("invalid value '\(author)' for '--author': expected \"Name <email>\"")
        }
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let console = context.console
        let interactive = console.isInteractive && !noInput
        // A template folder needs no catalog.
        let catalog = NewService.templateFolder(request.goldenPath) == nil ? try CommonOptions.locateCatalog(catalog, context) : nil
        var request = request
        if !console.isInteractive && !noInput { request.values.unaskedReason = "stdin is not a terminal" }
        request.publish = publish.map { Publication(url: $0, remote: codeHost.remote(environment: context.environment), isPublic: isPublic) }
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try NewService.run(request, catalog: catalog, environment: context.environment,
                               prompt: interactive ? Prompting.prompter(console: console) : nil)
        }
        for value in result.unused {
            console.printError(Diagnostic(severity: .warning, location: value.location, message: value.message)
                .rendered(style: console.errorStyle))
        }
        if json {
            console.print(JSON.encode([
                "path": .string(result.path),
                "commit": result.commit.map({ JSON.string($0) }) ?? .null,
                "golden_path": .string(result.goldenPath),
                "version": .string(result.version),
                "files": .array(result.files.map({ JSON.string($0) })),
                "next_steps": .array(result.nextSteps.map({ JSON.string($0) })),
                "branch": result.branch.map({ JSON.string($0) }) ?? .null,
                "unused_values": .array(result.unused.map({ JSON.string($0.parameter) })),
                "published": result.published.map({ JSON.string($0) }) ?? .null,
            ]))
            return .success
        }
        let style = console.outputStyle
        let folder = Paths.relativeToCurrent(result.path)
        var summary = "\(style.green("Created")) \(style.bold(folder)) from \(result.goldenPath) \(result.version): \(result.files.count) files"
        if let commit = result.commit { summary += ", commit \(commit.prefix(7)) on \(result.branch ?? "main")" }
        console.print(summary)
        if let page = result.published { console.print("Published: \(Printable.escaping(page))") }
        if !result.nextSteps.isEmpty {
            console.print("\nNext steps:")
            for step in result.nextSteps { console.print("  \(step)") }
        }
        return .success
    }
}
