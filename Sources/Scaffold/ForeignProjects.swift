import Foundation
import GoldenPath
import Locations
import Synchronization

/// Projects copier or cruft made (`.copier-answers.yml`, `.cruft.json`, no `.scaffold.yaml`):
/// their catalog is the template repository their answers file names, its version tags the
/// versions (`TemplateRepository`). Read once per repository and run, so a fleet of projects made
/// from one template fetches it once.
extension CatalogContext {
    private static let templateCatalogs = Mutex<[String: Result<CatalogContext, ScaffoldError>]>([:])

    /// The catalog `head` is upgraded from, and `head` with its version known: `self` for a
    /// scaffold service; the template repository for a copier or cruft project.
    ///
    /// The repository a project names is the project's choice, and the project may be hostile:
    /// a service cloned from a code host (`remote`) may name only a remote template (a local
    /// path or `file://` would have scaffold read the machine's own repositories into its pull
    /// request), and a named template's own code never runs (`CodeTrust` stays refused for it).
    public func serving(_ head: ServiceHead, remote: Bool = false,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws(ScaffoldError) -> (CatalogContext, ServiceHead) {
        let answers = head.answers
        guard answers.format != .scaffold else { return (self, head) }
        let location = SourceLocation(file: head.answersLabel)
        let source = answers.source
        let isRemoteURL = (source.contains("://") && !source.hasPrefix("file:")) || source.hasPrefix("gh:") || source.hasPrefix("gl:")
        if remote && !isRemoteURL {
            throw ScaffoldError(location: location, message: "the project names the template '\(source)', which is not a remote repository: "
                                + "a repository from a code host may only name templates on one")
        }
        let catalog = try Self.templateCatalogs.withLock { cache throws(ScaffoldError) in
            if let cached = cache[source] { return try cached.get() }
            let result = Result { () throws(ScaffoldError) in try TemplateRepository.catalog(source, environment: environment) }
            cache[source] = result
            return try result.get()
        }
        guard case .cruft(let commit, _, _) = answers.format else { return (catalog, head) }
        // cruft records a commit: its version is the tag on that commit.
        let versions = try catalog.versions(of: answers.goldenPath)
        guard let version = versions.first(where: { v in
            ImportedTemplate.origin(of: catalog.catalog.directory(of: answers.goldenPath, version: v))?.commit == commit
        }) else {
            throw ScaffoldError(location: location, message: "cruft recorded commit \(commit.prefix(12)) of \(source), which no version tag is on: "
                                + "scaffold upgrades between the template's tagged versions (\(versions.map(\.description).joined(separator: ", ")))")
        }
        var resolved = answers
        resolved.version = version
        return (catalog, head.with(answers: resolved))
    }
}
