import Testing
@testable import GoldenPath

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.png", "logo.png", true),
        ("*.png", "assets/img/logo.png", true),          // no slash: any folder
        ("*.png", "logo.png.txt", false),
        ("scripts/*.sh", "scripts/run.sh", true),
        ("scripts/*.sh", "scripts/sub/run.sh", false),   // * stays in one segment
        ("scripts/**/*.sh", "scripts/run.sh", true),     // ** may be empty
        ("scripts/**/*.sh", "scripts/a/b/run.sh", true),
        ("**/testdata/**", "internal/x/testdata/a.json", true),
        ("**", "anything/at/all", true),
        ("cmd/?/main.go", "cmd/a/main.go", true),
        ("cmd/?/main.go", "cmd/ab/main.go", false),
        ("[abc].txt", "b.txt", true),
        ("[!abc].txt", "b.txt", false),
        ("[a-c]x", "cx", true),
        ("[a-c]x", "dx", false),
        ("[unterminated", "[unterminated", true),
        ("./docs/*.md", "docs/a.md", true),
        ("/docs/*.md", "docs/a.md", true),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) ~ \(path)")
    }
}
