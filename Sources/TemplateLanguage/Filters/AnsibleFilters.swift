import Foundation

/// Extensions: the jinja2-ansible-filters that copier loads into every template by default, as
/// that package defines them (`jinja2_ansible_filters/core_filters.py`). Not part of Jinja2.
/// Left out on purpose: those that read the machine (`fileglob`, `expanduser`, `realpath`,
/// `strftime` of the current time) or randomness (`shuffle`, `ans_random`, `random_mac`).
extension Filters {
    static let ansibleFilters: [String: FilterFunction] = [
        /// `json.dumps(value)`: unsorted, `", "` and `": "` separators, ASCII escapes.
        "to_json": { i, v, a throws(TemplateError) in
            let args = try a.bind("to_json", ["indent", "sort_keys"])
            let indent = args[0] == nil || args[0]! == .none ? nil : try int(args[0], "to_json", default: 0)
            return .string(try JSONWriter(indent: indent, sortKeys: bool(args[1])).dumps(try i.defined(v)))
        },
        /// `json.dumps(value, indent=4, sort_keys=True, separators=(",", ": "))`.
        "to_nice_json": { i, v, a throws(TemplateError) in
            let args = try a.bind("to_nice_json", ["indent", "sort_keys"])
            let indent = try int(args[0], "to_nice_json", default: 4)
            try i.limits.checkString(indent, "to_nice_json's indent")
            return .string(try JSONWriter(indent: indent, sortKeys: bool(args[1], default: true)).dumps(try i.defined(v)))
        },
        /// `value ? true_val : false_val`, with `none_val` for None when given.
        "ternary": { i, v, a throws(TemplateError) in
            let args = try a.bind("ternary", ["true_val", "false_val", "none_val"], required: 2)
            if v == .none, let none = args[2], none != .none { return none }
            return v.isTruthy ? args[0]! : args[1]!
        },
        /// None and booleans as they are; `yes`, `on`, `1`, `true` (any case) and 1 are True.
        "bool": { i, v, a throws(TemplateError) in
            _ = try a.bind("bool", [])
            switch v {
            case .none, .bool: return v
            case .string(let s): return .bool(["yes", "on", "1", "true"].contains(s.lowercased()))
            case .int(let n): return .bool(n == 1)
            case .float(let d): return .bool(d == 1)
            default: return .bool(false)
            }
        },
        /// Dicts merged left to right (later wins); `recursive=True` merges nested dicts too.
        "combine": { i, v, a throws(TemplateError) in
            var recursive = false
            for (name, value) in a.keywords {
                switch name {
                case "recursive": recursive = value.isTruthy
                case "list_merge" where value == .string("replace"): break
                default: throw TemplateError(.type, "combine: 'recursive' is the only keyword argument supported")
                }
            }
            var terms: [Value] = []
            for term in [v] + a.positional {
                if case .list(let items) = term { terms += items } else { terms.append(term) }
            }
            var result = ValueDict()
            for term in terms {
                guard case .dict(let d) = try i.defined(term) else {
                    throw TemplateError(.type, "combine: expected dicts, got \(term.typeName)")
                }
                result = merge(result, d, recursive: recursive)
            }
            return .dict(result)
        },
        "b64encode": { i, v, a throws(TemplateError) in
            _ = try a.bind("b64encode", ["encoding"])
            return .string(Data(try i.string(v).utf8).base64EncodedString())
        },
        "b64decode": { i, v, a throws(TemplateError) in
            _ = try a.bind("b64decode", ["encoding"])
            guard let data = Data(base64Encoded: try i.string(v)), let text = String(data: data, encoding: .utf8) else {
                throw TemplateError(.value, "b64decode: not base64-encoded UTF-8 text")
            }
            return .string(text)
        },
        /// `os.path.basename`: what follows the last slash.
        "basename": { i, v, a throws(TemplateError) in
            _ = try a.bind("basename", [])
            let path = try i.string(v)
            return .string(path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path)
        },
        /// `os.path.dirname`: what precedes the last slash, trailing slashes removed unless only slashes.
        "dirname": { i, v, a throws(TemplateError) in
            _ = try a.bind("dirname", [])
            let path = try i.string(v)
            guard let slash = path.lastIndex(of: "/") else { return .string("") }
            var head = String(path[...slash])
            if head.contains(where: { $0 != "/" }) { while head.hasSuffix("/") { head.removeLast() } }
            return .string(head)
        },
        /// `os.path.splitext`: `(root, ext)`, a leading dot of the name not counting.
        "splitext": { i, v, a throws(TemplateError) in
            _ = try a.bind("splitext", [])
            let path = try i.string(v)
            let nameStart = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
            let name = path[nameStart...]
            let firstNonDot = name.firstIndex { $0 != "." } ?? name.endIndex
            guard let dot = name[firstNonDot...].lastIndex(of: ".") else { return .tuple([.string(path), .string("")]) }
            return .tuple([.string(String(path[..<dot])), .string(String(path[dot...]))])
        },
        /// `shlex.quote`.
        "quote": { i, v, a throws(TemplateError) in
            _ = try a.bind("quote", [])
            let s = try i.string(v)
            if s.isEmpty { return .string("''") }
            let safe = s.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "@%+=:,./-_".unicodeScalars.contains($0)) }
            return .string(safe ? s : "'" + s.replacingOccurrences(of: "'", with: "'\"'\"'") + "'")
        },
        /// `re.escape` (Python 3.7 and later).
        "regex_escape": { i, v, a throws(TemplateError) in
            let args = try a.bind("regex_escape", ["re_type"])
            if let type = args[0], type != .string("python") { throw TemplateError(.value, "regex_escape: only re_type='python' is supported") }
            var out = ""
            // Python 3.7+ escapes only the characters special in a pattern (and whitespace).
            let special = Set("()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}".unicodeScalars)
            for c in try i.string(v).unicodeScalars {
                if special.contains(c) { out.append("\\") }
                out.unicodeScalars.append(c)
            }
            return .string(out)
        },
        /// `re.findall`: the matches, or each match's groups (one group: that group).
        "regex_findall": { i, v, a throws(TemplateError) in
            let args = try a.bind("regex_findall", ["regex", "multiline", "ignorecase"], required: 1)
            let input = try i.string(v)
            let regex = try compileRegex(try i.string(args[0]!), ignoreCase: bool(args[2]), multiline: bool(args[1]))
            var found: [Value] = []
            for match in regex.matches(in: input, range: NSRange(input.startIndex..., in: input)) {
                func group(_ n: Int) -> Value {
                    guard let r = Range(match.range(at: n), in: input) else { return .string("") }
                    return .string(String(input[r]))
                }
                switch match.numberOfRanges {
                case 1: found.append(group(0))
                case 2: found.append(group(1))
                default: found.append(.tuple((1..<match.numberOfRanges).map(group)))
                }
            }
            return .list(found)
        },
        /// Fails the render when the value is undefined (`msg` as the message when given).
        "mandatory": { i, v, a throws(TemplateError) in
            let args = try a.bind("mandatory", ["msg"])
            if case .undefined(let message) = v {
                if let msg = args[0], msg != .none { throw TemplateError(.value, try i.string(msg)) }
                throw TemplateError(.undefined, "Mandatory variable \(message.isEmpty ? "" : message + " ")not defined.")
            }
            return v
        },
        /// `strftime(seconds)`: the format applied to a time, `seconds` since 1970 or, without it,
        /// the recorded clock (never the machine's: renders reproduce). UTC, in the C locale.
        "strftime": { i, v, a throws(TemplateError) in
            let args = try a.bind("strftime", ["second"])
            let seconds: Int64
            if let given = args[0], given != .none {
                switch given {
                case .int(let n): seconds = Int64(n)
                case .float(let d) where d.isFinite: seconds = Int64(d)
                default: throw TemplateError(.value, "Invalid value for epoch value (\(given.pythonString))")
                }
            } else if let clock = i.environment.options.extensions?.clock {
                seconds = clock
            } else {
                throw TemplateError(.value, "strftime without seconds reads the clock, which a render does not: pass the seconds")
            }
            return .string(try ToolExtensions.strftime(try i.string(v), seconds))
        },
        /// `hash(hashtype='sha1')`: the hex digest of the text's UTF-8 bytes.
        "hash": { i, v, a throws(TemplateError) in
            let args = try a.bind("hash", ["hashtype"])
            let type = try args[0].map { (t) throws(TemplateError) in try i.string(t) } ?? "sha1"
            let bytes = Array(try i.string(v).utf8)
            switch type {
            case "md5": return .string(Digests.md5(bytes))
            case "sha1": return .string(Digests.sha1(bytes))
            case "sha256": return .string(Digests.sha256(bytes))
            default: throw TemplateError(.value, "hash: '\(type)' is not supported here (md5, sha1, sha256)")
            }
        },
        "checksum": { i, v, a throws(TemplateError) in
            _ = try a.bind("checksum", [])
            return .string(Digests.sha1(Array(try i.string(v).utf8)))
        },
        "sha1": { i, v, a throws(TemplateError) in
            _ = try a.bind("sha1", [])
            return .string(Digests.sha1(Array(try i.string(v).utf8)))
        },
        "md5": { i, v, a throws(TemplateError) in
            _ = try a.bind("md5", [])
            return .string(Digests.md5(Array(try i.string(v).utf8)))
        },
        /// `comment(style='plain', decoration=..., beginning=..., prefix=..., prefix_count=1,
        /// postfix=..., postfix_count=1, end=..., newline='\n')`: the text as a comment block.
        "comment": { i, v, a throws(TemplateError) in
            let text = try i.string(v)
            guard a.positional.count <= 1 else { throw TemplateError(.type, "comment() takes the style and keyword arguments") }
            var style = try a.positional.first.map { (s) throws(TemplateError) in try i.string(s) } ?? "plain"
            var keywords: [String: String] = [:]
            for (name, value) in a.keywords {
                if name == "style" { style = try i.string(value) } else { keywords[name] = try i.string(value) }
            }
            let styles: [String: [String: String]] = [
                "plain": ["decoration": "# "], "erlang": ["decoration": "% "], "c": ["decoration": "// "],
                "cblock": ["beginning": "/*", "decoration": " * ", "end": " */"],
                "xml": ["beginning": "<!--", "decoration": " - ", "end": "-->"],
            ]
            guard let styleParameters = styles[style] else { throw TemplateError(.value, "comment: unknown style '\(style)'") }
            let prepostfix = keywords["decoration"] ?? styleParameters["decoration"]!
            var p: [String: String] = [
                "newline": "\n", "beginning": "", "prefix": rstrip(prepostfix), "prefix_count": "1", "decoration": "",
                "postfix": rstrip(prepostfix), "postfix_count": "1", "end": "",
            ]
            p.merge(styleParameters) { $1 }
            p.merge(keywords) { $1 }
            let newline = p["newline"]!, decoration = p["decoration"]!
            guard let prefixCount = Int(p["prefix_count"]!), let postfixCount = Int(p["postfix_count"]!) else {
                throw TemplateError(.value, "comment: prefix_count and postfix_count are numbers")
            }
            var out = p["beginning"]!.isEmpty ? "" : p["beginning"]! + newline
            if let prefix = p["prefix"], !prefix.isEmpty {
                out += String(repeating: prefix == newline ? newline : prefix + newline, count: max(prefixCount, 0))
            }
            out += (decoration + text.replacingOccurrences(of: newline, with: newline + decoration))
                .replacingOccurrences(of: decoration + newline, with: rstrip(decoration) + newline)
            out += ([""] + Array(repeating: p["postfix"]!, count: max(postfixCount, 0))).joined(separator: newline)
            if !p["end"]!.isEmpty { out += newline + p["end"]! }
            return .string(out)
        },
        /// The Python class name of the value.
        "type_debug": { i, v, a throws(TemplateError) in
            _ = try a.bind("type_debug", [])
            return .string(v.typeName)
        },
    ]

    /// Python's `str.rstrip()`: trailing whitespace off.
    private static func rstrip(_ s: String) -> String {
        var t = Substring(s)
        while let last = t.last, last.isWhitespace { t = t.dropLast() }
        return String(t)
    }

    private static func merge(_ base: ValueDict, _ other: ValueDict, recursive: Bool) -> ValueDict {
        var result = base
        for (k, v) in other.pairs {
            if recursive, case .dict(let old)? = result[k], case .dict(let new) = v {
                result[k] = .dict(merge(old, new, recursive: true))
            } else {
                result[k] = v
            }
        }
        return result
    }
}
