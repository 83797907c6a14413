/// Every subcommand of `scaffold` with all its arguments and options. Parsing, help and shell
/// completions are generated from this one table.
struct CommandTable: Sendable {
    static let programName = "scaffold"
    static let abstract = "new services from versioned golden-path templates, upgraded by three-way merge"

    let commands: [CommandSpec]

    /// Options accepted before the subcommand.
    let rootOptions: [OptionSpec] = [
        .flag("--help", short: "h", "Show this help"),
        .flag("--version", "Print the version of scaffold"),
        CommonOptions.noColor,
    ]

    init(handlers: Handlers) {
        commands = [
            Self.new(handlers.new),
            Self.list(handlers.list),
            Self.preview(handlers.preview),
            Self.lint(handlers.lint),
            Self.test(handlers.test),
            Self.render(handlers.render),
            Self.diff(handlers.diff),
            Self.upgrade(handlers.upgrade),
            Self.check(handlers.check),
            Self.status(handlers.status),
            Self.completions,
            Self.help,
        ]
    }

    func command(named name: String) -> CommandSpec? {
        commands.first { $0.name == name }
    }

    // MARK: - Golden paths

    private static func new(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "new",
            abstract: "Create a service repository from a golden path",
            discussion: """
                Resolves and validates the values (prompting at a terminal for missing ones), renders
                the golden path and commits it as the single commit of a new git repository on branch
                'main', with the answers recorded in .scaffold.yaml. Nothing is written unless the whole
                render succeeds; an existing non-empty target is refused.
                """,
            positionals: [
                PositionalSpec(name: "GOLDEN_PATH", help: "The golden path to use", completion: .goldenPath),
                PositionalSpec(name: "NAME", help: "The service name; fills the parameter 'name'"),
            ],
            options: [
                CommonOptions.templateVersion,
                CommonOptions.set,
                CommonOptions.values,
                .value("--output", "DIR", short: "o", completion: .directory, "Folder to create (default: ./NAME)"),
                .flag("--no-input", "Never prompt; missing required values are an error"),
                .value("--author", "\"NAME <EMAIL>\"", "Commit author (default: git configuration, then $GIT_AUTHOR_NAME/$GIT_AUTHOR_EMAIL)"),
                .value("--remote", "URL", "Add this URL as the remote 'origin'"),
                .flag("--push", "Push 'main' to 'origin' (needs --remote)"),
                .flag("--no-git", "Write the files without creating a repository"),
                CommonOptions.json("Print a machine-readable summary"),
            ] + CommonOptions.readingCatalog,
            run: run)
    }

    private static func list(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "list",
            abstract: "List the golden paths in the catalog, their versions and descriptions",
            options: [CommonOptions.json("Print the list as JSON")] + CommonOptions.readingCatalog,
            run: run)
    }

    private static func preview(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "preview",
            abstract: "Render a golden path without git and show the files it makes",
            discussion: """
                Prints the rendered file tree with sizes. Nothing is written unless --output is given.
                With --compare-to, prints a unified diff between the renders of two versions with the
                same answers.
                """,
            positionals: [
                PositionalSpec(name: "GOLDEN_PATH", help: "The golden path to render", completion: .goldenPath),
            ],
            options: [
                CommonOptions.templateVersion,
                CommonOptions.set,
                CommonOptions.values,
                .value("--output", "DIR", short: "o", completion: .directory, "Also write the rendered files under DIR"),
                .flag("--show-files", "Print the content of every file, not only the tree"),
                .value("--compare-to", "V2", "Print a diff between the render of --version and of V2"),
            ] + CommonOptions.readingCatalog,
            run: run)
    }

    private static func lint(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "lint",
            abstract: "Check a golden path's manifest and templates without rendering",
            discussion: """
                Reports syntax errors, unknown filters, undefined variables, unused parameters, invalid
                defaults and bad globs, each as FILE:LINE:COL: message. Exits 1 when it finds any.
                """,
            positionals: [
                PositionalSpec(name: "PATH_OR_NAME", help: "A golden path folder or a name in the catalog",
                               completion: .goldenPath),
            ],
            options: [CommonOptions.templateVersion] + CommonOptions.readingCatalog,
            run: run)
    }

    private static func test(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "test",
            abstract: "Render a golden path's test cases and compare them with the expected trees",
            discussion: """
                Each tests/<case>/values.yaml beside the manifest is rendered and compared with
                tests/<case>/expected/. Exits 1 and shows the diff when they differ.
                """,
            positionals: [
                PositionalSpec(name: "PATH_OR_NAME", help: "A golden path folder or a name in the catalog",
                               completion: .goldenPath),
            ],
            options: [
                CommonOptions.templateVersion,
                .flag("--update", "Rewrite the expected trees from the current renders"),
            ] + CommonOptions.readingCatalog,
            run: run)
    }

    private static func render(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "render",
            abstract: "Render one template file to standard output",
            discussion: """
                Output is the rendered template byte for byte. Includes and imports resolve relative to
                the template's folder. Errors exit 2.
                """,
            positionals: [
                PositionalSpec(name: "TEMPLATE", help: "The template file, or '-' for standard input",
                               completion: .file),
            ],
            options: [
                CommonOptions.values, CommonOptions.set,
                .flag("--trim-blocks", "Remove the first newline after a block tag (Jinja's trim_blocks)"),
                .flag("--lstrip-blocks", "Strip whitespace before a block tag on its line (Jinja's lstrip_blocks)"),
                .flag("--lenient", "Print undefined variables as empty instead of failing (Jinja's default Undefined)"),
                CommonOptions.noColor, CommonOptions.help,
            ],
            run: run)
    }

    // MARK: - Services

    private static func diff(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "diff",
            abstract: "Show what an upgrade would change, or how a service drifted from its template",
            discussion: """
                By default prints the unified diff the upgrade would make to the service's HEAD and the
                conflicts it would have, writing nothing but git objects.
                """,
            positionals: [CommonPositionals.service],
            options: [
                CommonOptions.to,
                .flag("--drift", "Diff against the pristine render of the version the service is on"),
                .flag("--stat", "Print changed files with counts instead of the diff"),
                .flag("--exit-code", "Exit 1 when the diff is not empty"),
            ] + CommonOptions.readingCatalog,
            run: run)
    }

    private static func upgrade(_ run: @escaping CommandHandler) -> CommandSpec {
        let fleet = "FLEET OPTIONS (with --all)"
        return CommandSpec(
            name: "upgrade",
            abstract: "Upgrade services to a newer version of their golden path by three-way merge",
            discussion: """
                By default creates the branch scaffold/upgrade-<golden-path>-<version> at the merge and
                leaves the current branch and work tree as they were. --in-place merges into the current
                branch as 'git merge' would. Exits 1 when there are conflicts.
                With --all, upgrades every service found under the ROOTs (or listed in --repos FILE) on
                its own branch, several at a time.
                """,
            usages: [
                "[DIR] [options]",
                "--all ROOT... [options]",
                "--all --repos FILE [options]",
            ],
            positionals: [
                PositionalSpec(name: "PATH",
                               help: "The service (default: the current folder); with --all, folders to search",
                               isOptional: true, isVariadic: true, completion: .directory),
            ],
            options: [
                CommonOptions.to,
                CommonOptions.set,
                .value("--branch", "NAME", "Branch to create (default: scaffold/upgrade-<golden-path>-<version>)"),
                .flag("--in-place", "Merge into the current branch, leaving conflicts as 'git merge' does"),
                .flag("--commit-conflicts", "Create the branch even with conflicts, committing the markers"),
                .flag("--push", "Push the upgrade branch to 'origin'"),
                .flag("--dry-run", "Report what would happen without creating branches"),
                CommonOptions.json("Print the result and pull-request description as JSON"),
                .flag("--all", section: fleet, "Upgrade every service under the ROOTs"),
                .value("--repos", "FILE", completion: .file, section: fleet,
                       "Upgrade the services listed in FILE (one path per line, # comments)"),
                .value("--golden-path", "NAME", completion: .goldenPath, section: fleet,
                       "Only services made from this golden path"),
                .value("--jobs", "N", short: "j", section: fleet, "Services upgraded at a time (default: the number of cores)"),
                .value("--shard", "I/N", section: fleet, "Only the I-th of N stable slices of the services; 'auto' reads JOB_COMPLETION_INDEX"),
                .flag("--skip-existing", section: fleet, "Leave services that already have the upgrade branch"),
                .flag("--replace-existing", section: fleet, "Rebuild upgrade branches that already exist"),
                .value("--report", "FILE", completion: .file, section: fleet, "Write the per-service report as JSON"),
                .value("--pr-body-dir", "DIR", completion: .directory, section: fleet,
                       "Write each service's pull-request description into DIR"),
            ] + CommonOptions.readingCatalog,
            run: run)
    }

    private static func check(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "check",
            abstract: "Exit 1 when a newer version of the service's golden path exists",
            positionals: [CommonPositionals.service],
            options: CommonOptions.readingCatalog,
            run: run)
    }

    private static func status(_ run: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(
            name: "status",
            abstract: "Report which version of its golden path each service of a fleet is on",
            discussion: """
                Per service: golden path, version, newest version and how far behind it is; then per
                golden path: services by version, adoption of the newest, and the most drifted files.
                """,
            usages: ["ROOT... [options]", "--repos FILE [options]"],
            positionals: [
                PositionalSpec(name: "ROOT", help: "Folders to search for services",
                               isOptional: true, isVariadic: true, completion: .directory),
            ],
            options: [
                .value("--repos", "FILE", completion: .file, "Report the services listed in FILE (one path per line, # comments)"),
                CommonOptions.json("Print the report as JSON"),
                .value("--html", "FILE", completion: .file, "Write the report as a self-contained HTML page"),
                .flag("--drift", "Also count the template files each service changed or deleted"),
            ] + CommonOptions.readingCatalog,
            run: run)
    }

    // MARK: - The command line itself

    private static let completions = CommandSpec(
        name: "completions",
        abstract: "Print a shell completion script",
        discussion: """
            Load it for the current session with, for example:
              bash:  source <(scaffold completions bash)
              zsh:   source <(scaffold completions zsh)
              fish:  scaffold completions fish | source
            """,
        positionals: [
            PositionalSpec(name: "SHELL", help: "The shell to complete in", choices: CompletionShell.allNames),
        ],
        options: [CommonOptions.noColor, CommonOptions.help],
        run: CompletionsCommand.run)

    private static let help = CommandSpec(
        name: "help",
        abstract: "Show help for scaffold or one of its commands",
        positionals: [
            PositionalSpec(name: "COMMAND", help: "The command to describe", isOptional: true, completion: .command),
        ],
        options: [CommonOptions.noColor, CommonOptions.help],
        run: HelpCommand.run)
}
