/// The use-case commands' handlers, one per subcommand. main.swift supplies them, so the table
/// (parsing, help, completions) is built and tested without the use cases behind it.
struct Handlers: Sendable {
    var new: CommandHandler
    var list: CommandHandler
    var preview: CommandHandler
    var lint: CommandHandler
    var test: CommandHandler
    var render: CommandHandler
    var diff: CommandHandler
    var upgrade: CommandHandler
    var check: CommandHandler
    var status: CommandHandler
}
