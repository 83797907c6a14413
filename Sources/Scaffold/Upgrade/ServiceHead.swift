import GitKit
import GoldenPath
import Locations

/// A service repository as committed: HEAD, its tree, and the `.scaffold.yaml` in that tree.
///
/// Upgrades, diffs, checks and fleet reports read the answers file from HEAD, not from the work
/// tree, so what they compute depends only on commits and a half-edited file can never leak into
/// a merge. Each use case reads it once per service.
public struct ServiceHead: Sendable {
    public let commit: OID
    public let tree: OID
    /// The branch HEAD is on; nil when detached.
    public let branch: String?
    public let answers: AnswersFile

    /// `.scaffold.yaml` as named in errors: it was read from HEAD, not from disk.
    static let answersLabel = "HEAD:" + AnswersFile.fileName

    /// Why a repository is not a service.
    public enum Absence: Error, Sendable, Equatable, CustomStringConvertible {
        case noCommits
        case noAnswersFile

        public var description: String {
            switch self {
            case .noCommits: "the repository has no commits yet"
            case .noAnswersFile: "HEAD has no \(AnswersFile.fileName)"
            }
        }
    }

    /// The service at HEAD, or why the repository is not one. Errors are for repositories that
    /// cannot be read, and for a `.scaffold.yaml` that is not valid.
    public static func read(_ repository: Repository) throws(ScaffoldError) -> Result<ServiceHead, Absence> {
        let label = repository.displayPath
        let head: Head
        let tree: OID
        let entries: [TreeEntry]
        do throws(GitError) {
            head = try repository.head()
            guard let commit = head.commit else { return .failure(.noCommits) }
            tree = try repository.tree(ofCommit: commit)
            entries = try repository.flatTree(tree)
        } catch {
            throw ScaffoldError(error, path: label)
        }
        guard let commit = head.commit, let entry = entries.first(where: { $0.path == AnswersFile.fileName }) else {
            return .failure(.noAnswersFile)
        }
        let bytes: [UInt8]
        do { bytes = try repository.blob(entry.oid) } catch { throw ScaffoldError(error, path: label) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScaffoldError(location: SourceLocation.firstInvalidUTF8(in: bytes, file: Self.answersLabel)
                                    ?? SourceLocation(file: Self.answersLabel), message: "not UTF-8 text")
        }
        let answers = try mapErrors { try AnswersFile.parse(text, file: Self.answersLabel) }
        return .success(ServiceHead(commit: commit, tree: tree, branch: head.branchName, answers: answers))
    }

    /// The service at HEAD; not being one is an error.
    public init(repository: Repository) throws(ScaffoldError) {
        switch try Self.read(repository) {
        case .success(let head): self = head
        case .failure(let absence):
            throw ScaffoldError(file: repository.displayPath, message: "not a scaffold service: \(absence)")
        }
    }

    private init(commit: OID, tree: OID, branch: String?, answers: AnswersFile) {
        self.commit = commit
        self.tree = tree
        self.branch = branch
        self.answers = answers
    }

    /// The service's name: its `name` answer (explicit or defaulted), else its golden path's name.
    public var serviceName: String {
        (answers.answers["name"] ?? answers.defaults["name"])?.scalar?.value ?? answers.goldenPath
    }
}

/// Paths that make a work tree dirty for an upgrade: modified, staged, deleted, untracked or
/// conflicted. An upgrade refuses to start on any of them, so it can never mix with unsaved work.
public func dirtyPaths(of repository: Repository) throws(ScaffoldError) -> [String] {
    do { return try repository.status(includeUntracked: true).map(\.path) } catch {
        throw ScaffoldError(error, path: repository.displayPath)
    }
}

extension Repository {
    /// The work tree (or git folder) as errors name it: without libgit2's trailing slash.
    var displayPath: String {
        let path = workdir ?? gitdir
        return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
