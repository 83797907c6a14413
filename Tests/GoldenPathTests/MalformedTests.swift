import Testing
import TemplateLanguage
@testable import GoldenPath

@Suite struct MalformedTests {
    @Test func corpusIsLargeEnough() {
        #expect(malformedCorpus.count >= 40)
        #expect(Set(malformedCorpus.map(\.name)).count == malformedCorpus.count)
    }

    /// A template error in a tab-indented file (Makefiles, Go) keeps its caret under the column
    /// whatever the tab width: the excerpt copies the line's tabs, as the engine's own does.
    @Test func templateErrorCaretFollowsTabs() throws {
        let error = #expect(throws: TemplateError.self) {
            _ = try Environment().parse("build:\n\t\tgo {{ flags | nosuchfilter }}\n", name: "Makefile")
        }
        let located = GoldenPathError(templateError: try #require(error))
        #expect(located.description.hasPrefix("Makefile:2:17: no filter named 'nosuchfilter'"))
        #expect(located.description.hasSuffix("\n    \t\tgo {{ flags | nosuchfilter }}\n    \t\t" + String(repeating: " ", count: 14) + "^"))
        #expect(located.description.hasSuffix(try #require(error).description.split(separator: "\n", maxSplits: 1)[1]))
    }

    @Test(arguments: malformedCorpus)
    func producesLocatedError(_ c: MalformedCase) {
        do {
            try run(c)
            Issue.record("\(c.name): no error")
        } catch {
            #expect(error.description.contains(c.expected), "\(c.name): got \(error.description)")
        }
    }

    private func run(_ c: MalformedCase) throws(GoldenPathError) {
        switch c.kind {
        case .manifest:
            _ = try Manifest.load(c.text, file: "gp.yaml", folderName: "svc", folderVersion: "1.0.0")
        case .values:
            let manifest = try Manifest.load(corpusManifest, file: "gp.yaml", folderName: "svc", folderVersion: "1.0.0")
            _ = try resolve(manifest, ValueInputs(valuesFiles: [try ValuesFile.load(c.text, path: "values.yaml")]))
        case .set:
            let manifest = try Manifest.load(corpusManifest, file: "gp.yaml", folderName: "svc", folderVersion: "1.0.0")
            _ = try resolve(manifest, ValueInputs(sets: ["name=svc", c.text]))
        case .platform:
            let manifest = try Manifest.load(corpusManifest, file: "gp.yaml", folderName: "svc", folderVersion: "1.0.0")
            _ = try resolve(manifest, ValueInputs(platform: try PlatformFile.load(c.text, path: "platform.yaml"), sets: ["name=svc"]))
        case .answers:
            let manifest = try Manifest.load(corpusManifest, file: "gp.yaml", folderName: "svc", folderVersion: "1.0.0")
            let answers = try AnswersFile.parse(c.text, file: ".scaffold.yaml")
            _ = try resolve(manifest, ValueInputs(answersFile: (answers, ".scaffold.yaml")))
        }
    }
}
