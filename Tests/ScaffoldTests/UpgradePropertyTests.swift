import Foundation
import Scaffold
import TestSupport
import Testing

/// Nothing a developer wrote is ever lost: random developer edits (change, add, delete, rename,
/// chmod) against random template changes; after the upgrade every line the developer added is in
/// the result, merged or inside a conflict, and both ways of finding the base agree.
@Suite struct UpgradePropertyTests {
    @Test(arguments: 1...30)
    func developerLinesSurviveAnyUpgrade(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        let v1 = Self.initialTemplate(&random)
        let v2 = Self.templateChanges(v1, &random)
        let sandbox = try ServiceSandbox(["1.0.0": TemplateVersion(files: v1), "1.1.0": TemplateVersion(files: v2)])
        try Self.developerEdits(sandbox, seed: seed, &random)
        try sandbox.commit()

        let added = try Self.developerLines(in: "HEAD", sandbox)
        try sandbox.expectBothBasePathsAgree()
        let result = try sandbox.upgrade(commitConflicts: true)
        let branch = try #require(result.branch, "seed \(seed): \(result.outcome)")
        let kept = try Self.developerLines(in: branch, sandbox)
        #expect(added.subtracting(kept).isEmpty, "seed \(seed): lost \(added.subtracting(kept).sorted())")
        try sandbox.fsck()
    }

    /// Every `dev-…` token in the tree at `revision`.
    static func developerLines(in revision: String, _ sandbox: ServiceSandbox) throws -> Set<String> {
        let output = try sandbox.git(["grep", "-h", "-o", "-E", "dev-[0-9]+-[0-9]+", revision], allowFailure: true)
        return Set(output.split(separator: "\n").map { String($0.split(separator: ":").last ?? $0) })
    }

    static let folders = ["", "src/", "src/pkg/", "docs/"]

    static func lines(_ count: Int, tag: String) -> String {
        (1...count).map { "\(tag) line \($0) of the template\n" }.joined()
    }

    static func initialTemplate(_ random: inout SeededRandom) -> [String: TemplateFile] {
        var files: [String: TemplateFile] = [:]
        for index in 0..<Int.random(in: 4...7, using: &random) {
            let path = folders.randomElement(using: &random)! + "f\(index).txt"
            let text = lines(Int.random(in: 6...10, using: &random), tag: "t\(index)")
            files[path] = Bool.random(using: &random) && index % 3 == 0 ? .executable(text) : .text(text)
        }
        return files
    }

    static func templateChanges(_ v1: [String: TemplateFile], _ random: inout SeededRandom) -> [String: TemplateFile] {
        var files = v1
        for change in 0..<Int.random(in: 2...5, using: &random) {
            guard let path = files.keys.sorted().randomElement(using: &random), case let file = files[path]! else { continue }
            switch Int.random(in: 0..<6, using: &random) {
            case 0, 1: files[path] = file.editingLine(using: &random, with: "tpl-\(change) changed line")
            case 2: files[path] = nil
            case 3: files["src/new\(change).txt"] = .text(lines(8, tag: "new\(change)"))
            case 4:
                files[path] = nil
                files["renamed/" + (path as NSString).lastPathComponent] = file
            default: files[path] = file.toggledExecutable
            }
        }
        return files
    }

    static func developerEdits(_ sandbox: ServiceSandbox, seed: Int, _ random: inout SeededRandom) throws {
        var counter = 0
        func token() -> String {
            counter += 1
            return "dev-\(seed)-\(counter) added by the developer"
        }
        for _ in 0..<Int.random(in: 2...6, using: &random) {
            try sandbox.git(["add", "-A"])
            let tracked = try sandbox.git(["ls-files"]).split(separator: "\n").map(String.init).filter { $0 != ".scaffold.yaml" }
            let path = tracked.randomElement(using: &random)
            switch (Int.random(in: 0..<6, using: &random), path) {
            case (0, let path?), (1, let path?):
                let text = try sandbox.readFile(path)
                let edited = TemplateFile.text(text).editingLine(using: &random, with: token())
                // Written in place, so the file keeps its mode.
                if case .text(let newText) = edited {
                    try Data(newText.utf8).write(to: URL(fileURLWithPath: sandbox.service + "/" + path))
                }
            case (2, let path?):
                try sandbox.remove(path)
            case (3, let path?):
                let target = "moved/" + (path as NSString).lastPathComponent
                guard !FileManager.default.fileExists(atPath: sandbox.service + "/" + target) else { continue }
                try FileManager.default.createDirectory(atPath: sandbox.service + "/moved", withIntermediateDirectories: true)
                try sandbox.git(["mv", path, target])
            case (4, let path?):
                let full = sandbox.service + "/" + path
                let executable = FileManager.default.isExecutableFile(atPath: full)
                try FileManager.default.setAttributes([.posixPermissions: executable ? 0o644 : 0o755], ofItemAtPath: full)
            default:
                try sandbox.write("own/file\(counter).txt", (0..<3).map { _ in token() + "\n" }.joined())
            }
        }
    }
}

extension TemplateFile {
    /// The file with one random line replaced by `line`, or `line` inserted.
    func editingLine(using random: inout SeededRandom, with line: String) -> TemplateFile {
        let (text, rebuild): (String, (String) -> TemplateFile) = switch self {
        case .text(let text): (text, { .text($0) })
        case .executable(let text): (text, { .executable($0) })
        default: ("", { _ in self })
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let index = Int.random(in: 0...lines.count, using: &random)
        if index < lines.count && Bool.random(using: &random) { lines[index] = line } else { lines.insert(line, at: index) }
        return rebuild(lines.joined(separator: "\n") + "\n")
    }

    var toggledExecutable: TemplateFile {
        switch self {
        case .text(let text): .executable(text)
        case .executable(let text): .text(text)
        default: self
        }
    }
}
