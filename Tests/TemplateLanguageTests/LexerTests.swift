import Locations
import Testing
@testable import TemplateLanguage

/// A token as these tests compare it: template text by its content (the lexer stores the
/// text's byte range in the source), every other token by its kind.
private enum Lexed: Equatable {
    case data(String)
    case kind(TokenKind)

    static let variableBegin = Lexed.kind(.variableBegin), variableEnd = Lexed.kind(.variableEnd)
    static let blockBegin = Lexed.kind(.blockBegin), blockEnd = Lexed.kind(.blockEnd), eof = Lexed.kind(.eof)
    static func name(_ n: String) -> Lexed { .kind(.name(n)) }
    static func string(_ s: String) -> Lexed { .kind(.string(s)) }
    static func integer(_ i: Int) -> Lexed { .kind(.integer(i)) }
    static func float(_ d: Double) -> Lexed { .kind(.float(d)) }
    static func op(_ o: Operator) -> Lexed { .kind(.op(o)) }
}

@Suite struct LexerTests {
    private func kinds(_ source: String, options: TemplateOptions = TemplateOptions()) throws -> [Lexed] {
        let text = SourceText(name: "t", source: source)
        return try Lexer.tokenize(text, options: options).map { token in
            if case .data(let range) = token.kind { return .data(String(decoding: text.bytes[range], as: UTF8.self)) }
            return .kind(token.kind)
        }
    }

    @Test func tokenizesTextVariablesAndBlocks() throws {
        #expect(try kinds("a{{ x.y }}{% if 1 %}b") == [
            .data("a"), .variableBegin, .name("x"), .op(.dot), .name("y"), .variableEnd,
            .blockBegin, .name("if"), .integer(1), .blockEnd, .data("b"), .eof,
        ])
    }

    @Test func lexesNumbersStringsAndOperators() throws {
        #expect(try kinds("{{ 1_000 0x1F 1.5e3 'a\\n' // ** != }}") == [
            .variableBegin, .integer(1000), .integer(31), .float(1500), .string("a\n"),
            .op(.floorDiv), .op(.pow), .op(.ne), .variableEnd, .eof,
        ])
    }

    @Test func dashStripsWhitespaceAroundTags() throws {
        #expect(try kinds("a  \n {{- 1 -}} \n b") == [.data("a"), .variableBegin, .integer(1), .variableEnd, .data("b"), .eof])
    }

    @Test func trimBlocksAndLstripBlocks() throws {
        let options = TemplateOptions(trimBlocks: true, lstripBlocks: true)
        #expect(try kinds("  {% if 1 %}\nx", options: options) == [.blockBegin, .name("if"), .integer(1), .blockEnd, .data("x"), .eof])
    }

    @Test func rawBlocksAreData() throws {
        #expect(try kinds("{% raw %}${{ github.sha }}{% endraw %}") == [.data("${{ github.sha }}"), .eof])
    }

    @Test func commentsDisappear() throws {
        #expect(try kinds("a{# {{ x }} #}b") == [.data("a"), .data("b"), .eof])
    }

    @Test func bracesInsideExpressionsDoNotEndTheTag() throws {
        #expect(try kinds("{{ {'a': {}} }}").count == 9)
    }

    @Test func normalizesNewlines() throws {
        #expect(try kinds("a\r\nb\rc") == [.data("a\nb\nc"), .eof])
    }

    @Test func unterminatedStringIsLocated() {
        let error = renderError("line\n{{ 'abc }}")
        #expect(error?.kind == .syntax)
        #expect(error?.location == Locations.SourceLocation(file: "test.j2", line: 2, column: 4))
        #expect(error?.message == "unterminated string literal")
    }

    @Test func unclosedCommentAndRawAreErrors() {
        #expect(renderError("{# x")?.location?.column == 1)
        #expect(renderError("ab{% raw %}x")?.location == Locations.SourceLocation(file: "test.j2", line: 1, column: 3))
    }

    @Test func unexpectedCharacterIsLocated() {
        let error = renderError("{{ a $ b }}")
        #expect(error?.message == "unexpected character '$'")
        #expect(error?.location?.column == 6)
    }

    @Test func oversizedIntegerLiteralIsALimitError() {
        #expect(renderError("{{ 99999999999999999999999 }}")?.kind == .limit)
    }
}
