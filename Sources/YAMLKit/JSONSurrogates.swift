/// JSON writes characters outside the Basic Multilingual Plane as UTF-16 surrogate pairs
/// (`"\ud83d\udc4d"`, Python's `json.dump` does by default), which YAML's escapes do not allow:
/// libyaml rejects them. JSON is otherwise YAML, so for JSON files each pair becomes YAML's
/// 8-digit escape (`\U0001f44d`) before parsing. Only JSON gets this: in YAML's single-quoted
/// and plain scalars a backslash is literal text, which this rewrite would change.
enum JSONSurrogates {
    static func normalize(_ text: String) -> String {
        guard text.contains("\\u") || text.contains("\\U") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                out.append(bytes[i]); i += 1; continue
            }
            if let high = unit(bytes, at: i), (0xD800...0xDBFF).contains(high),
               let low = unit(bytes, at: i + 6), (0xDC00...0xDFFF).contains(low) {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                out.append(contentsOf: Array("\\U".utf8))
                out.append(contentsOf: Array(String(scalar, radix: 16).leftPadded(to: 8).utf8))
                i += 12
            } else {
                // An escape of anything else (including `\\`) is copied whole, so an escaped
                // backslash followed by `ud83d` stays text.
                out.append(bytes[i]); out.append(bytes[i + 1]); i += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The code unit of a `\uXXXX` escape starting at `i`, if there is one.
    private static func unit(_ bytes: [UInt8], at i: Int) -> UInt32? {
        guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else { return nil }
        return UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
