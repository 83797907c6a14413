import Testing
@testable import TemplateLanguage

@Suite struct ValueTests {
    @Test func floatsPrintLikePython() {
        let cases: [(Double, String)] = [(2, "2.0"), (1e20, "1e+20"), (1e16, "1e+16"), (1e15, "1000000000000000.0"),
                                         (0.0001, "0.0001"), (0.00001, "1e-05"), (0.1 + 0.2, "0.30000000000000004"),
                                         (-0.0, "-0.0"), (1.5e-10, "1.5e-10"), (.infinity, "inf"), (123456.789, "123456.789")]
        for (value, text) in cases { #expect(Value.float(value).pythonString == text) }
    }

    @Test func stringsReprLikePython() {
        #expect(Value.string("it's").pythonRepr == "\"it's\"")
        #expect(Value.string("a'\"b").pythonRepr == "'a\\'\"b'")
        #expect(Value.string("a\nb\\").pythonRepr == "'a\\nb\\\\'")
        #expect(Value.tuple([.int(1)]).pythonString == "(1,)")
    }

    @Test func equalityFollowsPython() {
        #expect(Value.int(1) == .float(1))
        #expect(Value.bool(true) == .int(1))
        #expect(Value.list([.int(1)]) != .tuple([.int(1)]))
        #expect(Value.dict([("a", .int(1)), ("b", .int(2))]) == Value.dict([("b", .int(2)), ("a", .int(1))]))
    }

    @Test func dictKeysHashLikePython() {
        var d = ValueDict()
        d[.int(1)] = .string("a")
        #expect(d[.float(1)] == .string("a"))
        #expect(d[.bool(true)] == .string("a"))
        d[.float(1)] = nil
        #expect(d.isEmpty)
    }

    @Test func pythonStringsCountCodePoints() throws {
        #expect(try render("{{ s|length }} {{ s[1] }} {{ s|center(7) }}", [("s", .string("e\u{301}x"))]) == "3 \u{301}   e\u{301}x  ")
    }
}
