import TestSupport
import Testing
@testable import YAMLKit

@Suite struct EmitTests {
    static let tricky = [
        "yes", "no", "on", "off", "y", "n", "Y", "N", "~", "null", "NULL", "true", "False",
        "012", "1e3", "0x1F", "0o7", "1_000", "1:30", "1.2.3", ".inf", "-.nan", "+1", "3.14",
        "2026-11-28", ":", "a: b", "a #b", "#x", "- x", "-", "?", "? x", "[x]", "{x}", "*a", "&a", "!t", "|", ">", "%x", "@x", "`x",
        "'", "\"", " lead", "trail ", "", " ", "<<", "=",
        "line1\nline2", "ends with newline\n", "\n", "\n\nlead breaks", "trailing spaces  \nx",
        "tab\there", "cr\r\nlf", "\r", "nul\u{0}", "bell\u{7}", "del\u{7F}", "nel\u{85}x", "ls\u{2028}x", "bom\u{FEFF}",
        "unicode ✓ 日本語 🎉", "é", "  \n  ", "a\n b", "x:", "x: ", ",", "a,b", "-1", "- ", "--- x", "...", "---",
    ]

    @Test(arguments: tricky)
    func stringRoundTrip(_ s: String) throws {
        try expectRoundTrip(s)
    }

    @Test func typedPlainScalarsStayTyped() throws {
        let node = YAMLNode.mapping([("port", .plain("8080")), ("on", .plain("true")), ("s", .string("8080"))])
        let text = try YAML.emit(node)
        #expect(text == "port: 8080\n'on': true\ns: '8080'\n")
        let back = try YAML.parseDocument(text, file: "t")
        #expect(back["port"]?.scalar?.resolved == .int(8080))
        #expect(back["s"]?.scalar?.resolved == .string("8080"))
    }

    @Test func blockStyleKeysInOrder() throws {
        let node = YAMLNode.mapping([
            ("z", .string("last?")), ("a", .mapping([("b", .sequence([.string("x"), .string("w")]))])),
            ("empty", .sequence([])), ("none", .mapping([])), ("text", .string("one\ntwo\n")),
        ])
        let text = try YAML.emit(node)
        #expect(text == "z: last?\na:\n  b:\n  - x\n  - w\nempty: []\nnone: {}\ntext: |\n  one\n  two\n")
    }

    @Test func longLinesAreNotFolded() throws {
        let long = String(repeating: "word ", count: 60) + "end"
        let text = try YAML.emit(.mapping([("k", .string(long))]))
        #expect(text.split(separator: "\n").count == 1)
        try expectRoundTrip(long)
    }

    @Test func randomStringsRoundTrip() throws {
        var rng = SeededRandom(seed: 0x5CAFF01D)
        let alphabet: [Character] = Array("ab yz019.:-#?&*!|>'\"%@`,[]{}~_+eEx\n\t\r\u{0}\u{1B}\u{85}\u{A0}\u{2028}é✓🎉 ")
        for _ in 0..<3000 {
            let length = Int(rng.next() % 12)
            var s = ""
            for _ in 0..<length { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            try expectRoundTrip(s)
        }
    }

    private func expectRoundTrip(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // As a value, as a key and as a list item.
        let node = YAMLNode.mapping([(s, .string(s)), ("list", .sequence([.string(s)]))])
        let text = try YAML.emit(node)
        let back = try YAML.parseDocument(text, file: "emitted")
        let pairs = back.mapping ?? []
        #expect(pairs.first?.key.scalar?.resolved == .string(s), "key \(s.debugDescription) in \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(pairs.first?.value.scalar?.resolved == .string(s), "value \(s.debugDescription) in \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(back["list"]?.sequence?.first?.scalar?.resolved == .string(s), "item \(s.debugDescription)", sourceLocation: sourceLocation)
    }
}
