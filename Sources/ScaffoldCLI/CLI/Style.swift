/// ANSI styling that collapses to plain text when color is off, so callers never branch on it.
struct Style: Equatable, Sendable {
    /// Whether escape sequences are emitted at all.
    let isEnabled: Bool

    static let plain = Style(isEnabled: false)
    static let colored = Style(isEnabled: true)

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }

    private func wrap(_ text: String, _ code: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
