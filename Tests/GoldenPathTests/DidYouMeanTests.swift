import Testing
@testable import GoldenPath

@Suite struct DidYouMeanTests {
    @Test(arguments: [
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("abc", "abc", 0),
        ("dryrun", "dry-run", 1),
        ("lsit", "list", 1),  // an adjacent swap is one edit, not two
        ("titel", "title", 1),
        ("ca", "abc", 3),
    ])
    func editDistance(_ a: String, _ b: String, _ expected: Int) {
        #expect(DidYouMean.editDistance(Array(a), Array(b)) == expected)
        #expect(DidYouMean.editDistance(Array(b), Array(a)) == expected)
    }

    @Test func suggestsWithinASmallDistance() {
        #expect(DidYouMean.suggestion(for: "requird", among: ["required", "default"]) == "required")
        #expect(DidYouMean.suggestion(for: "zzzzzz", among: ["required", "default"]) == nil)
        #expect(DidYouMean.unknownMessage("key", "zzz", among: ["b", "a"]) == "unknown key 'zzz'; expected one of 'a', 'b'")
    }
}
