import Foundation

/// Jinja2's text filters, with Python's str semantics (code points, Python whitespace).
extension Filters {
    static let stringFilters: [String: FilterFunction] = [
        "lower": { i, v, a throws(TemplateError) in _ = try a.bind("lower", []); return .string(PythonString.lower(try i.string(v))) },
        "upper": { i, v, a throws(TemplateError) in _ = try a.bind("upper", []); return .string(PythonString.upper(try i.string(v))) },
        "capitalize": { i, v, a throws(TemplateError) in _ = try a.bind("capitalize", []); return .string(PythonString.capitalize(try i.string(v))) },
        "title": { i, v, a throws(TemplateError) in _ = try a.bind("title", []); return .string(title(try i.string(v))) },
        "trim": { i, v, a throws(TemplateError) in
            let args = try a.bind("trim", ["chars"])
            let chars = try args[0].flatMap { (c) throws(TemplateError) -> String? in c == .none ? nil : try i.string(c) }
            return .string(PythonString.strip(try i.string(v), chars, leading: true, trailing: true))
        },
        "string": { i, v, a throws(TemplateError) in _ = try a.bind("string", []); return .string(try i.string(v)) },
        "safe": { i, v, a throws(TemplateError) in _ = try a.bind("safe", []); return .string(try i.string(v)) },
        "escape": escape,
        "e": escape,
        "forceescape": escape,
        "replace": { i, v, a throws(TemplateError) in
            let args = try a.bind("replace", ["old", "new", "count"], required: 2)
            let count = args[2] == nil || args[2]! == .none ? -1 : try int(args[2], "replace", default: -1)
            let (s, old, new) = (try i.string(v), try i.string(args[0]!), try i.string(args[1]!))
            try i.limits.checkString(Limits.replacedSize(s, old, new, count: count), "replace")
            return .string(PythonString.replace(s, old, new, count: count))
        },
        "center": { i, v, a throws(TemplateError) in
            let args = try a.bind("center", ["width"])
            let (s, width) = (try i.string(v), try int(args[0], "center", default: 80))
            try i.limits.checkString(s.utf8.count + max(0, width - s.unicodeScalars.count), "center")
            return .string(PythonString.center(s, width))
        },
        "indent": indent,
        "truncate": truncate,
        "wordcount": { i, v, a throws(TemplateError) in
            _ = try a.bind("wordcount", [])
            return .int(wordCount(try i.string(v)))
        },
        "wordwrap": wordwrap,
        "format": { i, v, a throws(TemplateError) in
            if !a.positional.isEmpty && !a.keywords.isEmpty {
                throw TemplateError(.type, "format: can't handle positional and keyword arguments at the same time")
            }
            let argument: Value = a.keywords.isEmpty ? .tuple(a.positional) : .dict(ValueDict(a.keywords.map { ($0.name, $0.value) }))
            return .string(try PythonFormat.percent(try i.string(v), a: argument, limits: i.limits))
        },
    ]

    /// Python's `\w`: letters, digits (any script) and underscore.
    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// Jinja's `wordcount`: the number of `\w+` runs.
    static func wordCount(_ s: String) -> Int {
        var count = 0
        var inWord = false
        for c in s.unicodeScalars {
            let word = isWordCharacter(c)
            if word && !inWord { count += 1 }
            inWord = word
        }
        return count
    }

    /// Jinja's `title` filter (not `str.title`): words begin after `-`, whitespace or an opening
    /// bracket (`([-\s({\[<]+)`); each word's first character is uppercased, the rest lowercased.
    static func title(_ s: String) -> String {
        if let ascii = asciiTitle(s) { return ascii }
        func isSeparator(_ c: Unicode.Scalar) -> Bool {
            c == "-" || c == "(" || c == "{" || c == "[" || c == "<" || PythonString.isSpace(c)
        }
        var out = ""
        var word = String.UnicodeScalarView()
        func flush() {
            guard let first = word.first else { return }
            out += first.properties.uppercaseMapping
            out += String(String.UnicodeScalarView(word.dropFirst())).lowercased()
            word = String.UnicodeScalarView()
        }
        for c in s.unicodeScalars {
            if isSeparator(c) {
                flush()
                out.unicodeScalars.append(c)
            } else {
                word.append(c)
            }
        }
        flush()
        return out
    }

