import Foundation
import GoldenPath
import Locations

/// Finds the repositories a fleet command works on: every git repository under the ROOT folders,
/// or the paths a `--repos` file lists. Whether a repository is a service (has `.scaffold.yaml`
/// in HEAD) is decided later, when it is opened on its own task.
public enum FleetDiscovery {
    /// Repositories under each root, sorted by path, each once. A folder holding `.git` (a folder,
    /// or a file as in linked worktrees and submodules) is a repository and is not searched further:
    /// a service's vendored or nested repositories are not services of the fleet. Hidden folders and
    /// symbolic links are not followed (no `.cache` trees, no cycles).
    public static func repositories(under roots: [String]) throws(ScaffoldError) -> [ServiceLocation] {
        var found: [String: ServiceLocation] = [:]
        for root in roots {
            let absolute = NewService.absolutePath(root)
            guard isDirectory(absolute) else {
                throw ScaffoldError(file: root, message: "not a folder")
            }
            var stack = [(absolute, ".")]
            while let (folder, relative) = stack.popLast() {
                if FileManager.default.fileExists(atPath: folder + "/.git") {
                    if found[folder] == nil { found[folder] = ServiceLocation(path: folder, relativePath: relative) }
                    continue
                }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                for name in names where !name.hasPrefix(".") {
                    let child = folder + "/" + name
                    guard isDirectory(child), !isSymbolicLink(child) else { continue }
                    stack.append((child, relative == "." ? name : relative + "/" + name))
                }
            }
        }
        return found.values.sorted()
    }

    /// The repositories a `--repos` file lists: one per line, a path relative to the file's folder
    /// (or absolute) or a clone URL (`https://…`, `http://…`, `file://…`), which is cloned into
    /// `workspace`; blank lines and lines starting with `#` are ignored. Sorted, each once.
    public static func repositories(listedIn file: String, workspace: Workspace? = nil) throws(ScaffoldError) -> [ServiceLocation] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ScaffoldError(GoldenPathError.unreadable(file))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScaffoldError(location: SourceLocation.firstInvalidUTF8(in: data, file: file) ?? SourceLocation(file: file),
                                message: "the repository list is not UTF-8 text")
        }
        let folder = (NewService.absolutePath(file) as NSString).deletingLastPathComponent
        var found: [String: ServiceLocation] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let entry = line.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            if entry.contains("://") {
                let column = line.distance(from: line.startIndex, to: line.firstIndex(where: { !$0.isWhitespace }) ?? line.startIndex) + 1
                let place = workspace ?? Workspace.standard(nil, environment: ProcessInfo.processInfo.environment)
                if let problem = remoteProblem(entry) {
                    throw ScaffoldError(file: file, line: number + 1, column: column, message: problem)
                }
                guard let folder = place.folder(for: entry) else {
                    throw ScaffoldError(file: file, line: number + 1, column: column, message: "expected a clone URL like https://HOST/OWNER/NAME.git")
                }
                if found[folder] == nil { found[folder] = ServiceLocation(path: folder, relativePath: entry, isListed: true, remote: entry) }
                continue
            }
            let base = URL(fileURLWithPath: folder, isDirectory: true)
            let path = URL(fileURLWithPath: entry, relativeTo: base).standardizedFileURL.path
            let relative = entry.hasPrefix("/") ? path : relativePath(of: path, from: folder)
            if found[path] == nil { found[path] = ServiceLocation(path: path, relativePath: relative, isListed: true) }
        }
        return found.values.sorted()
    }

    /// Repositories named by clone URL (a code host's list), each cloned into `workspace`.
    static func repositories(at urls: [String], workspace: Workspace) throws(ScaffoldError) -> [ServiceLocation] {
        var found: [String: ServiceLocation] = [:]
        for url in urls {
            if let problem = remoteProblem(url) { throw ScaffoldError(file: url, message: problem) }
            guard let folder = workspace.folder(for: url) else { throw ScaffoldError(file: url, message: "not a clone URL") }
            found[folder] = ServiceLocation(path: folder, relativePath: url, isListed: true, remote: url)
        }
        return found.values.sorted()
    }

    /// What is wrong with a listed URL, if anything: only http(s) and file URLs clone, and a token
    /// belongs in the environment, never in a file.
    static func remoteProblem(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            return "not a valid URL"
        }
        guard ["https", "http", "file"].contains(scheme) else {
            return "\(scheme):// repositories are not supported (use https:// with a token, or a local path)"
        }
        if components.user != nil || components.password != nil {
            return "the URL carries credentials; put the token in GITHUB_TOKEN or GITLAB_TOKEN instead"
        }
        return nil
    }

    /// `path` relative to `folder`, with `..` where it lies outside (`../svc/payments`): a name that
    /// stays the same when the whole checkout moves, so shards do not change with it.
    static func relativePath(of path: String, from folder: String) -> String {
        let target = path.split(separator: "/")
        let base = folder.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
