import Testing
@testable import ScaffoldCLI

@Suite struct TerminalTests {
    @Test func colorNeedsATerminalAndNoOptOut() {
        #expect(Terminal.wantsColor(isTerminal: true, environment: ["TERM": "xterm-256color"]))
        #expect(Terminal.wantsColor(isTerminal: true, environment: [:]))
        #expect(!Terminal.wantsColor(isTerminal: false, environment: ["TERM": "xterm"]))
        #expect(!Terminal.wantsColor(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!Terminal.wantsColor(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!Terminal.wantsColor(isTerminal: true, environment: ["TERM": "dumb"]))
    }

    @Test func styleIsPlainWhenDisabled() {
        #expect(Style.plain.red("x") == "x")
        #expect(Style.colored.red("x") == "\u{1B}[31mx\u{1B}[0m")
        #expect(Style.colored.green("") == "")
        #expect(Style.colored.yellow("y").hasPrefix("\u{1B}[33m"))
    }
}
