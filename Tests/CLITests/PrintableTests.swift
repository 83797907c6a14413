import Scaffold
import Testing
@testable import ScaffoldCLI

@Suite struct PrintableTests {
    @Test func controlCharactersFromServiceDataAreShownAsEscapes() {
        #expect(Printable.escaping("pay\u{1B}[2Jments") == "pay\\x1b[2Jments")
        #expect(Printable.escaping("x\u{1B}]8;;https://evil\u{07}link") == "x\\x1b]8;;https://evil\\x07link")
        #expect(Printable.escaping("\r forged row") == "\\x0d forged row")
        #expect(Printable.escaping("a\u{202E}txt.exe") == "a\\u{202e}txt.exe")
        #expect(Printable.escaping("\u{9B}31m") == "\\x9b31m")
        #expect(Printable.escaping("two\nlines\tand a tab, ünïcode") == "two\nlines\tand a tab, ünïcode")
    }

    @Test func diagnosticsEscapeWhatTheyQuote() {
        let line = Diagnostic(file: "svc/.scaffold.yaml", line: 1, column: 14,
                              message: "unknown golden path 'go\u{1B}[2J'").rendered(style: .plain)
        #expect(line == "error: svc/.scaffold.yaml:1:14: unknown golden path 'go\\x1b[2J'")
    }

    /// Pull-request bodies land inside the folder, one per service, whatever the services' paths.
    @Test func pullRequestFileNamesAreUniqueAndInsideTheFolder() {
        let names = UpgradeOutput.pullRequestFileNames([
            ServiceLocation(path: "/a/orgA/payments", relativePath: "payments"),
            ServiceLocation(path: "/b/orgB/payments", relativePath: "payments"),
            ServiceLocation(path: "/c/svc", relativePath: "../svc"),
            ServiceLocation(path: "/d/root", relativePath: "."),
            ServiceLocation(path: "/e/team/billing", relativePath: "team/billing"),
            ServiceLocation(path: "/f/abs", relativePath: "/f/abs"),
            ServiceLocation(path: "/ws/github.com/acme/ledger", relativePath: "https://github.com/acme/ledger.git",
                            isListed: true, remote: "https://github.com/acme/ledger.git"),
            ServiceLocation(path: "/ws/evil", relativePath: "https://h/../../x", isListed: true, remote: "https://h/../../x"),
        ])
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") })
        #expect(names[0].hasPrefix("payments-") && names[1].hasPrefix("payments-") && names[0] != names[1])
        #expect(Array(names[2...]) == ["svc.md", "root.md", "team/billing.md", "f/abs.md", "github.com/acme/ledger.md", "h/x.md"])
    }
}
