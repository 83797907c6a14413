import Scaffold
import Testing
@testable import ScaffoldCLI

@Suite struct DiagnosticsTests {
    @Test func printsWhateverLocationIsKnown() {
        #expect(Diagnostic(file: "a.yaml", line: 3, column: 7, message: "m").rendered(style: .plain)
            == "error: a.yaml:3:7: m")
        // A line always comes with a column: 1 when the caller knows only the line.
        #expect(Diagnostic(file: "a.yaml", line: 3, message: "m").rendered(style: .plain) == "error: a.yaml:3:1: m")
        #expect(Diagnostic(file: "a.yaml", message: "m").rendered(style: .plain) == "error: a.yaml: m")
        #expect(Diagnostic(line: 3, column: 7, message: "m").rendered(style: .plain) == "error: m")
        #expect(Diagnostic(severity: .warning, message: "m").rendered(style: .plain) == "warning: m")
        #expect(Diagnostic(file: "t.j2", line: 1, column: 2, message: "m").locatedMessage == "t.j2:1:2: m")
    }

    @Test func colorsOnlyTheSeverity() {
        let text = Diagnostic(file: "f", line: 1, column: 1, message: "m").rendered(style: .colored)
        #expect(text == "\u{1B}[1m\u{1B}[31merror:\u{1B}[0m\u{1B}[0m f:1:1: m")
    }

    @Test func useCaseErrorsKeepTheirLocation() {
        let error = usageError { () throws(CLIError) in
            _ = try Diagnostics.run { () throws(ScaffoldError) -> Int in
                throw ScaffoldError(file: "golden-path.yaml", line: 4, column: 3, message: "bad")
            }
        }
        #expect(error?.exitCode == .usage)
        #expect(error?.rendered(style: .plain) == "error: golden-path.yaml:4:3: bad")
        #expect((try? Diagnostics.run { () throws(ScaffoldError) in 42 }) == 42)
    }

    @Test func reportWritesToStandardError() {
        let output = CapturedOutput()
        Diagnostics.report(Diagnostic(severity: .note, message: "n"), on: output.console())
        #expect(output.standardError == "note: n\n")
        #expect(output.standardOutput.isEmpty)
    }
}
