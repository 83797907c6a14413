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
    public func serving(_ head: ServiceHead, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ScaffoldError) -> (CatalogContext, ServiceHead) {
        let answers = head.answers
        guard answers.format != .scaffold else { return (self, head) }
        let location = SourceLocation(file: head.answersLabel)
        let source = answers.source
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
