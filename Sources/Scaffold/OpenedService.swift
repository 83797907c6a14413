import Foundation
import GitKit

/// A service repository opened from a path given on the command line (the repository containing
/// it, as `git` finds it from a subfolder), with its HEAD read.
struct OpenedService {
    let repository: Repository
    let head: ServiceHead
    let location: ServiceLocation

    /// `readOnly`: for commands that only look (diff, check, dry runs): the trees they render
    /// and merge stay in memory, so the repository is exactly as it was.
    init(path: String, readOnly: Bool) throws(ScaffoldError) {
        let absolute = NewService.absolutePath(path)
        do {
            repository = try Repository(openingAt: absolute, searchParents: true)
            if readOnly { try repository.keepNewObjectsInMemory() }
        } catch {
            throw ScaffoldError(file: absolute, message: "not a git repository (\(error.message))")
        }
        let folder = try Self.serviceFolder(containing: absolute, in: repository)
        head = try ServiceHead(repository: repository, folder: folder)
        location = ServiceLocation(path: repository.displayPath + (folder.isEmpty ? "" : "/" + folder), relativePath: ".")
    }

    /// The service `path` is in: the nearest folder from `path` up to the repository's root whose
    /// HEAD has a `.scaffold.yaml` (a repository may hold several services); the root when none has.
    private static func serviceFolder(containing path: String, in repository: Repository) throws(ScaffoldError) -> String {
        guard let workdir = repository.workdir.map(canonical), case let here = canonical(path),
              here.hasPrefix(workdir) || here + "/" == workdir else { return "" }
        var parts = here.dropFirst(min(workdir.count, here.count)).split(separator: "/").map(String.init)
        while !parts.isEmpty {
            let folder = parts.joined(separator: "/")
            if case .success = try ServiceHead.read(repository, folder: folder) { return folder }
            parts.removeLast()
        }
        return ""
    }

    /// `path` with symbolic links resolved and a trailing slash, so prefixes compare folders.
    private static func canonical(_ path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return resolved.hasSuffix("/") ? resolved : resolved + "/"
    }
}
