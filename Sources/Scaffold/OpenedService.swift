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
        head = try Self.service(containing: absolute, in: repository)
        location = ServiceLocation(path: repository.displayPath + (head.folder.isEmpty ? "" : "/" + head.folder),
                                   relativePath: ".")
    }

    /// The service `path` is in: the nearest folder from `path` up to the repository's root whose
    /// HEAD has a `.scaffold.yaml` (a repository may hold several services); the root's otherwise,
    /// which is an error when the root has none either.
    private static func service(containing path: String, in repository: Repository) throws(ScaffoldError) -> ServiceHead {
        if let workdir = repository.workdir.map(canonical), case let here = canonical(path), here.hasPrefix(workdir) {
            var parts = here.dropFirst(workdir.count).split(separator: "/").map(String.init)
            while !parts.isEmpty {
                if case .success(let head) = try ServiceHead.read(repository, folder: parts.joined(separator: "/")) { return head }
                parts.removeLast()
            }
        }
        return try ServiceHead(repository: repository)
    }

    /// `path` with symbolic links resolved and a trailing slash, so prefixes compare folders.
    private static func canonical(_ path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return resolved.hasSuffix("/") ? resolved : resolved + "/"
    }
}
