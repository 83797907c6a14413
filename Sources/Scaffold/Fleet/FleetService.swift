import GitKit
import GoldenPath

/// One service of a found repository, opened for a fleet command, with its HEAD read once.
struct FleetService {
    let repository: Repository
    let head: ServiceHead
    /// The repository's location, or for a service in a folder, the folder's.
    let location: ServiceLocation

    /// Every service of the repository at `location`: each folder of HEAD's tree with a
    /// `.scaffold.yaml`, the root's first, then by folder; all share one `Repository`. Not a
    /// service when there is none and the repository was found by searching (one listed in
    /// `--repos` must be a service, so that is a failure there). `readOnly`: new objects stay in
    /// memory, so the repository is exactly as it was.
    static func open(_ location: ServiceLocation, readOnly: Bool) -> ServiceRead<[FleetService]> {
        do throws(ScaffoldError) {
            let repository = try mapErrors(path: location.path) { () throws(GitError) in
                let repository = try Repository(openingAt: location.path)
                if readOnly { try repository.keepNewObjectsInMemory() }
                return repository
            }
            var absence = ServiceHead.Absence.noAnswersFile
            var services: [FleetService] = []
            for folder in try folders(of: repository, location: location) {
                switch try ServiceHead.read(repository, folder: folder) {
                case .success(let head):
                    let place = folder.isEmpty ? location
                        : ServiceLocation(path: location.path + "/" + folder,
                                          relativePath: location.relativePath == "." ? folder : location.relativePath + "/" + folder,
                                          isListed: location.isListed)
                    services.append(FleetService(repository: repository, head: head, location: place))
                case .failure(let reason):
                    absence = reason
                }
            }
            if !services.isEmpty { return .service(services) }
            guard location.isListed else { return .notService }
            return .failed(ServiceFailure(location: location, reason: "not a scaffold service: \(absence)"))
        } catch {
            return .failed(ServiceFailure(location: location, error: error))
        }
    }

    /// The root, then every folder below it whose HEAD holds a `.scaffold.yaml`, sorted.
    private static func folders(of repository: Repository, location: ServiceLocation) throws(ScaffoldError) -> [String] {
        let suffix = "/" + AnswersFile.fileName
        do {
            guard let commit = try repository.head().commit else { return [""] }
            let below = try repository.flatTree(try repository.tree(ofCommit: commit)).map(\.path)
                .filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }
            return [""] + below.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw ScaffoldError(error, path: location.path)
        }
    }
}
