import Foundation
import GoldenPath

/// The part of a golden path's changelog an upgrade brings: the sections of the versions after
/// the service's and up to the target, newest first.
enum Changelog {
    /// `metadata.changelog` of the target when it has one; else the `## X.Y.Z` sections of
    /// `CHANGELOG.md` with `from < X.Y.Z <= to`. Nil when there is nothing to show.
    static func entries(target: UpgradeTarget, from: SemanticVersion) -> String? {
        if let inline = target.goldenPath.manifest.metadata.changelog {
            let text = inline.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
        guard let file = target.changelogFile else { return nil }
        let to = target.goldenPath.version
        let picked = sections(of: file).filter { from < $0.version && $0.version <= to }
        guard !picked.isEmpty else { return nil }
        return picked.map { "### \($0.version)\n\n\($0.body)" }.joined(separator: "\n\n")
    }

    /// Each `## <version>` heading (optionally `## [1.1.0]` or `## 1.1.0 - 2026-11-28`) and the text up to the next `## `.
    static func sections(of text: String) -> [(version: SemanticVersion, body: String)] {
        var result: [(SemanticVersion, String)] = []
        var current: SemanticVersion?
        var body: [Substring] = []
        func flush() {
            if let current {
                let text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                result.append((current, text))
            }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                flush()
                current = version(inHeading: line.dropFirst(3))
                body = []
            } else if line.hasPrefix("# ") {
                flush()
                current = nil
                body = []
            } else {
                body.append(line)
            }
        }
        flush()
        return result
    }

    private static func version(inHeading heading: Substring) -> SemanticVersion? {
        let word = heading.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
        let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "[]v"))
        return SemanticVersion(trimmed)
    }
}
