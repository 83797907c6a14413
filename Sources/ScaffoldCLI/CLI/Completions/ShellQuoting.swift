/// Quoting for text from the table (help texts contain quotes, `$` and brackets) written into
/// completion scripts.
enum ShellQuoting {
    /// A single-quoted word for bash and zsh: nothing inside is expanded.
    static func posix(_ text: String) -> String {
        "'" + replacing(text) { $0 == "'" ? "'\\''" : nil } + "'"
    }

    /// A single-quoted word for fish, where only `\` and `'` are special inside.
    static func fish(_ text: String) -> String {
        "'" + backslashing("\\'", in: text) + "'"
    }

    /// Puts a backslash before each of `characters` found in `text`.
    static func backslashing(_ characters: String, in text: String) -> String {
        replacing(text) { characters.contains($0) ? "\\\($0)" : nil }
    }

    private static func replacing(_ text: String, _ substitute: (Character) -> String?) -> String {
        var result = ""
        for character in text {
            if let replacement = substitute(character) { result += replacement } else { result.append(character) }
        }
        return result
    }
}
