import GitKit
import GoldenPath

/// A service repository as committed: HEAD, its tree, and the `.scaffold.yaml` in that tree.
///
/// Upgrades, diffs and checks read the answers file from HEAD, not from the work tree, so what
/// they compute depends only on commits and a half-edited file can never leak into a merge.
public struct ServiceHead: Sendable {
    public let commit: OID
    public let tree: OID
    /// The branch HEAD is on; nil when detached.
    public let branch: String?
    public let answers: AnswersFile

    /// `.scaffold.yaml` as named in errors: it was read from HEAD, not from disk.
    static let answersLabel = "HEAD:" + AnswersFile.fileName

    public init(repository: Repository) throws(ScaffoldError) {
        let label = repository.displayPath
        let head: Head
        do { head = try repository.head() } catch { throw ScaffoldError(error, path: label) }
        guard let commit = head.commit else {
            throw ScaffoldError(file: label, message: "the repository has no commits yet")
        }
        let tree: OID
        let entries: [TreeEntry]
        do {
            tree = try repository.tree(ofCommit: commit)
            entries = try repository.flatTree(tree)
        } catch {
            throw ScaffoldError(error, path: label)
        }
        guard let entry = entries.first(where: { $0.path == AnswersFile.fileName }) else {
            throw ScaffoldError(file: label, message: "not a scaffold service: HEAD has no \(AnswersFile.fileName)")
        }
        let bytes: [UInt8]
        do { bytes = try repository.blob(entry.oid) } catch { throw ScaffoldError(error, path: label) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScaffoldError(file: Self.answersLabel, message: "file is not UTF-8 text")
        }
        self.commit = commit
        self.tree = tree
        self.branch = head.branchName
        self.answers = try mapErrors { try AnswersFile.parse(text, file: Self.answersLabel) }
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
