import Scaffold

/// `scaffold preview GOLDEN_PATH`: the rendered tree with sizes, optionally every file's content,
/// the folder written with --output, and the diff to another version with --compare-to.
struct PreviewCommand: Command {
    static let goldenPathArgument = PositionalSpec(name: "GOLDEN_PATH", help: "The golden path to render", completion: .goldenPath)
    static let output = OptionSpec.value("--output", "DIR", short: "o", completion: .directory,
                                         "Also write the rendered files under DIR")
    static let showFiles = OptionSpec.flag("--show-files", "Print the content of every file, not only the tree")
    static let compareTo = OptionSpec.value("--compare-to", "V2", "Print a diff between the render of --version and of V2")
    static let spec = CommandSpec(
        name: "preview",
        abstract: "Render a golden path without git and show the files it makes",
        discussion: """
            Prints the rendered file tree with sizes. Nothing is written unless --output is given.
            With --compare-to, prints a unified diff between the renders of two versions with the
            same answers.
            """,
        positionals: [goldenPathArgument],
        options: [CommonOptions.templateVersion, CommonOptions.set, CommonOptions.values, output, showFiles, compareTo]
            + CommonOptions.readingCatalog)

    var request: PreviewGoldenPath.Request
    var showFiles: Bool
    var catalog: String?

    init(_ arguments: inout ArgumentReader) {
        request = PreviewGoldenPath.Request(
            goldenPath: arguments.required(Self.goldenPathArgument), version: arguments.value(CommonOptions.templateVersion),
            values: ValueArguments(valuesFiles: arguments.values(CommonOptions.values), sets: arguments.values(CommonOptions.set)),
            output: arguments.value(Self.output), compareTo: arguments.value(Self.compareTo))
        showFiles = arguments.flag(Self.showFiles)
        catalog = arguments.value(CommonOptions.catalog)
    }

    func validate() throws(CLIError) {
        try CommonOptions.checkVersion(request.version, of: CommonOptions.templateVersion, in: Self.spec.name)
        try CommonOptions.checkVersion(request.compareTo, of: Self.compareTo, in: Self.spec.name)
    }

    func run(_ context: CommandContext) throws(CLIError) -> ExitCode {
        let console = context.console
        let catalog = try CommonOptions.locateCatalog(catalog, context)
        let result = try Diagnostics.run { () throws(ScaffoldError) in
            try PreviewGoldenPath.run(request, catalog: catalog,
                                      prompt: console.isInteractive ? Prompting.prompter(console: console) : nil)
        }
        let style = console.outputStyle
        console.print(style.bold("\(result.goldenPath) \(result.version)")
            + ": \(result.tree.files.count) files, \(PreviewTreeView.size(result.tree.totalBytes))")
        for line in PreviewTreeView.lines(result.tree) { console.print(line) }
        if showFiles {
            for file in result.tree.files where file.mode != .symlink {
                console.print("\n" + style.bold("==> \(file.path) <=="))
                guard let text = String(validating: file.bytes, as: UTF8.self) else {
                    console.print(style.dim("(binary, \(PreviewTreeView.size(file.bytes.count)))"))
                    continue
                }
                console.print(text, terminator: text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
            }
        }
        if let comparison = result.comparison {
            console.print("\n" + style.bold("Changes from \(result.version) to \(comparison.version)")
                + (comparison.difference.isEmpty ? ": none" : ": \(comparison.difference.files.count) files"))
            for name in comparison.droppedAnswers {
                console.print(style.dim("(answer '\(name)' left out: \(comparison.version) has no such parameter)"))
            }
            console.print(comparison.difference.patch, terminator: "")
        }
        if let output = result.output {
            console.print("\n\(style.green("Wrote")) \(result.tree.files.count) files to \(Paths.relativeToCurrent(output))")
        }
        return .success
    }
}