    /// `title` on an all-ASCII string (the usual case): a word starts at the beginning and after
    /// a separator; nil otherwise.
    private static func asciiTitle(_ s: String) -> String? {
        PythonString.mapASCII(s) { b, i, previous in
            let wordStart = i == 0 || previous == UInt8(ascii: "-") || previous == UInt8(ascii: "(")
                || previous == UInt8(ascii: "{") || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "<")
                || isSpace(previous)
            return wordStart ? PythonString.asciiUpper(b) : PythonString.asciiLower(b)
        }
    }

    /// The string a filter that Jinja2 does not stringify requires (`indent`, `wordwrap`...).
    private static func text(_ i: Interpreter, _ v: Value, _ filter: String) throws(TemplateError) -> String {
        if case .string(let s) = v { return s }
        if case .undefined = v { return try i.string(v) }
        throw TemplateError(.type, "\(filter): expected a string, got '\(v.typeName)'")
    }

    private static let escape: FilterFunction = { i, v, a throws(TemplateError) in
        _ = try a.bind("escape", [])
        var out = ""
        for c in try i.string(v).unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return .string(out)
    }

    private static let indent: FilterFunction = { i, v, a throws(TemplateError) in
        let args = try a.bind("indent", ["width", "first", "blank"])
        var indention = "    "
        if let w = args[0] {
            if case .string(let s) = w {
                indention = s
            } else {
                let width = max(0, try int(w, "indent", default: 4))
                try i.limits.checkString(width, "indent")
                indention = String(repeating: " ", count: width)
            }
        }
        let s = try text(i, v, "indent") + "\n"
        let lines = PythonString.splitlines(s, keepends: false)
        let (grow, overflow) = indention.utf8.count.multipliedReportingOverflow(by: lines.count + 1)
        try i.limits.checkString(overflow ? Int.max : s.utf8.count + grow, "indent")
        var result: String
        if bool(args[2]) {
            result = lines.joined(separator: "\n" + indention)
        } else {
            result = lines.first ?? ""
            if lines.count > 1 {
                result += "\n" + lines.dropFirst().map { $0.isEmpty ? $0 : indention + $0 }.joined(separator: "\n")
            }
        }
        if bool(args[1]) { result = indention + result }
        return .string(result)
    }

    private static let truncate: FilterFunction = { i, v, a throws(TemplateError) in
        let args = try a.bind("truncate", ["length", "killwords", "end", "leeway"])
        // Jinja2 measures any sized value but can only cut strings.
        var sized: Int?
        switch v {
        case .list(let l), .tuple(let l): sized = l.count
        case .dict(let d): sized = d.count
        default: break
        }
        if let sized {
            let limit = try int(args[0], "truncate", default: 255) + (args[3] == nil || args[3]! == .none ? 5 : try int(args[3], "truncate", default: 5))
            if sized <= limit { return v }
        }
        let s = Array(try text(i, v, "truncate").unicodeScalars)
        let length = try int(args[0], "truncate", default: 255)
        let end = try args[2].map { (e) throws(TemplateError) in try i.string(e) } ?? "..."
        let endLength = end.unicodeScalars.count
        let leeway = args[3] == nil || args[3]! == .none ? 5 : try int(args[3], "truncate", default: 5)
        guard length >= endLength else { throw TemplateError(.value, "expected length >= \(endLength), got \(length)") }
        guard leeway >= 0 else { throw TemplateError(.value, "expected leeway >= 0, got \(leeway)") }
        if s.count <= length + leeway { return .string(String(String.UnicodeScalarView(s))) }
        let kept = String(String.UnicodeScalarView(s.prefix(length - endLength)))
        if bool(args[1]) { return .string(kept + end) }
        return .string((try PythonString.rsplit(kept, " ", maxsplit: 1)).first! + end)
    }

    private static let wordwrap: FilterFunction = { i, v, a throws(TemplateError) in
        let args = try a.bind("wordwrap", ["width", "break_long_words", "wrapstring", "break_on_hyphens"])
        let width = try int(args[0], "wordwrap", default: 79)
        guard width > 0 else { throw TemplateError(.value, "invalid width \(width) (must be > 0)") }
        let wrapstring = args[2] == nil || args[2]! == .none ? "\n" : try i.string(args[2]!)
        let breakLong = bool(args[1], default: true), hyphens = bool(args[3], default: true)
        let paragraphs = PythonString.splitlines(try text(i, v, "wordwrap"), keepends: false)
        return .string(paragraphs.map {
            TextWrap.wrap($0, width: width, breakLongWords: breakLong, breakOnHyphens: hyphens).joined(separator: wrapstring)
        }.joined(separator: wrapstring))
    }
}

