/// JSON text as the structural merge needs it. JSON is YAML's flow style, so the merge reads a
/// JSON file through the same parser and edits it line by line, as it does YAML. Two things
/// differ: commas separate members, so a member inserted last or removed last leaves one missing
/// or one too many (`repairingCommas` puts them right), and YAML's reader accepts what JSON does
/// not (a trailing comma, a comment), so the result is checked as JSON itself (`isValid`).
enum JSONText {
    /// `bytes` with a comma added between two values (or members) that lack one, and a comma
    /// before a closing bracket removed; strings are skipped, nothing else changes.
    static func repairingCommas(_ bytes: [UInt8]) -> [UInt8] {
        enum Last { case open, comma, colon, value }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var last = Last.open
        var lastCommaAt: Int?
        var lastValueEnd = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D:
                out.append(b)
                i += 1
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if last == .comma, let at = lastCommaAt { out.remove(at: at) }
                out.append(b)
                last = .value
                lastValueEnd = out.count
                i += 1
                continue
            case UInt8(ascii: ","):
                lastCommaAt = out.count
                out.append(b)
                last = .comma
                i += 1
                continue
            case UInt8(ascii: ":"):
                out.append(b)
                last = .colon
                i += 1
                continue
            default:
                break
            }
            // A value (or a key) starts here: a comma first if the previous one ended a value.
            if last == .value { out.insert(UInt8(ascii: ","), at: lastValueEnd) }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                out.append(b)
                last = .open
                i += 1
                continue
            }
            let end = b == UInt8(ascii: "\"") ? stringEnd(bytes, from: i) : literalEnd(bytes, from: i)
            out += bytes[i..<end]
            i = end
            last = .value
            lastValueEnd = out.count
        }
        return out
    }

    /// Whether `bytes` is one JSON value (RFC 8259), surrounded only by whitespace.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        var parser = Validator(bytes: bytes)
        parser.skipSpace()
        guard parser.value(depth: 0) else { return false }
        parser.skipSpace()
        return parser.i == bytes.count
    }

    /// Past the closing quote of the string opening at `start` (or the end of the text).
    private static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
            if bytes[i] == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        return bytes.count
    }

    /// Past a number or `true`/`false`/`null` (anything up to a delimiter).
    private static func literalEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, !" \t\r\n,:]}[{\"".utf8.contains(bytes[i]) { i += 1 }
        return max(i, start + 1)
    }

    private struct Validator {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        mutating func eat(_ c: Character) -> Bool {
            guard i < bytes.count, bytes[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }

        mutating func value(depth: Int) -> Bool {
            guard depth < 512, i < bytes.count else { return false }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                if eat("}") { return true }
                repeat {
                    skipSpace()
                    guard string() else { return false }
                    skipSpace()
                    guard eat(":") else { return false }
                    skipSpace()
                    guard value(depth: depth + 1) else { return false }
                    skipSpace()
                } while eat(",")
                return eat("}")
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if eat("]") { return true }
                repeat {
                    skipSpace()
                    guard value(depth: depth + 1) else { return false }
                    skipSpace()
                } while eat(",")
                return eat("]")
            case UInt8(ascii: "\""):
                return string()
            default:
                for word in ["true", "false", "null"] where bytes[i...].starts(with: word.utf8) {
                    i += word.utf8.count
                    return true
                }
                return number()
            }
        }

        mutating func string() -> Bool {
            guard eat("\"") else { return false }
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return true }
                if b < 0x20 { return false }
                if b == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count else { return false }
                    let e = bytes[i + 1]
                    if e == UInt8(ascii: "u") {
                        guard i + 5 < bytes.count, bytes[(i + 2)...(i + 5)].allSatisfy({ $0.isHexDigit }) else { return false }
                        i += 6
                        continue
                    }
                    guard "\"\\/bfnrt".utf8.contains(e) else { return false }
                    i += 2
                    continue
                }
                i += 1
            }
            return false
        }

        mutating func number() -> Bool {
            let start = i
            _ = eat("-")
            if eat("0") {} else {
                guard i < bytes.count, (0x31...0x39).contains(bytes[i]) else { return false }
                while i < bytes.count, bytes[i].isDigit { i += 1 }
            }
            if eat(".") {
                guard i < bytes.count, bytes[i].isDigit else { return false }
                while i < bytes.count, bytes[i].isDigit { i += 1 }
            }
            if eat("e") || eat("E") {
                _ = eat("+") || eat("-")
                guard i < bytes.count, bytes[i].isDigit else { return false }
                while i < bytes.count, bytes[i].isDigit { i += 1 }
            }
            return i > start
        }
    }
}

private extension UInt8 {
    var isDigit: Bool { (0x30...0x39).contains(self) }
    var isHexDigit: Bool { isDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }
}
