import Foundation
import TemplateLanguage
import YAMLKit

/// Turning what a user wrote into a typed parameter value, and checking it against the declared rules.
/// Failures are plain messages; callers attach the file, position and layer.
extension Parameter {
    /// A value written in YAML (values files, manifest defaults, answers files): the YAML type must match
    /// the declared type, so `port: "8080"` for an integer is an error rather than a silent conversion.
    public func coerce(yaml node: YAMLNode) -> Result<Value, ValueProblem> {
        switch type {
        case .string:
            guard case .string(let s)? = node.scalar?.resolved else {
                return .failure(.init("expected a string, got \(node.kindDescription)" + quoteHint(node)))
            }
            return .success(.string(s))
        case .integer:
            guard case .int(let i)? = node.scalar?.resolved else {
                return .failure(.init("expected an integer, got \(node.kindDescription)"))
            }
            return .success(.int(i))
        case .number:
            switch node.scalar?.resolved {
            case .int(let i)?: return .success(.int(i))
            case .float(let d)? where d.isFinite: return .success(.float(d))
            default: return .failure(.init("expected a number, got \(node.kindDescription)"))
            }
        case .boolean:
            guard case .bool(let b)? = node.scalar?.resolved else {
                return .failure(.init("expected true or false, got \(node.kindDescription)"))
            }
            return .success(.bool(b))
        case .choice:
            guard let s = node.scalar, s.resolved != .null else {
                return .failure(.init("expected one of the choices, got \(node.kindDescription)"))
            }
            return .success(.string(s.value))
        case .multichoice:
            guard let items = node.sequence else {
                return .failure(.init("expected a list of choices, got \(node.kindDescription)"))
            }
            var values: [Value] = []
            for item in items {
                guard let s = item.scalar, s.resolved != .null else {
                    return .failure(.init("expected a list of choices, got \(item.kindDescription) in it"))
                }
                values.append(.string(s.value))
            }
            return .success(.list(values))
        case .list:
            guard node.sequence != nil else { return .failure(.init("expected a list, got \(node.kindDescription)")) }
            return .success(Value(yaml: node))
        }
    }

    /// A value typed as text (`--set KEY=VALUE`, a prompt): read as the declared type, so `--set port=8080`
    /// is an integer and `--set name=012` the string "012". Lists are `[a, b]` in YAML flow style or `a,b`.
    public func coerce(text: String) -> Result<Value, ValueProblem> {
        switch type {
        case .string, .choice:
            return .success(.string(text))
        case .integer:
            guard case .int(let i) = CoreSchema.resolvePlain(text) else {
                return .failure(.init("expected an integer, got '\(text)'"))
            }
            return .success(.int(i))
        case .number:
            switch CoreSchema.resolvePlain(text) {
            case .int(let i): return .success(.int(i))
            case .float(let d) where d.isFinite: return .success(.float(d))
            default: return .failure(.init("expected a number, got '\(text)'"))
            }
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "y", "on": return .success(.bool(true))
            case "false", "no", "n", "off": return .success(.bool(false))
            default: return .failure(.init("expected true or false, got '\(text)'"))
            }
        case .multichoice, .list:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                guard let node = try? YAML.parseDocument(trimmed, file: "--set"), node.sequence != nil else {
                    return .failure(.init("expected a list like [a, b], got '\(text)'"))
                }
                return coerce(yaml: node)
            }
            let items = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return .success(.list(items.map(Value.string)))
        }
    }

    /// Why `value` breaks a declared rule (choices, pattern, range, length, format), or nil.
    public func problem(with value: Value) -> ValueProblem? {
        switch value {
        case .string(let s):
            if required && s.isEmpty { return .init("is required and must not be empty") }
            if let choices, !choices.contains(s) { return .init(choiceMessage(s, choices)) }
            if let minLength, s.count < minLength { return .init("must be at least \(minLength) characters long") }
            if let maxLength, s.count > maxLength { return .init("must be at most \(maxLength) characters long") }
            if let pattern, !Self.matches(s, pattern) { return .init("must match the pattern \(pattern)") }
            if let format, let p = format.problem(with: s) { return .init(p) }
        case .int(let i):
            return rangeProblem(Double(i))
        case .float(let d):
            return rangeProblem(d)
        case .list(let items):
            if let minLength, items.count < minLength { return .init("must have at least \(minLength) items") }
            if let maxLength, items.count > maxLength { return .init("must have at most \(maxLength) items") }
            if let choices {
                var seen: Set<String> = []
                for item in items {
                    let s = item.stringValue ?? ""
                    if !choices.contains(s) { return .init(choiceMessage(s, choices)) }
                    if !seen.insert(s).inserted { return .init("lists '\(s)' twice") }
                }
            }
        default:
            break
        }
        return nil
    }

    /// Coerces and checks in one go.
    public func validated(yaml node: YAMLNode) -> Result<Value, ValueProblem> {
        coerce(yaml: node).flatMap { v in problem(with: v).map { .failure($0) } ?? .success(v) }
    }

    public func validated(text: String) -> Result<Value, ValueProblem> {
        coerce(text: text).flatMap { v in problem(with: v).map { .failure($0) } ?? .success(v) }
    }

    private func rangeProblem(_ d: Double) -> ValueProblem? {
        if let min, d < min { return .init("must be at least \(Self.number(min))") }
        if let max, d > max { return .init("must be at most \(Self.number(max))") }
        return nil
    }

    private func choiceMessage(_ s: String, _ choices: [String]) -> String {
        let list = choices.map { "'\($0)'" }.joined(separator: ", ")
        if let guess = DidYouMean.suggestion(for: s, among: choices) {
            return "'\(s)' is not one of \(list); did you mean '\(guess)'?"
        }
        return "'\(s)' is not one of \(list)"
    }

    private func quoteHint(_ node: YAMLNode) -> String {
        guard let s = node.scalar, s.style == .plain, s.resolved != .null else { return "" }
        return " (quote it to make it a string: '\(s.value)')"
    }

    public static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    /// Whole-string match: `pattern: "[a-z]+"` means the entire value, a trailing newline included.
    /// Swift's own regular expressions, by Unicode scalar as ICU and JSON Schema match: compiling
    /// one costs a tenth of NSRegularExpression's first use, which loads ICU.
    static func matches(_ s: String, _ pattern: String) -> Bool {
        guard let regex = compile(pattern) else { return false }
        return (try? regex.wholeMatch(in: s)) != nil
    }

    static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
        (try? Regex("(?:\(pattern))"))?.matchingSemantics(.unicodeScalar)
    }
}

/// Why a value was rejected, without location: the caller knows where the value came from.
public struct ValueProblem: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
