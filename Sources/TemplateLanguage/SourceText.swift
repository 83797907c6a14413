/// A template's text as UTF-8 bytes, with newlines normalized to `\n` as Jinja2 does, and the
/// table that turns byte offsets (what tokens and nodes store) into line and column.
struct SourceText: Sendable {
    let name: String
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(name: String, source: String) {
        self.name = name
        var starts = [0]
        if !source.utf8.contains(UInt8(ascii: "\r")) {
            // Common case: nothing to normalize.
            let bytes = Array(source.utf8)
            for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(i + 1) }
            self.bytes = bytes
            self.lineStarts = starts
            return
        }
        var out: [UInt8] = []
        out.reserveCapacity(source.utf8.count)
        var previousWasCR = false
        for byte in source.utf8 {
            if byte == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                starts.append(out.count)
                previousWasCR = true
                continue
            }
            if byte == UInt8(ascii: "\n") {
                if previousWasCR { previousWasCR = false; continue }
                out.append(byte)
                starts.append(out.count)
                continue
            }
            previousWasCR = false
            out.append(byte)
        }
        self.bytes = out
        self.lineStarts = starts
    }

    /// The 1-based line holding `offset`.
    private func lineIndex(_ offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    func location(_ offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        let index = lineIndex(clamped)
        let start = lineStarts[index]
        // Columns count scalars: skip UTF-8 continuation bytes.
        var column = 1
        for i in start..<clamped where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(name: name, line: index + 1, column: column)
    }

    func lineText(_ offset: Int) -> String {
        let clamped = max(0, min(offset, bytes.count))
        let start = lineStarts[lineIndex(clamped)]
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    func error(_ kind: TemplateError.Kind, _ message: String, at offset: Int) -> TemplateError {
        TemplateError(kind: kind, message: message, location: location(offset), sourceLine: lineText(offset))
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

extension TemplateError {
    /// Gives an unlocated error the location of `offset` in `source`; located errors pass through.
    func located(at offset: Int, in source: SourceText) -> TemplateError {
        isLocated ? self : source.error(kind, message, at: offset)
    }
}
