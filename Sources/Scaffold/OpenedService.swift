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
        head = try ServiceHead(repository: repository)
        location = ServiceLocation(path: repository.displayPath, relativePath: ".")
    }
}
