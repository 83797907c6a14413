/// Checks a rendered path before it becomes a file: nothing may escape the service folder,
/// write into `.git/`, or be ambiguous.
enum PathCheck {
    enum Outcome: Equatable {
        case ok(String)
        /// A file or folder name rendered empty: the golden path's way to make files conditional.
        case skip
        case invalid(String)
    }

    static func check(_ rendered: String) -> Outcome {
        if rendered.isEmpty { return .skip }
        if rendered.hasPrefix("/") { return .invalid("rendered path '\(rendered)' is absolute") }
        if rendered.utf8.contains(0) { return .invalid("rendered path contains a NUL byte") }
        if rendered.contains("\\") { return .invalid("rendered path '\(rendered)' contains a backslash") }
        let segments = rendered.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: \.isEmpty) { return .skip }
        for segment in segments {
            if segment == ".." || segment == "." {
                return .invalid("rendered path '\(rendered)' contains '\(segment)'")
            }
            if segment.lowercased() == ".git" {
                return .invalid("rendered path '\(rendered)' lands in a .git folder")
            }
            if segment.contains(where: { $0.isNewline }) {
                return .invalid("rendered path '\(rendered.debugDescription)' contains a line break")
            }
        }
        return .ok(rendered)
    }
}
