import Testing
@testable import YAMLKit

@Suite struct ParseTests {
    @Test func marksAreOneBased() throws {
        let doc = try YAML.parseDocument("a: 1\nb:\n  - x\n  - y\n", file: "t.yaml")
        let pairs = try #require(doc.mapping)
        #expect(pairs.map { $0.key.scalar?.value } == ["a", "b"])
        #expect(pairs[0].key.mark == Mark(line: 1, column: 1))
        #expect(pairs[0].value.mark == Mark(line: 1, column: 4))
        let items = try #require(pairs[1].value.sequence)
        #expect(items[1].mark == Mark(line: 4, column: 5))
    }

    @Test func scalarStylesAndTags() throws {
        let doc = try YAML.parseDocument("a: 'x'\nb: \"y\"\nc: |\n  lit\nd: >\n  fold\ne: !!str 12\n", file: "t")
        #expect(doc["a"]?.scalar?.style == .singleQuoted)
        #expect(doc["b"]?.scalar?.style == .doubleQuoted)
        #expect(doc["c"]?.scalar == YAMLScalar("lit\n", style: .literal))
        #expect(doc["d"]?.scalar?.style == .folded)
        #expect(doc["e"]?.scalar?.resolved == .string("12"))
    }

    @Test func multipleDocuments() throws {
        let docs = try YAML.parse("a: 1\n---\nb: 2\n", file: "t")
        #expect(docs.count == 2)
        #expect(throws: YAMLError.self) { try YAML.parseDocument("a: 1\n---\nb: 2\n", file: "t") }
    }

    @Test func emptyDocumentIsNull() throws {
        #expect(try YAML.parseDocument("", file: "t").scalar?.resolved == .null)
    }

    @Test func anchorsAndAliases() throws {
        let doc = try YAML.parseDocument("base: &b {x: 1}\nuse: *b\n", file: "t")
        #expect(doc["use"] == doc["base"])
    }

    @Test func mergeKeysExplicitWins() throws {
        let doc = try YAML.parseDocument("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n", file: "t")
        let use = try #require(doc["use"])
        #expect(use["x"]?.scalar?.resolved == .int(1))
        #expect(use["y"]?.scalar?.resolved == .int(3))
        #expect(use.mapping?.count == 2)
    }

    @Test func mergeOfScalarIsAnError() {
        #expect(throws: YAMLError.self) { try YAML.parseDocument("a:\n  <<: 1\n", file: "t") }
    }

    @Test func aliasBombIsStopped() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect { try YAML.parseDocument(text, file: "bomb.yaml") } throws: { error in
            (error as? YAMLError)?.message.contains("expands to more than") == true
        }
    }

    @Test func duplicateKeyNamesBothPlaces() {
        #expect { try YAML.parseDocument("a: 1\nb: 2\na: 3\n", file: "d.yaml") } throws: { error in
            let e = error as? YAMLError
            return e?.location.line == 3 && e?.location.column == 1 && e?.message == "duplicate key 'a' (first defined at 1:1)"
        }
    }

    @Test func unknownAlias() {
        #expect(throws: YAMLError.self) { try YAML.parseDocument("a: *nope\n", file: "t") }
    }

    @Test func syntaxErrorHasReadableMessageAndPosition() {
        #expect { try YAML.parseDocument("a: b: c\n", file: "bad.yaml") } throws: { error in
            let e = error as? YAMLError
            return e?.description == "bad.yaml:1:5: mapping values are not allowed here"
        }
    }

    @Test func unclosedQuoteReportsContext() {
        #expect { try YAML.parseDocument("a: \"open\nb: 1\n", file: "q.yaml") } throws: { error in
            let e = error as? YAMLError
            return e?.location.file == "q.yaml" && e?.location.line == 3 && e?.message.contains("while scanning a quoted scalar starting at 1:4") == true
        }
    }

    @Test func tabIndentation() {
        #expect { try YAML.parseDocument("a:\n\tb: 1\n", file: "tab.yaml") } throws: { error in
            let e = error as? YAMLError
            return e?.location.line == 2 && e?.message.contains("tabs") == true
        }
    }

    /// A few kilobytes of `[[[…]]]` or nested mappings are an error at the first level too deep,
    /// not a stack overflow in the decoder or in the code that reads the tree.
    @Test func deepNestingIsAnErrorNotACrash() {
        for text in [String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000),
                     String(repeating: "{a: ", count: 20_000) + "1" + String(repeating: "}", count: 20_000)] {
            #expect { try YAML.parseDocument(text, file: "deep.yaml") } throws: { error in
                let e = error as? YAMLError
                return e?.location.file == "deep.yaml" && e?.location.line == 1
                    && e?.message == "nested too deeply (more than \(YAML.maxDepth) levels)"
            }
        }
        let fine = String(repeating: "[", count: YAML.maxDepth) + String(repeating: "]", count: YAML.maxDepth)
        #expect((try? YAML.parseDocument(fine, file: "ok.yaml")) != nil)
    }

    @Test func complexKeysRejected() {
        #expect(throws: YAMLError.self) { try YAML.parseDocument("? [a, b]\n: 1\n", file: "t") }
    }
}

@Suite struct JSONSurrogateTests {
    @Test func surrogatePairsInJSONFilesReadAsTheirCharacter() throws {
        let node = try YAML.parseDocument(#"{"a": "\ud83d\udc4d ok", "b": "\\ud83d\\udc4d"}"#, file: "values.json")
        #expect(node["a"]?.scalar?.value == "\u{1F44D} ok")
        // Escaped backslashes stay text.
        #expect(node["b"]?.scalar?.value == #"\ud83d\udc4d"#)
    }

    @Test func yamlFilesAreNotRewritten() throws {
        let node = try YAML.parseDocument(#"a: '\ud83d\udc4d'"#, file: "values.yaml")
        #expect(node["a"]?.scalar?.value == #"\ud83d\udc4d"#)
    }
}
