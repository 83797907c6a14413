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
            if Self.namesDotGit(segment) {
                return .invalid("rendered path '\(rendered)' lands in a .git folder")
            }
            if segment.contains(where: { $0.isNewline }) {
                return .invalid("rendered path '\(rendered.debugDescription)' contains a line break")
            }
        }
        return .ok(rendered)
    }

    /// Whether git treats `name` as `.git` on some file system, as `git fsck` flags it
    /// (`hasDotgit`): any case; NTFS's trailing dots and spaces, alternate streams (`.git::$DATA`)
    /// and short name `GIT~1`; HFS+'s ignorable code points (`.g\u{200C}it`).
    static func namesDotGit(_ name: Substring) -> Bool {
        // NTFS: the name up to an alternate-stream colon, then only spaces and dots may follow.
        let stem = name.prefix { $0 != ":" }.unicodeScalars
        func ntfs(_ prefix: String) -> Bool {
            let head = stem.prefix(prefix.unicodeScalars.count)
            guard String(String.UnicodeScalarView(head)).lowercased() == prefix else { return false }
            return stem.dropFirst(prefix.unicodeScalars.count).allSatisfy { $0 == " " || $0 == "." }
        }
        if ntfs(".git") || ntfs("git~1") { return true }
        // HFS+: code points it ignores when comparing names.
        let visible = name.unicodeScalars.filter { scalar in
            !((0x200C...0x200F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
              || (0x206A...0x206F).contains(scalar.value) || scalar.value == 0xFEFF)
        }
        return String(String.UnicodeScalarView(visible)).lowercased() == ".git"
    }
}
