import Testing
@testable import ScaffoldCLI

@Suite struct SuggestionTests {
    @Test func suggestsTheClosestOption() {
        let options = ["--to", "--set", "--dry-run", "--in-place", "--json"]
        #expect(Suggestion.closest(to: "--dryrun", among: options) == "--dry-run")
        #expect(Suggestion.closest(to: "--jsno", among: options) == "--json")
        #expect(Suggestion.closest(to: "-dry-run", among: options) == "--dry-run")
        #expect(Suggestion.closest(to: "--DRY-RUN", among: options) == "--dry-run")
    }

    @Test func suggestsAnUnambiguousAbbreviation() {
        #expect(Suggestion.closest(to: "--in", among: ["--in-place", "--json"]) == "--in-place")
        #expect(Suggestion.closest(to: "--re", among: ["--repos", "--report"]) == nil)
    }

    @Test func suggestsNothingForUnrelatedInput() {
        #expect(Suggestion.closest(to: "tcsh", among: ["bash", "zsh", "fish"]) == nil)
        #expect(Suggestion.closest(to: "frobnicate", among: ["new", "list", "upgrade"]) == nil)
        #expect(Suggestion.closest(to: "--", among: ["--json"]) == nil)
    }

    @Test func prefersTheFirstOfEquallyCloseCandidates() {
        #expect(Suggestion.closest(to: "lest", among: ["test", "list"]) == "test")
        #expect(Suggestion.closest(to: "lest", among: ["list", "test"]) == "list")
    }
}
