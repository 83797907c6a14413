import Foundation

/// Turns template text into tokens, reproducing Jinja2's lexer (jinja2/lexer.py) rule for rule:
/// `-`/`+` whitespace control, `trim_blocks`, `lstrip_blocks`, `{% raw %}`, comments, and the
/// rule that `}}`/`%}` only end a tag when brackets inside it are balanced.
/// Works on UTF-8 bytes with offsets: no Character iteration, no substring copies until a token is made.
struct Lexer {
    private let source: SourceText
    /// `source.bytes`, borrowed for the duration of `tokenize` (no bounds checks or ARC per byte).
    private let bytes: UnsafeBufferPointer<UInt8>
    private let trimBlocks: Bool
    private let lstripBlocks: Bool
    private var pos = 0
    /// Jinja's `line_starting`: the previous match ended with a newline (enables lstrip at offset 0 of the text).
    private var lineStarting = true
    private var tokens: [Token] = []

    private init(source: SourceText, bytes: UnsafeBufferPointer<UInt8>, options: TemplateOptions) {
        self.source = source
        self.bytes = bytes
        self.trimBlocks = options.trimBlocks
        self.lstripBlocks = options.lstripBlocks
    }

    static func tokenize(_ source: SourceText, options: TemplateOptions) throws(TemplateError) -> [Token] {
        try withLexer(source, options) { (lexer) throws(TemplateError) in try lexer.run() }
    }

    /// Tokens of a bare expression (no delimiters), ending with `.eof`.
    static func tokenizeExpression(_ source: SourceText) throws(TemplateError) -> [Token] {
        try withLexer(source, TemplateOptions()) { (lexer) throws(TemplateError) in
            try lexer.lexInsideTag(tagStart: 0, isBlock: false, expressionOnly: true)
        }
    }

    private static func withLexer(
        _ source: SourceText, _ options: TemplateOptions, _ body: (inout Lexer) throws(TemplateError) -> Void
    ) throws(TemplateError) -> [Token] {
        let result: Result<[Token], TemplateError> = source.bytes.withUnsafeBufferPointer { (bytes) -> Result<[Token], TemplateError> in
            var lexer = Lexer(source: source, bytes: bytes, options: options)
            // About one token per 6 bytes of tag-heavy templates; saves most regrowth.
            lexer.tokens.reserveCapacity(bytes.count / 6 + 4)
            do throws(TemplateError) { try body(&lexer) } catch { return .failure(error) }
            lexer.tokens.append(Token(kind: .eof, offset: bytes.count))
            return .success(lexer.tokens)
        }
        return try result.get()
    }

    private enum TagKind { case variable, block, comment }

    private mutating func run() throws(TemplateError) {
        let n = bytes.count
        while pos < n {
            // Find the next tag start: `{{`, `{%` or `{#`.
            var i = pos
            var found: TagKind?
            while i + 1 < n {
                // Jump to the next `{` (memchr is vectorised; text between tags is most of a template).
                guard let hit = memchr(bytes.baseAddress! + i, Int32(UInt8(ascii: "{")), n - 1 - i) else { i = n; break }
                i = bytes.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let next = bytes[i + 1]
                if next == UInt8(ascii: "{") { found = .variable; break }
                if next == UInt8(ascii: "%") { found = .block; break }
                if next == UInt8(ascii: "#") { found = .comment; break }
                i += 1
            }
            guard let kind = found else {
                emitData(pos..<n, at: pos)
                pos = n
                return
            }
            var afterStart = i + 2
            var sign: UInt8 = 0
            if afterStart < n, bytes[afterStart] == UInt8(ascii: "-") || bytes[afterStart] == UInt8(ascii: "+") {
                sign = bytes[afterStart]
                afterStart += 1
            }
            let rawEnd = kind == .block ? matchRawBegin(from: afterStart) : nil
            let text = whitespaceControlled(pos..<i, sign: sign, isVariable: kind == .variable)
            emitData(text, at: pos)
            if let rawEnd {
                pos = rawEnd
                lineStarting = pos > 0 && bytes[pos - 1] == UInt8(ascii: "\n")
                try lexRaw(tagStart: i)
                continue
            }
            switch kind {
            case .comment:
                try lexComment(tagStart: i, from: afterStart)
            case .variable:
                tokens.append(Token(kind: .variableBegin, offset: i))
                pos = afterStart
                try lexInsideTag(tagStart: i, isBlock: false)
            case .block:
                tokens.append(Token(kind: .blockBegin, offset: i))
                pos = afterStart
                try lexInsideTag(tagStart: i, isBlock: true)
            }
        }
    }

