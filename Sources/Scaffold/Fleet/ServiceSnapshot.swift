import GitKit
import GoldenPath

/// A service as its HEAD commit records it: the commit, its files, and its `.scaffold.yaml`.
/// Read from the object database only, so a dirty or half-edited work tree does not change what
/// the fleet reports about the service.
struct ServiceSnapshot {
    var location: ServiceLocation
    var head: Head
    var commit: OID
    var tree: OID
    /// Every file of HEAD's tree, sorted by path.
    var files: [TreeEntry]
    var answers: AnswersFile

    /// Reads the service at `location` from an opened repository. Nil when the repository is not a
    /// service (no commit yet, or no `.scaffold.yaml` in HEAD) and was found by searching; a
    /// repository listed explicitly in `--repos` must be a service, so that is an error there.
    static func read(_ repository: Repository, at location: ServiceLocation) throws(ScaffoldError) -> ServiceSnapshot? {
        let head: Head
        var tree: OID?
        var files: [TreeEntry] = []
        do throws(GitError) {
            head = try repository.head()
            if let commit = head.commit {
                let root = try repository.tree(ofCommit: commit)
                tree = root
                files = try repository.flatTree(root)
            }
        } catch {
            throw ScaffoldError(error, path: location.path)
        }
        guard let commit = head.commit, let tree else { return try notAService(location, "HEAD has no commit") }
        guard let answersBlob = files.first(where: { $0.path == AnswersFile.fileName })?.oid else {
            return try notAService(location, "no \(AnswersFile.fileName) in HEAD")
        }
        let bytes: [UInt8]
        do throws(GitError) { bytes = try repository.blob(answersBlob) } catch { throw ScaffoldError(error, path: location.path) }
        let answers: AnswersFile
        do throws(GoldenPathError) {
            answers = try AnswersFile.parse(String(decoding: bytes, as: UTF8.self),
                                            file: location.path + "/" + AnswersFile.fileName)
        } catch {
            throw ScaffoldError(error)
        }
        return ServiceSnapshot(location: location, head: head, commit: commit, tree: tree, files: files, answers: answers)
    }

    /// A repository that is not a service: skipped when found by searching, an error when listed.
    private static func notAService(_ location: ServiceLocation, _ reason: String) throws(ScaffoldError) -> ServiceSnapshot? {
        guard location.isListed else { return nil }
        throw ScaffoldError(file: location.path, message: "not a service: \(reason)")
    }
}
