/// What a shell should offer when completing a value. Fixed choices are listed separately
/// (`choices`), since they are also validated by the parser.
enum CompletionKind: Equatable, Sendable {
    /// Free text: nothing to offer.
    case none
    case file
    case directory
    /// A golden path name from the catalog (`$SCAFFOLD_CATALOG` or `./golden-paths`).
    case goldenPath
    /// A scaffold subcommand name.
    case command
}