    private mutating func emitData(_ range: Range<Int>, at offset: Int) {
        if !range.isEmpty { tokens.append(Token(kind: .data(range), offset: range.lowerBound)) }
    }

    /// Applies the tag's `-` (strip all whitespace before) or, for blocks and comments with
    /// lstrip_blocks, strips the spaces between the line start and the tag.
    private func whitespaceControlled(_ range: Range<Int>, sign: UInt8, isVariable: Bool) -> Range<Int> {
        if sign == UInt8(ascii: "-") {
            var end = range.upperBound
            while end > range.lowerBound, isSpace(bytes[end - 1]) { end -= 1 }
            return range.lowerBound..<end
        }
        if sign != UInt8(ascii: "+"), lstripBlocks, !isVariable {
            var lineStart = range.upperBound
            while lineStart > range.lowerBound, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            if lineStart > range.lowerBound || lineStarting {
                if lineStart < range.upperBound, (lineStart..<range.upperBound).allSatisfy({ isSpace(bytes[$0]) }) {
                    return range.lowerBound..<lineStart
                }
            }
        }
        return range
    }

    /// `{% raw %}` right after the tag start: returns the offset after its end, or nil.
    private func matchRawBegin(from start: Int) -> Int? {
        var i = skipSpace(start)
        guard matchWord("raw", at: i) else { return nil }
        i = skipSpace(i + 3)
        if matchLiteral("-%}", at: i) { return skipSpace(i + 3) }
        if matchLiteral("%}", at: i) { return i + 2 }
        return nil
    }

