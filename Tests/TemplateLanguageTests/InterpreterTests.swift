import Foundation
import Locations
import Testing
@testable import TemplateLanguage

@Suite struct InterpreterTests {
    @Test func rendersPythonValues() throws {
        let context: [(String, Value)] = [("f", .float(2)), ("big", .float(1e20)), ("l", .strings(["a", "b"])),
                                          ("d", .dict([("k", .string("v"))])), ("n", .none), ("b", .bool(true))]
        #expect(try render("{{ f }} {{ big }} {{ l }} {{ d }} {{ n }} {{ b }}", context) == "2.0 1e+20 ['a', 'b'] {'k': 'v'} None True")
    }

    @Test func pythonArithmetic() throws {
        #expect(try render("{{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** -1 }}") == "-4 2 3.5 0.5")
    }

    @Test func integerOverflowIsAnError() {
        #expect(renderError("{{ 2 ** 64 }}")?.message.contains("overflow") == true)
        #expect(renderError("{{ 9223372036854775807 + 1 }}")?.kind == .value)
        #expect(renderError("{{ -x }}", [("x", .int(.min))])?.kind == .value)
        #expect(renderError("{{ x // -1 }}", [("x", .int(.min))])?.kind == .value)
    }

    @Test func divisionByZeroIsLocated() {
        let error = renderError("a\n  {{ 1 / 0 }}")
        #expect(error?.kind == .value)
        #expect(error?.message == "division by zero")
        #expect(error?.location == Locations.SourceLocation(file: "test.j2", line: 2, column: 8))
    }

    @Test func strictUndefinedNamesTheVariableAndItsLocation() {
        let error = renderError("port: {{ payments_port }}")
        #expect(error?.kind == .undefined)
        #expect(error?.message == "'payments_port' is undefined")
        #expect(error?.location == Locations.SourceLocation(file: "test.j2", line: 1, column: 10))
        #expect(error?.description == "test.j2:1:10: 'payments_port' is undefined\n    port: {{ payments_port }}\n             ^")
    }

    @Test func strictUndefinedAttributePointsAtTheChain() {
        let error = renderError("{% if x %}\n  {{ service.port }}{% endif %}", [("x", .bool(true)), ("service", .dict([]))])
        #expect(error?.message == "'dict object' has no attribute 'port'")
        #expect(error?.location == Locations.SourceLocation(file: "test.j2", line: 2, column: 6))
    }

    @Test func definedAndDefaultWorkOnUndefined() throws {
        #expect(try render("{{ x is defined }} {{ x|default('d') }} {{ y.z is defined }}", [("y", .dict([]))]) == "False d False")
    }

    @Test func lenientUndefinedPrintsEmpty() throws {
        let options = TemplateOptions(undefined: .lenient)
        #expect(try render("[{{ x }}]{% for i in x %}i{% endfor %}{% if x %}t{% endif %}", options: options) == "[]")
        #expect(throws: TemplateError.self) { try render("{{ x + 1 }}", options: options) }
    }

    @Test func loopIterationLimit() {
        let options = TemplateOptions(limits: Limits(maxLoopIterations: 100))
        let error = renderError("{% for i in range(50) %}{% for j in range(50) %}{% endfor %}{% endfor %}", options: options)
        #expect(error?.kind == .limit)
        #expect(error?.location?.column == 25)
    }

    @Test func rangeLengthLimit() {
        let error = renderError("{{ range(10000000000)|length }}")
        #expect(error?.kind == .limit)
        #expect(error?.location?.column == 4)
    }

    @Test func outputSizeLimit() {
        let options = TemplateOptions(limits: Limits(maxOutputBytes: 1000))
        #expect(renderError("{% for i in range(2000) %}x{% endfor %}", options: options)?.kind == .limit)
        #expect(renderError("{{ 'x' * 5000 }}", options: options)?.kind == .limit)
    }

    @Test func macroRecursionIsALimitError() {
        let error = renderError("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}")
        #expect(error?.kind == .limit)
        #expect(error?.message.contains("recursion") == true)
    }

    @Test func includeRecursionIsALimitError() {
        #expect(renderError("{% include 'a' %}", files: ["a": "{% include 'b' %}", "b": "{% include 'a' %}"])?.kind == .limit)
    }

