import Foundation
import Locations

/// A folder of golden paths: `<root>/<name>/<version>/golden-path.yaml` plus `template/`,
/// an optional `<root>/platform.yaml` with organisation-wide defaults, and an optional
/// `<root>/<name>/CHANGELOG.md`.
public struct Catalog: Sendable {
    public static let manifestName = "golden-path.yaml"
    public static let platformName = "platform.yaml"

    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// A golden path and its published versions, newest first.
    public struct Entry: Sendable {
        public let name: String
        public let versions: [SemanticVersion]
        public var newest: SemanticVersion { versions[0] }

        public init(name: String, versions: [SemanticVersion]) {
            self.name = name
            self.versions = versions
        }
    }

    /// Every golden path with at least one version, sorted by name.
    public func entries() throws(GoldenPathError) -> [Entry] {
        var result: [Entry] = []
        for name in try folders(in: root) {
            let versions = try self.versions(of: name)
            if !versions.isEmpty { result.append(Entry(name: name, versions: versions)) }
        }
        return result
    }

    /// Version folders that hold a manifest, newest first. Folders whose names are not
    /// semantic versions are ignored (an author's scratch folder is not a version).
    public func versions(of name: String) throws(GoldenPathError) -> [SemanticVersion] {
        let dir = root + "/" + name
        guard CatalogLocator.isDirectory(dir) else { throw unknownGoldenPath(name) }
        return try folders(in: dir)
            .filter { FileManager.default.fileExists(atPath: dir + "/" + $0 + "/" + Self.manifestName)
                || ImportedTemplate.isTemplate(dir + "/" + $0) }
            .compactMap(SemanticVersion.init)
            .sorted(by: >)
    }

    /// `nil` and `latest` mean the newest version.
    public func resolve(_ name: String, version requested: String?) throws(GoldenPathError) -> SemanticVersion {
        try resolve(name, version: requested, among: try versions(of: name))
    }

    /// The same, among versions already listed (newest first), so a caller that caches the
    /// listing does not read the folder again.
    public func resolve(_ name: String, version requested: String?,
                        among versions: [SemanticVersion]) throws(GoldenPathError) -> SemanticVersion {
        guard let newest = versions.first else {
            throw GoldenPathError(file: root + "/" + name, message: "golden path '\(name)' has no versions (no */\(Self.manifestName))")
        }
        guard let requested, requested != "latest" else { return newest }
        guard let wanted = SemanticVersion.fromTag(requested) else {
            throw GoldenPathError(file: nil, message: "'\(requested)' is not a semantic version (like 1.2.0) or 'latest'")
        }
        guard versions.contains(wanted) else {
            throw GoldenPathError(file: root + "/" + name, message: "golden path '\(name)' has no version \(wanted); it has "
                + versions.map(\.description).joined(separator: ", "))
        }
        return wanted
    }

    /// The folder of one version.
    public func directory(of name: String, version: SemanticVersion) -> String {
        "\(root)/\(name)/\(version)"
    }

    /// Loads and validates one version's manifest.
    /// An imported template's is made from its `cookiecutter.json` or `copier.yml`.
    public func manifest(of name: String, version: SemanticVersion) throws(GoldenPathError) -> Manifest {
        let folder = directory(of: name, version: version)
        let file = folder + "/" + Self.manifestName
        if let (_, manifest) = try ImportedTemplate.load(directory: folder, name: name, version: version) { return manifest }
        return try Manifest.load(try Self.readText(file), file: file, folderName: name, folderVersion: version.description)
    }

    /// `platform.yaml`, when the catalog has one.
    public func platformFile() throws(GoldenPathError) -> PlatformFile? {
        let file = root + "/" + Self.platformName
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        return try PlatformFile.load(try Self.readText(file), path: file)
    }

    /// The golden path's CHANGELOG.md, when it has one.
    public func changelog(of name: String) -> String? {
        FileManager.default.contents(atPath: "\(root)/\(name)/CHANGELOG.md").flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Reads a UTF-8 text file, as an error with the file's name when it cannot.
    public static func readText(_ path: String) throws(GoldenPathError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GoldenPathError.unreadable(path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            var error = GoldenPathError(file: path, message: "file is not UTF-8 text")
            error.location = SourceLocation.firstInvalidUTF8(in: data, file: path) ?? error.location
            throw error
        }
        return text
    }

    private func unknownGoldenPath(_ name: String) -> GoldenPathError {
        let known = (try? folders(in: root)) ?? []
        return GoldenPathError(file: root, message: DidYouMean.unknownMessage("golden path", name, among: known)
            + (known.isEmpty ? " (the catalog is empty)" : ""))
    }

    private func folders(in dir: String) throws(GoldenPathError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            throw GoldenPathError(file: dir, message: "cannot read folder")
        }
        return names.filter { !$0.hasPrefix(".") && CatalogLocator.isDirectory(dir + "/" + $0) }.sorted()
    }
}
