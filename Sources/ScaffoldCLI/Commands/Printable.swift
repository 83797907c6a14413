/// Text from a service repository (names, paths, answers, messages quoting them) made safe for a
/// terminal or a CI log: control characters, DEL, C1 controls and bidirectional overrides are
/// shown as escapes, so a hostile `.scaffold.yaml` cannot clear the screen, forge table rows or
/// hide text. Newlines and tabs stay (multi-line messages and excerpts keep their shape).
enum Printable {
    static func escaping(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                out += scalar.value < 0x100 ? "\\x" + hex(scalar.value, digits: 2) : "\\u{" + hex(scalar.value, digits: 4) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A table row, every cell escaped.
    static func cells(_ row: [String]) -> [String] {
        row.map(escaping)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidirectional embeddings, overrides, isolates
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
