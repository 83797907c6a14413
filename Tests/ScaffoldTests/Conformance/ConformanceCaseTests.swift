import Foundation
import Scaffold
import TemplateLanguage
import Testing
import YAMLKit

/// One case of Tests/Conformance/cases/*.json with the result Jinja2 gave for it, recorded by
/// `Tests/Conformance/check.py --record` (which, in `make test`, also checks the record is still
/// what Jinja2 gives live).
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    var file: String
    var name: String
    var template: String
    /// The context as written (re-emitted by YAMLKit, so key order and `2.0` vs `2` survive), handed
    /// to the renderer as a values file as `scaffold render --values` gets it.
    var context: String
    var files: [String: String]
    var trimBlocks: Bool
    var lstripBlocks: Bool
    /// Jinja2's output; nil when Jinja2 raised `error`.
    var expected: String?
    var error: String?

    var testDescription: String { "\(file): \(name)" }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Conformance/cases")

    static func all() -> [ConformanceCase] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var cases: [ConformanceCase] = []
        for name in names {
            // JSON is YAML: YAMLKit keeps mapping order and number spelling, as the CLI does.
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let list = (try? YAML.parseDocument(String(decoding: data, as: UTF8.self), file: name))?.sequence else { continue }
            for item in list {
                let text = { (key: String) in item[key]?.scalar?.value }
                var files: [String: String] = [:]
                for pair in item["files"]?.mapping ?? [] { files[pair.key.scalar?.value ?? ""] = pair.value.scalar?.value ?? "" }
                let options = item["options"]
                cases.append(ConformanceCase(
                    file: name, name: text("name") ?? "?", template: text("template") ?? "",
                    context: (try? YAML.emit(item["context"] ?? .mapping([]))) ?? "{}",
                    files: files,
                    trimBlocks: options?["trim_blocks"]?.scalar?.value == "true",
                    lstripBlocks: options?["lstrip_blocks"]?.scalar?.value == "true",
                    expected: text("expected"), error: text("error")))
            }
        }
        return cases
    }
}

@Suite struct ConformanceCaseTests {
    static let cases = ConformanceCase.all()

    @Test func everyCaseHasARecordedResult() {
        #expect(Self.cases.count >= 500, "cases read from \(ConformanceCase.folder.path)")
        let unrecorded = Self.cases.filter { ($0.expected == nil) == ($0.error == nil) }
        #expect(unrecorded.isEmpty, "run Tests/Conformance/check.py --record: \(unrecorded.map(\.name))")
    }

    /// Renders the case as `scaffold render` does (the template in a folder with its includes, the
    /// context as a values file, StrictUndefined) and compares with Jinja2's recorded result.
    @Test(arguments: cases)
    func rendersAsJinja2Did(_ c: ConformanceCase) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("t")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for (name, source) in c.files {
            let url = templates.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(source.utf8).write(to: url)
        }
        let template = templates.appendingPathComponent("template.j2")
        try Data(c.template.utf8).write(to: template)
        let values = folder.appendingPathComponent("values.yaml")
        try Data(c.context.utf8).write(to: values)
        let options = TemplateOptions(trimBlocks: c.trimBlocks, lstripBlocks: c.lstripBlocks)
        let result = Result { () throws(ScaffoldError) in
            try RenderTemplate.run(template: template.path, values: ValueArguments(valuesFiles: [values.path]), options: options)
        }
        switch (result, c.expected) {
        case (.success(let bytes), let expected?):
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
        case (.success(let bytes), nil):
            Issue.record("Jinja2 raised \(c.error ?? "?"), scaffold rendered \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        case (.failure(let error), let expected?):
            Issue.record("scaffold failed (\(error)), Jinja2 rendered \(expected.debugDescription)")
        case (.failure(let error), nil):
            #expect(error.location != nil, "a template error points at its place: \(error)")
        }
    }
}
