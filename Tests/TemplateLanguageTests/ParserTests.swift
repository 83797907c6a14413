import Locations
import Testing
@testable import TemplateLanguage

@Suite struct ParserTests {
    @Test func precedenceFollowsJinja() throws {
        #expect(try render("{{ 1 + 2 * 3 }} {{ 2 ** 3 ** 2 }} {{ -1|abs }} {{ not 1 == 2 }} {{ 'a' ~ 1 * 2 }}") == "7 64 1 True a2")
    }

    @Test func namesTheUnclosedBlock() {
        let error = renderError("a\n{% for x in y %}\n{% endif %}", [("y", .list([]))])
        #expect(error?.message == "expected 'endfor' or 'else' to close 'for' at 2:1, found 'endif'")
        #expect(error?.location == Locations.SourceLocation(file: "test.j2", line: 3, column: 4))
    }

    @Test func reportsEndOfTemplateInsideABlock() {
        let error = renderError("{% if x %}\n{% for a in b %}")
        #expect(error?.message == "unexpected end of template, expected 'endfor' or 'else' to close 'for' at 2:1")
    }

    @Test func unknownFiltersAndTestsFailAtParseTime() {
        let environment = Environment()
        #expect(throws: TemplateError.self) { try environment.parse("{% if false %}{{ x|nope }}{% endif %}", name: "t") }
        do {
            _ = try environment.parse("\n  {{ x is frobbed }}", name: "t")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknown)
            #expect(error.message == "no test named 'frobbed'")
            #expect(error.location == Locations.SourceLocation(file: "t", line: 2, column: 11))
        }
    }

    @Test func unknownTagsAreErrors() {
        #expect(renderError("{% frob %}")?.message == "unknown tag 'frob'")
        #expect(renderError("{% break %}")?.kind == .syntax)
    }

    @Test func expressionErrorsNameWhatWasExpected() {
        #expect(renderError("{{ 1 + }}")?.message == "unexpected end of print statement, expected an expression")
        #expect(renderError("{% set x 1 %}")?.kind == .syntax)
        #expect(renderError("{{ f(a=1, 2) }}")?.message == "positional argument follows keyword argument")
    }

    @Test func deepNestingIsALimitNotACrash() {
        let source = "{{ " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + " }}"
        #expect(renderError(source)?.kind == .limit)
        let lists = "{{ " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + " }}"
        #expect(renderError(lists)?.kind == .limit)
        let nots = "{{ " + String(repeating: "not ", count: 5000) + "1 }}"
        #expect(renderError(nots)?.kind == .limit)
    }

    @Test func compileExpressionParsesBareExpressions() throws {
        let environment = Environment()
        let expression = try environment.compileExpression("features.db and replicas > 1", name: "when")
        let context = ValueDict([("features", .dict([("db", .bool(true))])), ("replicas", .int(2))])
        #expect(try environment.evaluate(expression, context: context) == .bool(true))
        #expect(throws: TemplateError.self) { try environment.compileExpression("a b", name: "when") }
    }

    @Test func evaluatingAStrictUndefinedIsAnError() throws {
        let environment = Environment()
        let expression = try environment.compileExpression("payments_port", name: "when")
        do {
            _ = try environment.evaluate(expression, context: ValueDict())
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "'payments_port' is undefined")
            #expect(error.location == Locations.SourceLocation(file: "when", line: 1, column: 1))
        }
    }
}
