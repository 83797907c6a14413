import Foundation
import GoldenPath

/// `scaffold test`: golden tests for template authors. Each `tests/<case>/values.yaml` beside a
/// manifest is rendered with no prompts and compared with `tests/<case>/expected/` (file set,
/// bytes, executable bit); `update` rewrites the expected trees instead.
///
/// The render's only inputs besides the golden path and the values are fixed here, so expected
/// trees do not change with the day or the machine: the creation date and the catalog label in
/// `.scaffold.yaml`. The catalog's `platform.yaml`, when there is one, applies as for `new`.
public enum GoldenTests {
    public static let created = "2000-01-01"
    public static let source = "golden-paths"
    public static let valuesName = "values.yaml"
    public static let expectedName = "expected"

    public struct CaseResult: Sendable {
        public enum Outcome: Sendable {
            case passed
            /// The expected tree was rewritten (`update`); nil difference: it was already right.
            case updated(TreeDifference)
            /// The render differs from the expected tree (all added when there is none yet).
            case failed(TreeDifference, expectedMissing: Bool)
            /// The case does not render at all (bad values, or a template error they reach).
            case error(ScaffoldError)
        }
        public var version: AuthoredVersion
        public var name: String
        /// `tests/<case>`.
        public var directory: String
        public var outcome: Outcome

        public var passed: Bool {
            switch outcome {
            case .passed, .updated: return true
            case .failed, .error: return false
            }
        }
    }

    public struct Report: Sendable {
        public var versions: [AuthoredVersion]
        public var cases: [CaseResult]
        public var passed: Bool { cases.allSatisfy(\.passed) }
    }

    public static func run(_ pathOrName: String, version: String?, update: Bool,
                           catalog: () throws(ScaffoldError) -> CatalogContext) throws(ScaffoldError) -> Report {
        let versions = try AuthoredVersion.find(pathOrName, version: version, catalog: catalog)
        var results: [CaseResult] = []
        let releasedEdits = ReleasedVersions.findings(for: versions, allowEdits: [])
        for version in versions {
            let cases = testCases(in: version.directory)
            guard !cases.isEmpty else { continue }
            // A released version that changed fails its tests as lint reports it: its services
            // would re-render differently.
            let edits = releasedEdits[version.directory] ?? []
            if let first = edits.first {
                let files = edits.map { ($0.location.file as NSString).lastPathComponent }
                results.append(CaseResult(version: version, name: "released", directory: version.directory, outcome: .error(
                    ScaffoldError(location: first.location, message: "\(edits.count) file\(edits.count == 1 ? "" : "s") of released "
                                  + "\(version.name) \(version.version) changed (\(files.joined(separator: ", "))): released versions never change; "
                                  + "start the next one with scaffold release"))))
            }
            let goldenPath = try mapErrors { try LoadedGoldenPath(catalog: version.catalog, name: version.name, version: version.version) }
            for name in cases {
                let directory = version.directory + "/tests/" + name
                let outcome = try run(directory, goldenPath: goldenPath, catalog: version.catalog, update: update)
                results.append(CaseResult(version: version, name: name, directory: directory, outcome: outcome))
            }
        }
        if results.isEmpty {
            throw ScaffoldError(file: versions.first?.directory, message: "no test cases: add tests/<case>/\(valuesName) beside \(Catalog.manifestName)")
        }
        return Report(versions: versions, cases: results)
    }

    /// Case folders that hold a values file, sorted.
    static func testCases(in versionDirectory: String) -> [String] {
        let tests = versionDirectory + "/tests"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tests)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(tests)/\($0)/\(valuesName)") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func run(_ directory: String, goldenPath: LoadedGoldenPath, catalog: Catalog,
                    update: Bool) throws(ScaffoldError) -> CaseResult.Outcome {
        let rendered: RenderedTree
        do {
            rendered = try render(directory, goldenPath: goldenPath, catalog: catalog)
        } catch {
            return .error(error)
        }
        let expectedPath = directory + "/" + expectedName
        let expectedMissing = !AuthoredVersion.isDirectory(expectedPath)
        let expected = expectedMissing ? RenderedTree([]) : try readTree(expectedPath)
        let difference = try TreeDifference.between(expected, rendered)
        if update {
            if !difference.isEmpty || expectedMissing { try replace(expectedPath, with: rendered) }
            return .updated(difference)
        }
        return difference.isEmpty && !expectedMissing ? .passed : .failed(difference, expectedMissing: expectedMissing)
    }

    static func render(_ directory: String, goldenPath: LoadedGoldenPath, catalog: Catalog) throws(ScaffoldError) -> RenderedTree {
        let valuesPath = directory + "/" + valuesName
        return try mapErrors {
            let values = try ValuesFile.load(try Catalog.readText(valuesPath), path: valuesPath)
            let inputs = ValueInputs(platform: try catalog.platformFile(), valuesFiles: [values])
            return try goldenPath.render(inputs: inputs, source: source, created: created).tree
        }
    }

    /// An expected tree as files on disk: modes as git records them, symlinks kept as links.
    static func readTree(_ path: String) throws(ScaffoldError) -> RenderedTree {
        let source = try mapErrors { try TemplateSource.read(from: path) }
        return RenderedTree(source.entries.map { RenderedFile(path: $0.path, bytes: $0.bytes, mode: $0.mode) })
    }

    /// Writes the new tree beside the old one, then swaps: an interrupted update leaves the old tree.
    static func replace(_ path: String, with tree: RenderedTree) throws(ScaffoldError) {
        let staging = try Staging(beside: path)
        do throws(ScaffoldError) {
            try TreeWriter.write(tree, to: staging.path)
            if FileManager.default.fileExists(atPath: path) {
                do { try FileManager.default.removeItem(atPath: path) } catch {
                    throw ScaffoldError(file: path, message: "cannot remove the old expected tree: \(error.localizedDescription)")
                }
            }
            try staging.move(to: path)
        } catch {
            staging.remove()
            throw error
        }
    }
}
