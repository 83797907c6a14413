import GitKit
import Scaffold

/// How changed files and conflicts print for upgrade and diff: git's one-letter statuses,
/// `git diff --stat` lines, and `git status` conflict words.
enum ChangeListing {
    static func letter(_ status: FileDiff.Status) -> String {
        switch status {
        case .added: "A"
        case .deleted: "D"
        case .modified: "M"
        case .renamed: "R"
        case .copied: "C"
        case .typeChanged: "T"
        }
    }

    static func path(_ file: FileDiff) -> String {
        Printable.escaping(file.status == .renamed || file.status == .copied ? "\(file.oldPath) -> \(file.newPath)" : file.newPath)
    }

    /// `  M  Makefile  +2 -1`, paths padded to one column.
    static func lines(_ files: [FileDiff]) -> [String] {
        let width = files.map { path($0).count }.max() ?? 0
        return files.map { file in
            let name = path(file)
            let counts = file.isBinary ? "binary" : "+\(file.insertions) -\(file.deletions)"
            return "  \(letter(file.status))  \(name)\(String(repeating: " ", count: width - name.count))  \(counts)"
        }
    }

    /// ` Makefile | 3 ++-` lines and the summary, as `git diff --stat` prints them.
    static func stat(_ files: [FileDiff]) -> [String] {
        guard !files.isEmpty else { return [] }
        let width = files.map { path($0).count }.max() ?? 0
        let most = files.map { $0.insertions + $0.deletions }.max() ?? 0
        let scale = most > 50 ? Double(50) / Double(most) : 1
        var lines = files.map { file in
            let name = path(file)
            let padded = " " + name + String(repeating: " ", count: width - name.count) + " | "
            if file.isBinary { return padded + "Bin" }
            let plus = Int((Double(file.insertions) * scale).rounded(.up))
            let minus = Int((Double(file.deletions) * scale).rounded(.up))
            let bar = String(repeating: "+", count: plus) + String(repeating: "-", count: minus)
            return padded + "\(file.insertions + file.deletions)" + (bar.isEmpty ? "" : " " + bar)
        }
        let insertions = files.reduce(0) { $0 + $1.insertions }
        let deletions = files.reduce(0) { $0 + $1.deletions }
        var summary = " \(files.count) file\(files.count == 1 ? "" : "s") changed"
        summary += ", \(insertions) insertion\(insertions == 1 ? "" : "s")(+)"
        summary += ", \(deletions) deletion\(deletions == 1 ? "" : "s")(-)"
        lines.append(summary)
        return lines
    }

    /// `  both modified:   main.go`.
    static func conflictLines(_ conflicts: [MergeConflict]) -> [String] {
        let words = conflicts.map { ConflictWords.kind($0.kind) + ":" }
        let width = words.map(\.count).max() ?? 0
        return zip(words, conflicts).map { word, conflict in
            "  \(word)\(String(repeating: " ", count: width - word.count)) \(Printable.escaping(conflict.path))"
        }
    }

    static func json(_ files: [FileDiff]) -> JSON {
        .array(files.map { file in
            .object([
                "status": .string(file.status.rawValue),
                "path": .string(file.newPath),
                "old_path": file.status == .renamed || file.status == .copied ? .string(file.oldPath) : .null,
                "insertions": .int(file.insertions),
                "deletions": .int(file.deletions),
                "binary": .bool(file.isBinary),
            ])
        })
    }

    static func json(_ conflicts: [MergeConflict]) -> JSON {
        .array(conflicts.map { .object(["path": .string($0.path), "kind": .string(ConflictWords.kind($0.kind))]) })
    }
}
