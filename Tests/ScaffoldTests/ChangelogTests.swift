import Testing
@testable import Scaffold

@Suite struct ChangelogTests {
    @Test func sectionsAreSplitAtVersionHeadings() {
        let sections = Changelog.sections(of: "# title\nintro\n## v2.0.0\n\nB\n## [1.1.0] - 2026-01-01\nA\n## Unreleased\nU\n")
        #expect(sections.map(\.version.description) == ["2.0.0", "1.1.0"])
        #expect(sections.map(\.body) == ["B", "A"])
    }
}
