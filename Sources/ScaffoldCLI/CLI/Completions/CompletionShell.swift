/// The shells `scaffold completions` writes scripts for.
enum CompletionShell: String, CaseIterable, Sendable {
    case bash, zsh, fish

    static let allNames = allCases.map(\.rawValue)

    func script(for table: CommandTable) -> String {
        switch self {
        case .bash: BashCompletion.script(for: table)
        case .zsh: ZshCompletion.script(for: table)
        case .fish: FishCompletion.script(for: table)
        }
    }
}