    private mutating func lexRaw(tagStart: Int) throws(TemplateError) {
        var i = pos
        let n = bytes.count
        while i + 1 < n {
            if bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "%") {
                var j = i + 2
                var sign: UInt8 = 0
                if j < n, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { sign = bytes[j]; j += 1 }
                j = skipSpace(j)
                if matchWord("endraw", at: j) {
                    j = skipSpace(j + 6)
                    if let end = matchBlockEnd(at: j) {
                        let text = whitespaceControlled(pos..<i, sign: sign, isVariable: false)
                        emitData(text, at: pos)
                        pos = end
                        lineStarting = bytes[end - 1] == UInt8(ascii: "\n")
                        return
                    }
                }
            }
            i += 1
        }
        throw source.error(.syntax, "missing end of raw directive (expected '{% endraw %}')", at: tagStart)
    }

    /// `+%}`, `-%}` plus following whitespace, or `%}` plus one newline under trim_blocks.
    private func matchBlockEnd(at i: Int) -> Int? {
        if matchLiteral("+%}", at: i) { return i + 3 }
        if matchLiteral("-%}", at: i) { return skipSpace(i + 3) }
        if matchLiteral("%}", at: i) {
            if trimBlocks, i + 2 < bytes.count, bytes[i + 2] == UInt8(ascii: "\n") { return i + 3 }
            return i + 2
        }
        return nil
    }

    private mutating func lexComment(tagStart: Int, from start: Int) throws(TemplateError) {
        var i = start
        let n = bytes.count
        while i < n {
            if matchLiteral("+#}", at: i) { finishComment(i + 3); return }
            if matchLiteral("-#}", at: i) { finishComment(skipSpace(i + 3)); return }
            if matchLiteral("#}", at: i) {
                var end = i + 2
                if trimBlocks, end < n, bytes[end] == UInt8(ascii: "\n") { end += 1 }
                finishComment(end)
                return
            }
            i += 1
        }
        throw source.error(.syntax, "missing end of comment tag (expected '#}')", at: tagStart)
    }

    private mutating func finishComment(_ end: Int) {
        pos = end
        lineStarting = bytes[end - 1] == UInt8(ascii: "\n")
    }

    private mutating func lexInsideTag(tagStart: Int, isBlock: Bool, expressionOnly: Bool = false) throws(TemplateError) {
        var balance: [UInt8] = []
        let n = bytes.count
        while true {
            // End tags first (only when brackets are balanced), then whitespace, then tokens.
            if expressionOnly {
                if pos >= n { return }
            } else if balance.isEmpty {
                if isBlock {
                    if let end = matchBlockEnd(at: pos) {
                        tokens.append(Token(kind: .blockEnd, offset: pos))
                        pos = end
                        lineStarting = bytes[end - 1] == UInt8(ascii: "\n")
                        return
                    }
                } else if matchLiteral("-}}", at: pos) {
                    tokens.append(Token(kind: .variableEnd, offset: pos))
                    pos = skipSpace(pos + 3)
                    lineStarting = bytes[pos - 1] == UInt8(ascii: "\n")
                    return
                } else if matchLiteral("}}", at: pos) {
                    tokens.append(Token(kind: .variableEnd, offset: pos))
                    pos += 2
                    lineStarting = false
                    return
                }
            }
            guard pos < n else {
                let what = isBlock ? "'%}'" : "'}}'"
                throw source.error(.syntax, "unexpected end of template, expected \(what) to close the tag", at: tagStart)
            }
            let c = bytes[pos]
            if isSpace(c) { pos += 1; continue }
            let start = pos
            if isDigit(c) {
                tokens.append(Token(kind: try lexNumber(), offset: start))
            } else if isNameStart(c) {
                var end = pos + 1
                while end < n, isNameChar(bytes[end]) { end += 1 }
                tokens.append(Token(kind: .name(text(pos..<end)), offset: start))
                pos = end
            } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                tokens.append(Token(kind: .string(try lexString()), offset: start))
            } else if let op = lexOperator() {
                switch op {
                case .lparen: balance.append(UInt8(ascii: ")"))
                case .lbracket: balance.append(UInt8(ascii: "]"))
                case .lbrace: balance.append(UInt8(ascii: "}"))
                case .rparen, .rbracket, .rbrace:
                    let closer = UInt8(ascii: Unicode.Scalar(op.rawValue.utf8.first!))
                    guard let expected = balance.popLast() else {
                        throw source.error(.syntax, "unexpected '\(op.rawValue)'", at: start)
                    }
                    if expected != closer {
                        throw source.error(.syntax, "unexpected '\(op.rawValue)', expected '\(Character(Unicode.Scalar(expected)))'", at: start)
                    }
                default: break
                }
                tokens.append(Token(kind: .op(op), offset: start))
            } else {
                let scalar = String(decoding: bytes[pos..<min(n, pos + utf8Length(c))], as: UTF8.self)
                throw source.error(.syntax, "unexpected character '\(scalar)'", at: start)
            }
        }
    }

    private mutating func lexOperator() -> Operator? {
        let c = bytes[pos]
        let next: UInt8 = pos + 1 < bytes.count ? bytes[pos + 1] : 0
        var op: Operator
        var length = 1
        switch c {
        case UInt8(ascii: "+"): op = .add
        case UInt8(ascii: "-"): op = .sub
        case UInt8(ascii: "/"): if next == c { op = .floorDiv; length = 2 } else { op = .div }
        case UInt8(ascii: "*"): if next == c { op = .pow; length = 2 } else { op = .mul }
        case UInt8(ascii: "%"): op = .mod
        case UInt8(ascii: "~"): op = .tilde
        case UInt8(ascii: "["): op = .lbracket
        case UInt8(ascii: "]"): op = .rbracket
        case UInt8(ascii: "("): op = .lparen
        case UInt8(ascii: ")"): op = .rparen
        case UInt8(ascii: "{"): op = .lbrace
        case UInt8(ascii: "}"): op = .rbrace
        case UInt8(ascii: "="): if next == c { op = .eq; length = 2 } else { op = .assign }
        case UInt8(ascii: "!"):
            guard next == UInt8(ascii: "=") else { return nil }
            op = .ne; length = 2
        case UInt8(ascii: ">"): if next == UInt8(ascii: "=") { op = .gteq; length = 2 } else { op = .gt }
        case UInt8(ascii: "<"): if next == UInt8(ascii: "=") { op = .lteq; length = 2 } else { op = .lt }
        case UInt8(ascii: "."): op = .dot
        case UInt8(ascii: ":"): op = .colon
        case UInt8(ascii: "|"): op = .pipe
        case UInt8(ascii: ","): op = .comma
        case UInt8(ascii: ";"): op = .semicolon
        default: return nil
        }
        pos += length
        return op
    }

    /// Integers (decimal with `_`, `0b`, `0o`, `0x`) and floats (`1.5`, `1e3`, `1.5e-3`), as Jinja's regexes.
    private mutating func lexNumber() throws(TemplateError) -> TokenKind {
        let n = bytes.count
        let start = pos
        func digits(_ i: inout Int, _ ok: (UInt8) -> Bool) {
            while i < n, ok(bytes[i]) || (bytes[i] == UInt8(ascii: "_") && i + 1 < n && ok(bytes[i + 1])) { i += 1 }
        }
        // Radix prefixes.
        if bytes[pos] == UInt8(ascii: "0"), pos + 1 < n {
            let p = bytes[pos + 1] | 0x20
            let radix: Int? = p == UInt8(ascii: "b") ? 2 : p == UInt8(ascii: "o") ? 8 : p == UInt8(ascii: "x") ? 16 : nil
            if let radix {
                var i = pos + 2
                let ok: (UInt8) -> Bool = { Int(hexValue($0)) < radix }
                digits(&i, ok)
                if i > pos + 2 {
                    let text = String(decoding: bytes[pos + 2..<i].lazy.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
                    pos = i
                    guard let v = Int(text, radix: radix) else {
                        throw source.error(.limit, "integer literal too large", at: start)
                    }
                    return .integer(v)
                }
            }
        }
        var i = pos
        digits(&i, isDigit)
        var isFloat = false
        let precededByDot = start > 0 && bytes[start - 1] == UInt8(ascii: ".")
        if !precededByDot {
            var j = i
            if j + 1 < n, bytes[j] == UInt8(ascii: "."), isDigit(bytes[j + 1]) {
                j += 1
                digits(&j, isDigit)
                isFloat = true
            }
            if j < n, bytes[j] | 0x20 == UInt8(ascii: "e") {
                var k = j + 1
                if k < n, bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-") { k += 1 }
                if k < n, isDigit(bytes[k]) {
                    digits(&k, isDigit)
                    j = k
                    isFloat = true
                }
            }
            if isFloat { i = j }
        }
        let text = String(decoding: bytes[start..<i].lazy.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        pos = i
        if isFloat {
            guard let d = Double(text) else { throw source.error(.syntax, "invalid float literal", at: start) }
            return .float(d)
        }
        guard let v = Int(text) else { throw source.error(.limit, "integer literal too large", at: start) }
        return .integer(v)
    }

    /// A quoted string with Python's escapes (`\n`, `\t`, `\xhh`, `\uXXXX`, octal; unknown escapes kept).
    private mutating func lexString() throws(TemplateError) -> String {
        let quote = bytes[pos]
        let start = pos
        let n = bytes.count
        var i = pos + 1
        var out: [UInt8] = []
        func appendScalar(_ v: UInt32) -> Bool {
            guard let s = Unicode.Scalar(v) else { return false }
            out.append(contentsOf: Array(String(s).utf8))
            return true
        }
        while i < n {
            let c = bytes[i]
            if c == quote {
                pos = i + 1
                return String(decoding: out, as: UTF8.self)
            }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            guard i + 1 < n else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "'"): out.append(UInt8(ascii: "'"))
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "\n"): break
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var v = UInt32(e - 48)
                var count = 1
                while count < 3, i < n, bytes[i] >= 48, bytes[i] <= 55 { v = v * 8 + UInt32(bytes[i] - 48); i += 1; count += 1 }
                _ = appendScalar(v)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                var v: UInt32 = 0
                for k in 0..<width {
                    guard i + k < n, hexValue(bytes[i + k]) < 16 else {
                        throw source.error(.syntax, "truncated \\\(Character(Unicode.Scalar(e)))XXXX escape in string", at: start)
                    }
                    v = v * 16 + UInt32(hexValue(bytes[i + k]))
                }
                i += width
                guard appendScalar(v) else { throw source.error(.syntax, "illegal Unicode character in string", at: start) }
            default:
                out.append(UInt8(ascii: "\\"))
                out.append(e)
            }
        }
        throw source.error(.syntax, "unterminated string literal", at: start)
    }

    @inline(__always) private func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func skipSpace(_ from: Int) -> Int {
        var i = from
        while i < bytes.count, isSpace(bytes[i]) { i += 1 }
        return i
    }

    private func matchLiteral(_ literal: StaticString, at i: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let p = literal.utf8Start
        for k in 0..<count where bytes[i + k] != p[k] { return false }
        return true
    }

    /// `word` at `i` and not followed by another name character.
    private func matchWord(_ word: StaticString, at i: Int) -> Bool {
        guard matchLiteral(word, at: i) else { return false }
        let end = i + word.utf8CodeUnitCount
        return end >= bytes.count || !isNameChar(bytes[end])
    }
}

@inline(__always) func isSpace(_ c: UInt8) -> Bool {
    c == 32 || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F)
}
@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
@inline(__always) private func isNameStart(_ c: UInt8) -> Bool {
    (c | 0x20) >= 97 && (c | 0x20) <= 122 || c == 95
}
@inline(__always) private func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || isDigit(c) }
@inline(__always) private func hexValue(_ c: UInt8) -> UInt8 {
    if isDigit(c) { return c - 48 }
    let l = c | 0x20
    if l >= 97 && l <= 102 { return l - 87 }
    return 255
}
private func utf8Length(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
}
