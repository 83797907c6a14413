import Foundation
import YAMLKit

extension Parameter {
    /// Names a parameter may not take: they are the render context's own entries or platform default keys.
    static let reservedNames: Set<String> = [
        "defaults", "cicd", "golden_path", "resources", "replicas", "autoscaling",
        "true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else", "loop",
    ]

    static func decode(_ node: YAMLNode, file: String, path: String) throws(GoldenPathError) -> Parameter {
        let r = try MappingReader(node, file: file, path: path, allowed: [
            "name", "description", "type", "default", "required", "choices", "pattern", "min", "max",
            "min_length", "max_length", "format", "when", "sticky",
        ], required: ["name"])
        let name = try r.string("name") ?? ""
        if !isIdentifier(name) {
            throw r.error("name", "'\(name)' is not a valid parameter name (letters, digits and '_', not starting with a digit)")
        }
        if reservedNames.contains(name) { throw r.error("name", "'\(name)' is reserved") }
        var type = ParameterType.string
        if let t = try r.string("type") {
            guard let parsed = ParameterType(rawValue: t) else {
                throw r.error("type", DidYouMean.unknownMessage("type", t, among: ParameterType.allCases.map(\.rawValue)))
            }
            type = parsed
        }
        var p = Parameter(name: name, type: type, description: try r.text("description"), defaultNode: r.value("default"),
                          required: try r.bool("required") ?? false, mark: node.mark, keyPath: path)
        p.when = try r.string("when")
        p.sticky = try r.bool("sticky") ?? false

        if let choicesNode = r.value("choices") {
            guard type == .choice || type == .multichoice else { throw r.error("choices", "only choice and multichoice parameters take choices") }
            guard let items = choicesNode.sequence, !items.isEmpty else { throw r.error("choices", "expected a non-empty list") }
            var choices: [String] = []
            for item in items {
                guard let s = item.scalar, s.resolved != .null else {
                    throw GoldenPathError(file: file, mark: item.mark, keyPath: r.keyPath("choices"), message: "a choice must be a single value, not \(item.kindDescription)")
                }
                if choices.contains(s.value) {
                    throw GoldenPathError(file: file, mark: item.mark, keyPath: r.keyPath("choices"), message: "'\(s.value)' is listed twice")
                }
                choices.append(s.value)
            }
            p.choices = choices
        } else if type == .choice || type == .multichoice {
            throw r.error("type", "a \(type.rawValue) parameter needs `choices`")
        }

        if let pattern = try r.string("pattern") {
            guard type == .string else { throw r.error("pattern", "only string parameters take a pattern") }
            if let problem = regexProblem(pattern) { throw r.error("pattern", problem) }
            p.pattern = pattern
        }
        if let format = try r.string("format") {
            guard type == .string else { throw r.error("format", "only string parameters take a format") }
            guard let f = ParameterFormat(rawValue: format) else {
                throw r.error("format", DidYouMean.unknownMessage("format", format, among: ParameterFormat.allCases.map(\.rawValue)))
            }
            p.format = f
        }
        p.min = try r.number("min")
        p.max = try r.number("max")
        if p.min != nil || p.max != nil, type != .integer && type != .number {
            throw r.error(p.min != nil ? "min" : "max", "only integer and number parameters take min and max")
        }
        if let min = p.min, let max = p.max, min > max { throw r.error("max", "max is below min") }
        p.minLength = try r.int("min_length")
        p.maxLength = try r.int("max_length")
        if p.minLength != nil || p.maxLength != nil, ![.string, .list, .multichoice].contains(type) {
            throw r.error(p.minLength != nil ? "min_length" : "max_length", "only string, list and multichoice parameters take min_length and max_length")
        }
        for key in ["min_length", "max_length"] where (try r.int(key) ?? 0) < 0 { throw r.error(key, "must not be negative") }
        if let min = p.minLength, let max = p.maxLength, min > max { throw r.error("max_length", "max_length is below min_length") }

        if let d = p.defaultNode, p.templatedDefault == nil {
            if case .failure(let problem) = p.validated(yaml: d) {
                throw GoldenPathError(file: file, mark: d.mark, keyPath: r.keyPath("default"), message: "invalid default: \(problem.message)",
                                      value: d.scalar?.value, source: .goldenPathDefault)
            }
        }
        return p
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    static func regexProblem(_ pattern: String) -> String? {
        Parameter.compile(pattern) == nil ? "'\(pattern)' is not a valid regular expression" : nil
    }
}