    @Test func recursionLimitHoldsOnASmallThreadStack() {
        // Secondary threads have small stacks; the default limits must stop recursion well before that.
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var kind: TemplateError.Kind?
        let thread = Thread {
            let macro = renderError("{% macro r(n) %}{% if true %}{% for x in [1] %}{{ r(n + 1) }}{% endfor %}{% endif %}{% endmacro %}{{ r(0) }}")
            let parens = renderError("{{ " + String(repeating: "(", count: 3000) + "1" + String(repeating: ")", count: 3000) + " }}")
            kind = macro?.kind == parens?.kind ? macro?.kind : nil
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(kind == .limit)
    }

    @Test func missingIncludeIsLocated() {
        let error = renderError("x\n{% include 'nope.j2' %}")
        #expect(error?.kind == .include)
        #expect(error?.message == "template 'nope.j2' not found")
        #expect(error?.location?.line == 2)
    }

    @Test func errorsInsideIncludesPointIntoTheIncludedTemplate() {
        let error = renderError("{% include 'part.j2' %}", files: ["part.j2": "ok\n{{ missing }}"])
        #expect(error?.location == Locations.SourceLocation(file: "part.j2", line: 2, column: 4))
        #expect(error?.sourceLine == "{{ missing }}")
    }

    @Test func macrosAndImports() throws {
        let files = ["m.j2": "{% macro tag(name, v='1') %}<{{ name }}:{{ v }}>{% endmacro %}"]
        #expect(try render("{% from 'm.j2' import tag %}{{ tag('a') }}{% import 'm.j2' as m %}{{ m.tag('b', v=2) }}", files: files) == "<a:1><b:2>")
    }

    @Test func scopingMatchesJinja() throws {
        #expect(try render("{% set x = 0 %}{% for i in range(3) %}{% set x = x + 1 %}{{ x }}{% endfor %}{{ x }}") == "1110")
        #expect(try render("{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}") == "3")
    }

    @Test func templatesAreParsedOnceAndRenderedConcurrently() async throws {
        let environment = Environment()
        let template = try environment.parse("{% for i in items %}{{ i * factor }},{% endfor %}", name: "t")
        let results = await withTaskGroup(of: String?.self) { group in
            for factor in 0..<8 {
                group.addTask {
                    let context = ValueDict([("items", .list([.int(1), .int(2)])), ("factor", .int(factor))])
                    return try? environment.render(template, context: context)
                }
            }
            var all: [String] = []
            for await r in group { if let r { all.append(r) } }
            return all.sorted()
        }
        #expect(results.count == 8)
        #expect(results.contains("3,6,"))
    }

    @Test func referencedNamesListContextReadsWithPaths() throws {
        let template = try Environment().parse("""
            {% set local = 1 %}{{ local }}{{ defaults.resources.requests.cpu }}
            {% for item in items %}{{ item.name }}{{ loop.index }}{{ prefix }}{% endfor %}
            {% macro m(a) %}{{ a }}{{ caller is defined }}{% endmacro %}{{ cookiecutter.name.lower() }}{{ range(3) }}
            """, name: "t")
        let refs = template.referencedNames
        #expect(refs.map(\.name) == ["defaults", "items", "prefix", "cookiecutter"])
        #expect(refs[0].path == ["resources", "requests", "cpu"])
        #expect(refs[0].location == Locations.SourceLocation(file: "t", line: 1, column: 34))
        #expect(refs[3].path == ["name"])
    }

    /// Malformed input is a located error of the right kind, never a crash; what Jinja2 accepts
    /// (an unclosed `}}`, an empty slice) renders as it does there. Checked against Jinja2 3.1.
    @Test(arguments: [
        ("{{", .syntax, 1), ("{%", .syntax, 1), ("{#", .syntax, 1), ("{{ (", .syntax, 1), ("{% for %}", .syntax, 8),
        ("{% if %}", .syntax, 7), ("{{ a[ }}", .syntax, 7), ("{{ 'a' | }}", .syntax, 10), ("{% macro %}", .syntax, 10),
        ("{{ 1 if }}", .syntax, 9), ("{% set a, = 1 %}", .syntax, 11), ("{{ {1: } }}", .syntax, 8), ("{% call %}", .syntax, 9),
        ("{% from %}", .syntax, 9), ("{{ a.0.1 }}", .undefined, 4), ("{% endmacro %}", .syntax, 4),
    ] as [(String, TemplateError.Kind, Int)])
    func malformedInputIsALocatedError(_ input: String, kind: TemplateError.Kind, column: Int) {
        let error = renderError(input, [("a", .list([]))])
        #expect(error?.kind == kind, "\(input): \(error.map(String.init(describing:)) ?? "rendered")")
        #expect(error?.location == Locations.SourceLocation(file: "test.j2", line: 1, column: column), "\(input)")
    }

    /// Thousands of nested statements (60 KB of `{% if %}`) are a limit error at the first block
    /// too deep, not a stack overflow in the parser, the renderer or lint.
    @Test func deeplyNestedStatementsAreALimitError() {
        for (open, close) in [("{% if true %}", "{% endif %}"), ("{% for x in [1] %}", "{% endfor %}"),
                              ("{% filter upper %}", "{% endfilter %}")] {
            let source = String(repeating: open, count: 5_000) + "x" + String(repeating: close, count: 5_000)
            let error = renderError(source)
            #expect(error?.kind == .limit, "\(open)")
            #expect(error?.message == "statements nested too deeply (limit 200)")
        }
        let fine = String(repeating: "{% if true %}", count: 150) + "x" + String(repeating: "{% endif %}", count: 150)
        #expect(renderError(fine) == nil)
    }

    /// Every string a template builds is bounded like its output, before it is allocated: a
    /// multiplying `replace`, a huge width or a long `join` is a limit error, never an
    /// out-of-memory crash or minutes of work.
    @Test(arguments: [
        "{{ ('x' * 1000) | replace('x', 'y' * 100000) }}",
        "{{ ('x' * 1000).replace('x', 'y' * 100000) }}",
        "{{ 'a'.center(999999999999) }}", "{{ 'a' | center(999999999999) }}", "{{ 'a'.zfill(999999999999) }}",
        "{{ 'a'.ljust(999999999999) }}", "{{ 'a' | indent(999999999999, true) }}",
        "{{ '%999999999999s' % 'a' }}", "{{ '{:>999999999999}'.format('a') }}", "{{ '%99999999999999999999999s' % 'a' }}",
        "{{ [1] | tojson(999999999999) }}",
        "{% set s = namespace(v='x' * 1000000) %}{% for i in range(200) %}{% set s.v = s.v ~ s.v %}{% endfor %}",
        "{% set s = namespace(v='x' * 1000000) %}{% for i in range(200) %}{% set s.v = s.v + s.v %}{% endfor %}",
        "{{ (['x' * 1000000] * 100) | join(',') }}", "{{ ','.join(['x' * 1000000] * 100) }}",
    ])
    func buildingHugeStringsIsALimitError(_ source: String) {
        let error = renderError(source, options: TemplateOptions(limits: Limits(maxOutputBytes: 10 << 20)))
        #expect(error?.kind == .limit, "\(source): \(error.map(String.init(describing:)) ?? "rendered")")
    }

    /// Left-deep chains nest the tree as parentheses do and count against the same limit: found by
    /// the fuzzer as a stack overflow in the interpreter on `x()-1-1-…`.
    @Test(arguments: ["{{ x()" + String(repeating: "-1", count: 2_000) + " }}",
                      "{{ 1" + String(repeating: " * 1", count: 2_000) + " }}",
                      "{{ x" + String(repeating: " | first", count: 2_000) + " }}",
                      "{{ x" + String(repeating: ".a", count: 2_000) + " }}",
                      "{{ 1" + String(repeating: " and 1", count: 2_000) + " }}",
                      "{{ 2" + String(repeating: " ** 1", count: 2_000) + " }}",
                      "{{ " + (0..<50).reduce("1") { inner, _ in "(" + inner + String(repeating: "+1", count: 50) + ")" } + " }}"])
    func longChainsAreALimitError(_ source: String) {
        let error = renderError(source, [("x", .list([.int(1)]))])
        #expect(error?.kind == .limit, "\(source.prefix(20)): \(error.map(String.init(describing:))?.prefix(200) ?? "rendered")")
    }

    @Test func chainsWithinTheLimitRender() throws {
        #expect(try render("{{ 1" + String(repeating: "+1", count: 100) + " }}") == "101")
    }

    /// Total work is bounded, not only depth: a macro calling itself twice per level stays within
    /// the recursion limit but would never finish.
    @Test func exponentialMacroCallsAreALimitError() {
        let source = "{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}"
        let error = renderError(source, options: TemplateOptions(limits: Limits(maxCalls: 10_000)))
        #expect(error?.kind == .limit)
        #expect(error?.message == "too many macro calls and includes (limit 10000)")
        #expect(renderError("{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(10) }}") == nil)
    }

    @Test func stringsWithinTheLimitStillRender() throws {
        #expect(try render("{{ 'ab' | replace('b', 'cd') }}|{{ 'a'.center(5, '*') }}|{{ '%5s' % 'a' }}|{{ [1, 2] | join('-') }}")
            == "acd|**a**|    a|1-2")
    }

    @Test func strayClosersAndEmptySlicesRenderAsInJinja() throws {
        #expect(try render("}}") == "}}")
        #expect(try render("%}") == "%}")
        #expect(try render("{{ a[::] }}", [("a", .list([]))]) == "[]")
    }
}
