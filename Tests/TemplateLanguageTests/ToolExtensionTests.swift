import Testing
@testable import TemplateLanguage

/// cookiecutter's extensions: the clock and the random values come from the options, so the same
/// options render the same bytes, and nothing reads the machine's clock.
@Suite struct ToolExtensionTests {
    // 2026-12-01T00:00:00Z
    private let options = TemplateOptions(extensions: ToolExtensions(clock: 1_796_083_200, seed: 42))

    @Test func nowReadsTheRecordedClock() throws {
        #expect(try render("{% now 'utc' %}|{% now 'local', '%Y %b %d %H:%M:%S %j %a %z %Z %f %%' %}", options: options)
                == "2026-12-01|2026 Dec 01 00:00:00 335 Tue +0000 UTC 000000 %")
        #expect(try render("{% now 'utc' + 'days=31, hours=5', '%Y-%m-%d %H' %}|{% now 'utc' - 'months=10' %}|{% now 'utc' + 'years=1' %}",
                           options: options) == "2027-01-01 05|2026-02-01|2027-12-01")
        #expect(renderError("{% now 'utc' + 'fortnights=1' %}", options: options)?.kind == .value)
        // Without the extensions `now` is no tag at all, as in plain Jinja2.
        #expect(renderError("{% now 'utc' %}")?.kind == .syntax)
    }

    @Test func strftimeReadsTheGivenSecondsOrTheRecordedClock() throws {
        #expect(try render("{{ '%Y-%m-%d'|strftime }} {{ '%H:%M'|strftime(3600 * 5 + 60) }}", options: options) == "2026-12-01 05:01")
        #expect(renderError("{{ '%Y'|strftime }}")?.kind == .value)  // no recorded clock: not the machine's
    }

    @Test func randomValuesAreSeeded() throws {
        let template = "{{ uuid4() }} {{ uuid4() }} {{ random_ascii_string(16) }} {{ random_ascii_string(8, punctuation=True) }}"
        let first = try render(template, options: options)
        #expect(try render(template, options: options) == first)
        var other = options
        other.extensions?.seed = 43
        #expect(try render(template, options: other) != first)

        let parts = first.split(separator: " ").map(String.init)
        for uuid in parts[0...1] {
            let groups = uuid.split(separator: "-").map(\.count)
            #expect(groups == [8, 4, 4, 4, 12], "\(uuid)")
            #expect(Array(uuid)[14] == "4" && "89ab".contains(Array(uuid)[19]), "\(uuid)")
        }
        #expect(parts[0] != parts[1])
        #expect(parts[2].count == 16 && parts[2].allSatisfy { $0.isASCII && $0.isLetter })
        #expect(parts[3].count == 8)
        #expect(renderError("{{ uuid4() }}") != nil)  // not a global without the extensions
    }
}
