import Locations
import Foundation

/// A template's text as UTF-8 bytes, with newlines normalized to `\n` as Jinja2 does.
/// Offsets (what tokens and nodes store) become line and column only when an error is reported,
/// so parsing never builds a line table. A class: the interpreter switches between templates'
/// sources (includes, macros) and a reference is cheaper to pass around than its fields.
final class SourceText: Sendable {
    let name: String
    let bytes: [UInt8]

    init(name: String, source: String) {
        self.name = name
        let raw = Array(source.utf8)
        let hasCR = raw.withUnsafeBytes { $0.baseAddress.map { memchr($0, 13, raw.count) != nil } ?? false }
        guard hasCR else {
            self.bytes = raw  // the common case: nothing to normalize
            return
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var previousWasCR = false
        for byte in raw {
            if byte == 13 {
                out.append(10)
                previousWasCR = true
            } else {
                if !(byte == 10 && previousWasCR) { out.append(byte) }
                previousWasCR = false
            }
        }
        self.bytes = out
    }

    /// The offset where the line holding `offset` starts, and its 1-based number.
    private func lineStart(_ offset: Int) -> (start: Int, line: Int) {
        var line = 1, start = 0
        for i in 0..<offset where bytes[i] == 10 {
            line += 1
            start = i + 1
        }
        return (start, line)
    }

    func position(_ offset: Int) -> SourceLocation.Position {
        let clamped = max(0, min(offset, bytes.count))
        let (start, line) = lineStart(clamped)
        // Columns count scalars: skip UTF-8 continuation bytes.
        var column = 1
        for i in start..<clamped where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation.Position(line: line, column: column)
    }

    /// The template's name as the file, and the position of `offset`.
    func location(_ offset: Int) -> SourceLocation {
        var location = SourceLocation(file: name)
        location.position = position(offset)
        return location
    }

    func lineText(_ offset: Int) -> String {
        let clamped = max(0, min(offset, bytes.count))
        let start = lineStart(clamped).start
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func error(_ kind: TemplateError.Kind, _ message: String, at offset: Int) -> TemplateError {
        TemplateError(kind: kind, message: message, location: location(offset), sourceLine: lineText(offset))
    }
}

extension TemplateError {
    /// Gives an unlocated error the location of `offset` in `source`; located errors pass through.
    func located(at offset: Int, in source: SourceText) -> TemplateError {
        location == nil ? source.error(kind, message, at: offset) : self
    }
}
