import Foundation
import GoldenPath

/// A golden path version a template author works on, found from a folder or a catalog name:
/// what `scaffold lint` and `scaffold test` check.
public struct AuthoredVersion: Sendable {
    public var name: String
    public var version: SemanticVersion
    /// The version folder, holding `golden-path.yaml`, `template/` and `tests/`.
    public var directory: String
    /// The folder above the golden path, read as a catalog (its `platform.yaml` applies).
    public var catalog: Catalog

    public var manifestFile: String { directory + "/" + Catalog.manifestName }

    /// `pathOrName` is a version folder (that version), a golden path folder, or a name in the
    /// catalog (every version, oldest first, or only `version` when given; `latest` is the newest).
    /// A folder wins over a catalog name, so `lint go-microservice` inside the catalog works.
    public static func find(_ pathOrName: String, version requested: String?,
                            catalog: () throws(ScaffoldError) -> CatalogContext) throws(ScaffoldError) -> [AuthoredVersion] {
        let path = NewService.absolutePath(pathOrName)
        if isDirectory(path) {
            let parent = (path as NSString).deletingLastPathComponent
            let last = (path as NSString).lastPathComponent
            if FileManager.default.fileExists(atPath: path + "/" + Catalog.manifestName) {
                guard let version = SemanticVersion(last) else {
                    throw ScaffoldError(file: path, message: "a version folder's name must be a semantic version like 1.0.0")
                }
                if let requested, requested != "latest", SemanticVersion(requested) != version {
                    throw ScaffoldError(file: path, message: "version \(requested) was asked for, but this is the folder of \(last)")
                }
                let root = (parent as NSString).deletingLastPathComponent
                return [AuthoredVersion(name: (parent as NSString).lastPathComponent, version: version,
                                        directory: path, catalog: Catalog(root: root))]
            }
            return try versions(of: last, in: Catalog(root: parent), requested: requested)
        }
        if pathOrName.contains("/") {
            throw ScaffoldError(file: pathOrName, message: "no such folder")
        }
        return try versions(of: pathOrName, in: catalog().catalog, requested: requested)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func versions(of name: String, in catalog: Catalog, requested: String?) throws(ScaffoldError) -> [AuthoredVersion] {
        let versions: [SemanticVersion]
        if requested != nil {
            versions = [try mapErrors { try catalog.resolve(name, version: requested) }]
        } else {
            versions = try mapErrors { try catalog.versions(of: name) }.reversed()
            if versions.isEmpty {
                throw ScaffoldError(file: catalog.root + "/" + name,
                                    message: "no version folders (like 1.0.0/) with a \(Catalog.manifestName)")
            }
        }
        return versions.map {
            AuthoredVersion(name: name, version: $0, directory: catalog.directory(of: name, version: $0), catalog: catalog)
        }
    }
}
