import Foundation
import GoldenPath
import Locations
import YAMLKit

/// `scaffold release GOLDEN_PATH`: the next version folder, copied from the newest. Released
/// folders are never edited (upgrades re-render them and expect the bytes services were made
/// with), so work on a golden path starts here: a copy whose `metadata.version` is bumped (that
/// one scalar edited in place, the manifest's comments and layout kept) and a new section at the
/// top of the CHANGELOG. Written beside and renamed into place: all or nothing.
public enum ReleaseGoldenPath {
    public enum Bump: Sendable { case major, minor, patch, exactly(SemanticVersion) }

    public struct Result: Sendable {
        public var from: SemanticVersion
        public var to: SemanticVersion
        public var directory: String
        public var changelog: String
    }

    public static func run(_ name: String, bump: Bump, catalog: CatalogContext) throws(ScaffoldError) -> Result {
        if try catalog.repositoryCatalog(for: name) != nil {
            throw ScaffoldError(message: "'\(name)' is a template repository: its versions are its tags, released with git tag")
        }
        let versions = try catalog.versions(of: name)
        guard let newest = versions.first else { throw ScaffoldError(message: "golden path '\(name)' has no version to release from") }
        let next: SemanticVersion
        switch bump {
        case .major: next = SemanticVersion(major: newest.major + 1, minor: 0, patch: 0)
        case .minor: next = SemanticVersion(major: newest.major, minor: newest.minor + 1, patch: 0)
        case .patch: next = SemanticVersion(major: newest.major, minor: newest.minor, patch: newest.patch + 1)
        case .exactly(let version):
            guard version > newest else {
                throw ScaffoldError(message: "\(version) is not after the newest version, \(newest): released versions never change")
            }
            next = version
        }
        let source = catalog.catalog.directory(of: name, version: newest)
        let target = catalog.catalog.directory(of: name, version: next)
        let fm = FileManager.default
        guard !fm.fileExists(atPath: target) else { throw ScaffoldError(file: target, message: "the folder of \(next) exists already") }
        let manifestFile = Catalog.manifestName
        guard fm.fileExists(atPath: source + "/" + manifestFile) else {
            throw ScaffoldError(file: source, message: "only a golden path with a \(manifestFile) is released this way")
        }
        let text = try mapErrors { try Catalog.readText(source + "/" + manifestFile) }
        let bumped = try bumpVersion(in: text, file: source + "/" + manifestFile, to: next)

        // Filled beside the target and renamed into place (`Staging`): interrupted, nothing is half there.
        let staging = try Staging(beside: target)
        do {
            for entry in try fm.contentsOfDirectory(atPath: source) {
                try fm.copyItem(atPath: source + "/" + entry, toPath: staging.path + "/" + entry)
            }
            try Data(bumped.utf8).write(to: URL(fileURLWithPath: staging.path + "/" + manifestFile))
        } catch {
            staging.remove()
            throw ScaffoldError(.operationFailed, location: SourceLocation(file: target), message: "cannot write the new version: \(error.localizedDescription)")
        }
        do throws(ScaffoldError) { try staging.move(to: target) } catch {
            staging.remove()
            throw error
        }
        let changelog = catalog.catalog.root + "/" + name + "/CHANGELOG.md"
        try openSection(next, in: changelog, name: name)
        return Result(from: newest, to: next, directory: target, changelog: changelog)
    }

    /// The manifest with `metadata.version` replaced where it is written, nothing else touched.
    static func bumpVersion(in text: String, file: String, to version: SemanticVersion) throws(ScaffoldError) -> String {
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: file) } catch { throw ScaffoldError(GoldenPathError(error)) }
        guard let mark = node["metadata"]?["version"]?.mark, mark.line > 0 else {
            throw ScaffoldError(file: file, message: "the manifest has no metadata.version to bump")
        }
        var lines = text.components(separatedBy: "\n")
        let line = lines[mark.line - 1]
        let start = line.index(line.startIndex, offsetBy: mark.column - 1)
        let rest = line[start...]
        // The scalar as written (plain or quoted), up to a comment or the end of the line.
        var end = rest.endIndex
        if let quote = rest.first, quote == "'" || quote == "\"" {
            end = rest.dropFirst().firstIndex(of: quote).map { rest.index(after: $0) } ?? rest.endIndex
        } else if let comment = rest.range(of: " #") {
            end = comment.lowerBound
        }
        let written = rest[rest.startIndex..<end].trimmingCharacters(in: .whitespaces)
        let quote = written.first.flatMap { $0 == "'" || $0 == "\"" ? String($0) : nil } ?? ""
        lines[mark.line - 1] = String(line[..<start]) + quote + version.description + quote + String(rest[end...])
        return lines.joined(separator: "\n")
    }

    /// An empty `## VERSION` section at the top of CHANGELOG.md (made when missing), for the
    /// author to describe the version in.
    static func openSection(_ version: SemanticVersion, in file: String, name: String) throws(ScaffoldError) {
        let existing = (try? String(contentsOfFile: file, encoding: .utf8)) ?? "# \(name) changelog\n"
        var lines = existing.components(separatedBy: "\n")
        let at = lines.firstIndex { $0.hasPrefix("## ") } ?? lines.count
        let section = ["## \(version)", ""]
        if at == lines.count && !(lines.last?.isEmpty ?? true) { lines.append("") }
        lines.insert(contentsOf: section, at: at)
        do { try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            throw ScaffoldError(.operationFailed, location: SourceLocation(file: file), message: "cannot write the changelog: \(error.localizedDescription)")
        }
    }
}
