import Testing
@testable import YAMLKit

/// JSON files (package.json, tsconfig.json, renovate.json, dashboards) merged by key like YAML:
/// ours' text kept, theirs' changes applied, commas right, and the result JSON.
@Suite struct StructuralMergeJSONTests {
    private func merged(_ base: String, _ ours: String, _ theirs: String) -> StructuralMerge.Outcome {
        StructuralMerge.merge(base: base, ours: ours, theirs: theirs, file: "package.json", json: true)
    }

    private let base = """
        {
          "name": "payments",
          "version": "1.0.0",
          "scripts": {
            "start": "node server.js",
            "test": "node --test"
          },
          "dependencies": {
            "express": "^4.19.0"
          }
        }

        """

    @Test func bothSidesAddMembersAtTheEndOfObjects() {
        // The team adds a dependency; the template bumps the version and adds a script, both last.
        let ours = base.replacingOccurrences(of: "\"express\": \"^4.19.0\"\n", with: "\"express\": \"^4.19.0\",\n    \"pg\": \"^8.11.0\"\n")
        let theirs = base.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.1.0\"")
            .replacingOccurrences(of: "\"test\": \"node --test\"\n", with: "\"test\": \"node --test\",\n    \"lint\": \"eslint .\"\n")
        let expected = ours.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.1.0\"")
            .replacingOccurrences(of: "\"test\": \"node --test\"\n", with: "\"test\": \"node --test\",\n    \"lint\": \"eslint .\"\n")
        #expect(merged(base, ours, theirs) == .merged(expected))
        #expect(merged(base, theirs, ours) == .merged(expected))
    }

    @Test func aMemberRemovedLastLeavesNoTrailingComma() {
        // The template drops the last script while the team changed the first.
        let ours = base.replacingOccurrences(of: "node server.js", with: "node --enable-source-maps server.js")
        let theirs = base.replacingOccurrences(of: "\"start\": \"node server.js\",\n    \"test\": \"node --test\"\n",
                                               with: "\"start\": \"node server.js\"\n")
        let expected = ours.replacingOccurrences(of: "server.js\",\n    \"test\": \"node --test\"\n", with: "server.js\"\n")
        #expect(merged(base, ours, theirs) == .merged(expected))
        #expect(merged(base, theirs, ours) == .merged(expected))
    }

    @Test func withoutTrailingNewlineAndWithCRLF() {
        let bare = String(base.dropLast())
        let ours = bare.replacingOccurrences(of: "\"express\": \"^4.19.0\"\n", with: "\"express\": \"^4.19.0\",\n    \"pg\": \"^8.11.0\"\n")
        let theirs = bare.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.1.0\"")
        #expect(merged(bare, ours, theirs) == .merged(ours.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.1.0\"")))

        let crlf = { (text: String) in text.replacingOccurrences(of: "\n", with: "\r\n") }
        let added = base.replacingOccurrences(of: "\"test\": \"node --test\"\n", with: "\"test\": \"node --test\",\n    \"lint\": \"eslint .\"\n")
        // The team's editor made the file CRLF; theirs is LF. Inserted lines take ours' endings.
        guard case .merged(let text) = merged(base, crlf(base.replacingOccurrences(of: "payments", with: "payments-api")), added) else {
            Issue.record("not merged")
            return
        }
        #expect(text == crlf(added.replacingOccurrences(of: "payments", with: "payments-api")))
    }

    @Test func identityKeyedArraysAndOneLineArrays() {
        let base = """
            {
              "panels": [
                {"name": "latency", "unit": "ms"},
                {"name": "errors", "unit": "percent"}
              ],
              "tags": ["payments", "http"]
            }

            """
        let ours = base.replacingOccurrences(of: "\"tags\": [\"payments\", \"http\"]", with: "\"tags\": [\"payments\", \"http\", \"tier-1\"]")
        let theirs = base.replacingOccurrences(of: "{\"name\": \"errors\", \"unit\": \"percent\"}\n",
                                               with: "{\"name\": \"errors\", \"unit\": \"percent\"},\n    {\"name\": \"saturation\", \"unit\": \"percent\"}\n")
            .replacingOccurrences(of: "\"unit\": \"ms\"", with: "\"unit\": \"s\"")
        let expected = ours.replacingOccurrences(of: "{\"name\": \"errors\", \"unit\": \"percent\"}\n",
                                                 with: "{\"name\": \"errors\", \"unit\": \"percent\"},\n    {\"name\": \"saturation\", \"unit\": \"percent\"}\n")
            .replacingOccurrences(of: "\"unit\": \"ms\"", with: "\"unit\": \"s\"")
        #expect(merged(base, ours, theirs) == .merged(expected))
    }

    @Test func trueConflictsKeepTheLineMerge() {
        let ours = base.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.0.1\"")
        let theirs = base.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.1.0\"")
        #expect(merged(base, ours, theirs) == .conflicts(["version"]))
        // Deleting what the other side changed is a conflict too, named by its path.
        let deleted = base.replacingOccurrences(of: "  \"version\": \"1.0.0\",\n", with: "")
        #expect(merged(base, deleted, theirs) == .conflicts(["version"]))
    }

    @Test func commaRepairAndValidity() {
        #expect(JSONText.repairingCommas(Array("{\"a\": 1\n \"b\": [1\n 2,\n]\n}".utf8)) == Array("{\"a\": 1,\n \"b\": [1,\n 2\n]\n}".utf8))
        #expect(JSONText.repairingCommas(Array("[\"x,\\\"]\" \"y\"]".utf8)) == Array("[\"x,\\\"]\", \"y\"]".utf8))
        for valid in ["{}", "[]", " {\"a\": [1, -2.5e3, true, null, \"\\u00e9\"]} ", "0"] { #expect(JSONText.isValid(Array(valid.utf8)), "\(valid)") }
        for invalid in ["{\"a\": 1,}", "[1,]", "{a: 1}", "# c\n{}", "[01]", "\"\\x\"", "{} {}", "'a'"] {
            #expect(!JSONText.isValid(Array(invalid.utf8)), "\(invalid)")
        }
    }
}
