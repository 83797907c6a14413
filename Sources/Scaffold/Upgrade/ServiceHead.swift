import Foundation
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
    /// The service's tree: HEAD's whole tree for a service at the root, else its folder's.
    public let tree: OID
    /// HEAD's whole tree.
    public let rootTree: OID
    /// The service's folder in the repository; empty at the root. One repository may hold many.
    public let folder: String
    /// The branch HEAD is on; nil when detached.
    public let branch: String?
    public let answers: AnswersFile

    /// `.scaffold.yaml` as named in errors: it was read from HEAD, not from disk.
    static let answersLabel = "HEAD:" + AnswersFile.fileName

    /// This service's `.scaffold.yaml` as named in errors (`HEAD:services/billing/.scaffold.yaml`).
    public var answersLabel: String { Self.label(folder, format: answers.format) }

    static func label(_ folder: String, format: AnswersFile.Format = .scaffold) -> String {
        let name = AnswersFile.fileName(of: format)
        return folder.isEmpty ? "HEAD:" + name : "HEAD:\(folder)/\(name)"
    }

    /// The same service with `answers` in place of what HEAD's file says (a cruft project's
    /// version, known once its template repository is read).
    func with(answers: AnswersFile) -> ServiceHead {
        ServiceHead(commit: commit, tree: tree, rootTree: rootTree, folder: folder, branch: branch, answers: answers)
    }

    /// A name for this service's own files in `.git/scaffold/` (`upgrade-2.0.0.md` at the root,
    /// `upgrade-services-billing-2.0.0.md` for a service in `services/billing`).
    public func recordName(_ stem: String) -> String {
        folder.isEmpty ? stem : "\(stem)-\(folder.replacingOccurrences(of: "/", with: "-"))"
    }

    /// `path` of the service's folder as a path of the repository.
    public func repositoryPath(_ path: String) -> String { folder.isEmpty ? path : folder + "/" + path }

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
    /// `folder`: the service's folder in the repository (empty: the root).
    public static func read(_ repository: Repository, folder: String = "") throws(ScaffoldError) -> Result<ServiceHead, Absence> {
        let label = repository.displayPath
        let head: Head
        let rootTree: OID
        var tree: OID?
        var answersBlob: OID?
        var answersFormat = AnswersFile.Format.scaffold
        do throws(GitError) {
            head = try repository.head()
            guard let commit = head.commit else { return .failure(.noCommits) }
            rootTree = try repository.tree(ofCommit: commit)
            if folder.isEmpty {
                tree = rootTree
            } else if let found = try repository.entry(at: folder, in: rootTree), found.isTree {
                tree = found.oid
            }
            if let tree {
                // `.scaffold.yaml`, else the answers file of the copier or cruft that made the project.
                for format in [AnswersFile.Format.scaffold, .copier, .cruft(commit: "", pinned: false, skip: [])] {
                    if let found = try repository.entry(at: AnswersFile.fileName(of: format), in: tree), !found.isTree {
                        answersBlob = found.oid
                        answersFormat = format
                        break
                    }
                }
            }
        } catch {
            throw ScaffoldError(error, path: label)
        }
        guard let commit = head.commit, let tree, let answersBlob else { return .failure(.noAnswersFile) }
        let entry = TreeEntry(path: AnswersFile.fileName(of: answersFormat), oid: answersBlob)
        let answersLabel = Self.label(folder, format: answersFormat)
        let bytes: [UInt8]
        do { bytes = try repository.blob(entry.oid) } catch { throw ScaffoldError(error, path: label) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScaffoldError(location: SourceLocation.firstInvalidUTF8(in: bytes, file: answersLabel)
                                    ?? SourceLocation(file: answersLabel), message: "not UTF-8 text")
        }
        let answers: AnswersFile
        switch answersFormat {
        case .scaffold:
            answers = try mapErrors { try AnswersFile.parse(text, file: answersLabel) }
        case .copier:
            let place = folder.isEmpty ? (repository.workdir ?? repository.displayPath) : folder
            let folderName = (place.trimmingCharacters(in: CharacterSet(charactersIn: "/")) as NSString).lastPathComponent
            answers = try mapErrors { try AnswersFile.parseCopier(text, file: answersLabel, folderName: folderName, created: LoadedGoldenPath.today()) }
        case .cruft:
            answers = try mapErrors { try AnswersFile.parseCruft(text, file: answersLabel, created: LoadedGoldenPath.today()) }
        }
        return .success(ServiceHead(commit: commit, tree: tree, rootTree: rootTree, folder: folder, branch: head.branchName,
                                    answers: answers))
    }

    /// The service at HEAD; not being one is an error.
    public init(repository: Repository, folder: String = "") throws(ScaffoldError) {
        switch try Self.read(repository, folder: folder) {
        case .success(let head): self = head
        case .failure(let absence):
            throw ScaffoldError(file: repository.displayPath, message: "not a scaffold service: \(absence)")
        }
    }

    private init(commit: OID, tree: OID, rootTree: OID, folder: String, branch: String?, answers: AnswersFile) {
        self.commit = commit
        self.tree = tree
        self.rootTree = rootTree
        self.folder = folder
        self.branch = branch
        self.answers = answers
    }

    /// The service's name: its `name` answer (explicit or defaulted), else its folder's name
    /// (copier's recorded `_folder_name`, a folder of a repository), else its golden path's name.
    public var serviceName: String {
        (answers.answers["name"] ?? answers.defaults["name"] ?? answers.answers["_folder_name"])?.scalar?.value
            ?? (folder.isEmpty ? answers.goldenPath : (folder as NSString).lastPathComponent)
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
