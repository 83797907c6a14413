import GitKit

/// A found repository opened for a fleet command, with its HEAD read once.
struct FleetService {
    let repository: Repository
    let head: ServiceHead

    /// The service at `location`; not a service when found by searching and HEAD has no
    /// `.scaffold.yaml` (a repository listed in `--repos` must be one, so that is a failure there).
    /// `readOnly`: new objects stay in memory, so the repository is exactly as it was.
    static func open(_ location: ServiceLocation, readOnly: Bool) -> ServiceRead<FleetService> {
        do throws(ScaffoldError) {
            let repository = try mapErrors(path: location.path) { () throws(GitError) in
                let repository = try Repository(openingAt: location.path)
                if readOnly { try repository.keepNewObjectsInMemory() }
                return repository
            }
            switch try ServiceHead.read(repository) {
            case .success(let head):
                return .service(FleetService(repository: repository, head: head))
            case .failure(let absence):
                guard location.isListed else { return .notService }
                return .failed(ServiceFailure(location: location, reason: "not a scaffold service: \(absence)"))
            }
        } catch {
            return .failed(ServiceFailure(location: location, error: error))
        }
    }
}
