import Testing
@testable import GoldenPath
import TemplateLanguage
import YAMLKit

@Suite struct AnswersFileTests {
    @Test func writesTheContractShape() throws {
        let m = try loadExample()
        let v = try resolve(m, ValueInputs(sets: ["name=payments"]))
        let file = AnswersFile(manifest: m, source: "golden-paths", created: "2026-11-28", values: v)
        #expect(try file.serialized() == """
            golden_path: go-microservice
            version: '1.1.0'
            source: golden-paths
            created: '2026-11-28'
            answers:
              name: payments
            defaults:
              owner: platform
              port: 8080
              module_path: example.com/platform/payments
              database: none

            """)
    }

    @Test func roundTripsTrickyValuesAndExtraKeys() throws {
        var answers = AnswerEntries()
        let tricky = ["yes", "no", "on", "off", "012", "1e3", ":", "~", "null", "", " x", "multi\nline\n", "tab\there", "crlf\r\n", "ü ✓", "0x1F", "1_000", "- x", "#c"]
        for (i, s) in tricky.enumerated() { answers["k\(i)"] = .string(s) }
        answers["port"] = YAMLNode(value: .int(8080))
        answers["ratio"] = YAMLNode(value: .float(0.5))
        answers["flag"] = YAMLNode(value: .bool(true))
        answers["tags"] = YAMLNode(value: .list([.string("a"), .string("yes")]))
        let original = AnswersFile(goldenPath: "go-microservice", version: SemanticVersion("2.0.0-rc.1")!, source: "golden-paths",
                                   created: "2026-11-28", answers: answers, defaults: AnswerEntries(),
                                   extra: [YAMLPair(key: .string("notes"), value: .mapping([("owner", .string("me")), ("on", .plain("true"))]))])
        let text = try original.serialized()
        let back = try AnswersFile.parse(text, file: ".scaffold.yaml")
        #expect(back.version == original.version)
        #expect(back.created == "2026-11-28")
        for (i, s) in tricky.enumerated() {
            #expect(back.answers["k\(i)"]?.scalar?.resolved == .string(s), "\(s.debugDescription) in \(text)")
        }
        #expect(back.answers["port"].map(Value.init(yaml:))?.debugText == "8080")
        #expect(back.answers["ratio"].map(Value.init(yaml:))?.debugText == "0.5")
        #expect(back.answers["flag"].map(Value.init(yaml:))?.debugText == "true")
        #expect(back.answers["tags"].map(Value.init(yaml:))?.debugText == "['a', 'yes']")
        #expect(back.extra.count == 1)
        #expect(try back.serialized() == text)
    }

    @Test func preservesKeysADeveloperAdded() throws {
        let text = "# comment\ngolden_path: go-microservice\nversion: 1.0.0\nsource: golden-paths\ncreated: 2026-01-02\nanswers:\n  name: svc\nticket: OPS-12\nowners: [a, b]\n"
        let file = try AnswersFile.parse(text, file: ".scaffold.yaml")
        #expect(file.answers["name"] == YAMLNode.string("svc").withStyle(.plain, mark: Mark(line: 7, column: 9)))
        let written = try file.serialized()
        #expect(written.hasSuffix("defaults: {}\nticket: OPS-12\nowners:\n- a\n- b\n"))
    }

    @Test func recordedAnswersFeedAnUpgrade() throws {
        let m = try loadExample()
        let recorded = try AnswersFile.parse("golden_path: go-microservice\nversion: 1.0.0\nsource: c\ncreated: 2026-01-02\nanswers:\n  name: svc\n  team: core\n  legacy_flag: true\n", file: ".scaffold.yaml")
        let migrated = Migration.migrate(recorded, with: m.spec.migrations, to: m.metadata.version)
        let v = try resolve(m, ValueInputs(answersFile: (migrated, ".scaffold.yaml")))
        #expect(v.answerDict["owner"]?.stringValue == "core")
        #expect(v.answers.first { $0.name == "owner" }?.source == .answersFile(path: ".scaffold.yaml"))
        #expect(v.answerDict["database"]?.stringValue == "none")
    }

    @Test func unknownRecordedAnswerIsAnErrorNamingTheFile() throws {
        let recorded = try AnswersFile.parse("golden_path: go-microservice\nversion: 1.1.0\nsource: c\ncreated: 2026-01-02\nanswers:\n  name: svc\n  colour: red\n", file: "svc/.scaffold.yaml")
        #expect { try resolve(try loadExample(), ValueInputs(answersFile: (recorded, "svc/.scaffold.yaml"))) } throws: { e in
            (e as? GoldenPathError)?.description.hasPrefix("svc/.scaffold.yaml:7:3: colour: unknown parameter or platform default 'colour'") == true
        }
    }
}

extension YAMLNode {
    func withStyle(_ style: ScalarStyle, mark: Mark) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(scalar?.value ?? "", style: style)), mark: mark)
    }
}