/// Python's `textwrap.wrap` with `expand_tabs=False, replace_whitespace=False` (what Jinja's
/// `wordwrap` uses), including its hyphen-splitting word regex.
enum TextWrap {
    // Free-spacing mode ignores literal spaces even inside classes, hence `\x20`.
    private static let wordSeparator = try! NSRegularExpression(pattern: #"""
        (?: [\t\n\x0b\x0c\r\x20]+
        | (?<=[\w!"'&.,?]) -{2,} (?=\w)
        | [^\t\n\x0b\x0c\r\x20]+? (?:
              -(?: (?<=[^\d\W]{2}-) | (?<=[^\d\W]-[^\d\W]-))
              (?= [^\d\W] -? [^\d\W])
            | (?=[\t\n\x0b\x0c\r\x20]|\z)
            | (?<=[\w!"'&.,?]) (?=-{2,}\w)
            )
        )
        """#, options: [.allowCommentsAndWhitespace])
    private static let simpleSeparator = try! NSRegularExpression(pattern: #"([\t\n\x0b\x0c\r\x20]+)"#)

    private static func isBlank(_ s: [Unicode.Scalar]) -> Bool { s.allSatisfy(PythonString.isSpace) }

    static func chunks(_ text: String, breakOnHyphens: Bool) -> [[Unicode.Scalar]] {
        let range = NSRange(text.startIndex..., in: text)
        var out: [[Unicode.Scalar]] = []
        if breakOnHyphens {
            for m in wordSeparator.matches(in: text, range: range) {
                if let r = Range(m.range, in: text), !r.isEmpty { out.append(Array(text[r].unicodeScalars)) }
            }
        } else {
            var last = text.startIndex
            for m in simpleSeparator.matches(in: text, range: range) {
                guard let r = Range(m.range, in: text) else { continue }
                if last < r.lowerBound { out.append(Array(text[last..<r.lowerBound].unicodeScalars)) }
                out.append(Array(text[r].unicodeScalars))
                last = r.upperBound
            }
            if last < text.endIndex { out.append(Array(text[last...].unicodeScalars)) }
        }
        return out
    }

    static func wrap(_ text: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) -> [String] {
        var reversedChunks = Array(chunks(text, breakOnHyphens: breakOnHyphens).reversed())
        var lines: [String] = []
        while !reversedChunks.isEmpty {
            var line: [[Unicode.Scalar]] = []
            var length = 0
            if let last = reversedChunks.last, isBlank(last), !lines.isEmpty { reversedChunks.removeLast() }
            while let last = reversedChunks.last {
                if length + last.count <= width {
                    line.append(last)
                    length += last.count
                    reversedChunks.removeLast()
                } else {
                    break
                }
            }
            if let last = reversedChunks.last, last.count > width {
                let spaceLeft = width < 1 ? 1 : width - length
                if breakLongWords {
                    var end = spaceLeft
                    if breakOnHyphens, last.count > spaceLeft,
                       let hyphen = last[0..<spaceLeft].lastIndex(of: "-"), hyphen > 0,
                       last[0..<hyphen].contains(where: { $0 != "-" }) {
                        end = hyphen + 1
                    }
                    line.append(Array(last[0..<end]))
                    reversedChunks[reversedChunks.count - 1] = Array(last[end...])
                } else if line.isEmpty {
                    line.append(last)
                    reversedChunks.removeLast()
                }
            }
            if let last = line.last, isBlank(last) { line.removeLast() }
            if !line.isEmpty {
                lines.append(String(String.UnicodeScalarView(line.joined())))
            }
        }
        return lines
    }
}
