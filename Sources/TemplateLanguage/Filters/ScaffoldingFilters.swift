import Foundation

/// Scaffolding extensions: NOT part of Jinja2. They exist because project templates need
/// identifiers in several spellings and structured output, and copier/cookiecutter templates
/// already use filters of these names. None depends on the clock, environment or randomness.
extension Filters {
    static let scaffoldingFilters: [String: FilterFunction] = [
        /// Extension: python-slugify's `slugify` (cookiecutter's filter), with its arguments:
        /// `entities, decimal, hexadecimal, max_length, word_boundary, separator, save_order,
        /// stopwords, regex_pattern (not supported), lowercase, replacements, allow_unicode`.
        "slugify": { i, v, a throws(TemplateError) in
            let args = try a.bind("slugify", ["entities", "decimal", "hexadecimal", "max_length", "word_boundary", "separator",
                                              "save_order", "stopwords", "regex_pattern", "lowercase", "replacements", "allow_unicode"])
            var slugify = Slugify()
            slugify.entities = bool(args[0], default: true)
            slugify.decimal = bool(args[1], default: true)
            slugify.hexadecimal = bool(args[2], default: true)
            slugify.maxLength = try int(args[3], "slugify", default: 0)
            slugify.wordBoundary = bool(args[4])
            slugify.separator = try args[5].map { (s) throws(TemplateError) in try i.string(s) } ?? "-"
            slugify.saveOrder = bool(args[6])
            slugify.stopwords = try (args[7].map { (s) throws(TemplateError) in try i.iterate(s) } ?? []).map { (w) throws(TemplateError) in try i.string(w) }
            if let pattern = args[8], pattern != .none {
                throw TemplateError(.value, "slugify: regex_pattern is not supported (Python and ICU regular expressions differ)")
            }
            slugify.lowercase = bool(args[9], default: true)
            for pair in try args[10].map({ (s) throws(TemplateError) in try i.iterate(s) }) ?? [] {
                let items = try i.iterate(pair)
                guard items.count == 2 else { throw TemplateError(.value, "slugify: each replacement is a pair [old, new]") }
                slugify.replacements.append((try i.string(items[0]), try i.string(items[1])))
            }
            slugify.allowUnicode = bool(args[11])
            return .string(slugify(try i.string(v)))
        },
        /// Extension: `snake_case` ("PaymentsAPI v2" -> "payments_api_v2").
        "snake_case": { i, v, a throws(TemplateError) in
            _ = try a.bind("snake_case", [])
            return .string(words(try i.string(v)).map { $0.lowercased() }.joined(separator: "_"))
        },
        /// Extension: `kebab_case` ("PaymentsAPI v2" -> "payments-api-v2").
        "kebab_case": { i, v, a throws(TemplateError) in
            _ = try a.bind("kebab_case", [])
            return .string(words(try i.string(v)).map { $0.lowercased() }.joined(separator: "-"))
        },
        /// Extension: `camel_case` ("payments service" -> "paymentsService").
        "camel_case": { i, v, a throws(TemplateError) in
            _ = try a.bind("camel_case", [])
            let w = words(try i.string(v))
            return .string((w.first.map { $0.lowercased() } ?? "") + w.dropFirst().map(capitalizeWord).joined())
        },
        /// Extension: `pascal_case` ("payments service" -> "PaymentsService").
        "pascal_case": { i, v, a throws(TemplateError) in
            _ = try a.bind("pascal_case", [])
            return .string(words(try i.string(v)).map(capitalizeWord).joined())
        },
        /// Extension: `dns_label`: a valid DNS-1035 label (lowercase letters, digits and `-`,
        /// starting with a letter, ending with a letter or digit, at most 63 characters).
        "dns_label": { i, v, a throws(TemplateError) in
            _ = try a.bind("dns_label", [])
            let input = try i.string(v)
            var label = Substring(Slugify()(input))
            while let f = label.first, !f.isLetter { label = label.dropFirst() }
            label = label.prefix(63)
            while label.last == "-" { label = label.dropLast() }
            guard !label.isEmpty else { throw TemplateError(.value, "dns_label: \(Value.string(input).pythonRepr) has no letters to make a DNS label from") }
            return .string(String(label))
        },
        /// Extension: `to_yaml`, as copier's (jinja2-ansible-filters):
        /// `yaml.dump(value, allow_unicode=True, default_flow_style=None)`.
        "to_yaml": { i, v, a throws(TemplateError) in
            _ = try a.bind("to_yaml", [])
            return .string(try YAMLDumper(flowLeaves: true, indentStep: 2).dump(try i.defined(v)))
        },
        /// Extension: `to_nice_yaml(indent=4)`, as copier's:
        /// `yaml.dump(value, indent=indent, allow_unicode=True, default_flow_style=False)`.
        "to_nice_yaml": { i, v, a throws(TemplateError) in
            let args = try a.bind("to_nice_yaml", ["indent"])
            let indent = try int(args[0], "to_nice_yaml", default: 4)
            guard (2...9).contains(indent) else { throw TemplateError(.value, "to_nice_yaml: indent must be between 2 and 9") }
            return .string(try YAMLDumper(flowLeaves: false, indentStep: indent).dump(try i.defined(v)))
        },
        /// Extension: `regex_replace(pattern, replacement, ignorecase=False, multiline=False)`,
        /// as Ansible's: Python's `re.sub` (`\1` and `\g<1>` refer to groups).
        "regex_replace": { i, v, a throws(TemplateError) in
            let args = try a.bind("regex_replace", ["pattern", "replacement", "ignorecase", "multiline"])
            let input = try i.string(v)
            let pattern = try args[0].map { (p) throws(TemplateError) in try i.string(p) } ?? ""
            let replacement = try args[1].map { (r) throws(TemplateError) in try i.string(r) } ?? ""
            let regex = try compileRegex(pattern, ignoreCase: bool(args[2]), multiline: bool(args[3]))
            return .string(regex.stringByReplacingMatches(in: input, range: NSRange(input.startIndex..., in: input),
                                                          withTemplate: try replacementTemplate(replacement)))
        },
        /// Extension: `regex_search(pattern, '\\1'..., ignorecase=False, multiline=False)`, as
        /// Ansible's: the first match (or the listed groups of it), `None` when nothing matches.
        "regex_search": { i, v, a throws(TemplateError) in
            guard let patternValue = a.positional.first else { throw TemplateError(.type, "regex_search() missing required argument 'pattern'") }
            let input = try i.string(v)
            var ignoreCase = false, multiline = false
            for (name, value) in a.keywords {
                switch name {
                case "ignorecase": ignoreCase = value.isTruthy
                case "multiline": multiline = value.isTruthy
                default: throw TemplateError(.type, "regex_search() got an unexpected keyword argument '\(name)'")
                }
            }
            let regex = try compileRegex(try i.string(patternValue), ignoreCase: ignoreCase, multiline: multiline)
            guard let match = regex.firstMatch(in: input, range: NSRange(input.startIndex..., in: input)) else { return .none }
            func group(_ n: Int) -> Value {
                guard n <= match.numberOfRanges - 1, let r = Range(match.range(at: n), in: input) else { return .none }
                return .string(String(input[r]))
            }
            if a.positional.count == 1 { return group(0) }
            var groups: [Value] = []
            for spec in a.positional.dropFirst() {
                let text = try i.string(spec)
                var digits = Substring(text)
                if digits.hasPrefix("\\g<") && digits.hasSuffix(">") { digits = digits.dropFirst(3).dropLast() }
                else if digits.hasPrefix("\\") { digits = digits.dropFirst() }
                else { throw TemplateError(.value, "regex_search: unknown argument \(Value.string(text).pythonRepr)") }
                if let n = Int(digits) {
                    groups.append(group(n))
                } else if let r = Range(match.range(withName: String(digits)), in: input) {
                    groups.append(.string(String(input[r])))
                } else {
                    groups.append(.none)
                }
            }
            return .list(groups)
        },
    ]

    static func compileRegex(_ pattern: String, ignoreCase: Bool, multiline: Bool) throws(TemplateError) -> NSRegularExpression {
        var options: NSRegularExpression.Options = []
        if ignoreCase { options.insert(.caseInsensitive) }
        if multiline { options.insert(.anchorsMatchLines) }
        // Python's named groups `(?P<name>...)` are `(?<name>...)` in ICU.
        let icu = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        do {
            return try NSRegularExpression(pattern: icu, options: options)
        } catch {
            throw TemplateError(.value, "invalid regular expression \(Value.string(pattern).pythonRepr)")
        }
    }

    /// Python `re.sub` replacement (`\1`, `\g<1>`, `\n`) to an ICU template (`$1`, literal `$`).
    private static func replacementTemplate(_ python: String) throws(TemplateError) -> String {
        let c = Array(python.unicodeScalars)
        var out = ""
        var k = 0
        while k < c.count {
            let ch = c[k]
            if ch == "$" { out += "\\$"; k += 1; continue }
            guard ch == "\\", k + 1 < c.count else { out.unicodeScalars.append(ch); k += 1; continue }
            let next = c[k + 1]
            if next.properties.numericType == .decimal {
                var j = k + 1
                var digits = ""
                while j < c.count, j < k + 3, c[j].properties.numericType == .decimal { digits.unicodeScalars.append(c[j]); j += 1 }
                out += "$" + digits
                k = j
            } else if next == "g", k + 2 < c.count, c[k + 2] == "<", let close = c[(k + 3)...].firstIndex(of: ">") {
                let name = String(String.UnicodeScalarView(c[(k + 3)..<close]))
                guard Int(name) != nil else { throw TemplateError(.value, "regex_replace: named group references are not supported") }
                out += "$" + name
                k = close + 1
            } else {
                switch next {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                case "\\": out += "\\\\"
                default: throw TemplateError(.value, "bad escape \\\(Character(next)) in replacement")
                }
                k += 2
            }
        }
        return out
    }

    /// Folds accents away (`é` -> `e`) so identifiers stay ASCII.
    static func asciiFold(_ s: String) -> String {
        let decomposed = s.decomposedStringWithCompatibilityMapping
        var out = String.UnicodeScalarView()
        for c in decomposed.unicodeScalars where c.isASCII { out.append(c) }
        return String(out)
    }

    /// Splits an identifier into words at non-alphanumerics and case changes
    /// (`"HTTPServer payments"` -> `["HTTP", "Server", "payments"]`).
    static func words(_ s: String) -> [String] {
        var result: [String] = []
        for chunk in asciiFold(s).split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let c = Array(chunk)
            var current = ""
            for (k, ch) in c.enumerated() {
                if !current.isEmpty, ch.isUppercase {
                    let previous = c[k - 1]
                    let nextIsLower = k + 1 < c.count && c[k + 1].isLowercase
                    if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                        result.append(current)
                        current = ""
                    }
                }
                current.append(ch)
            }
            if !current.isEmpty { result.append(current) }
        }
        return result
    }

    private static func capitalizeWord(_ w: String) -> String {
        guard let first = w.first else { return w }
        return first.uppercased() + w.dropFirst().lowercased()
    }
}
