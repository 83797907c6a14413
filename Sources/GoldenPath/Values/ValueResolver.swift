import Locations
import TemplateLanguage
import YAMLKit

/// A parameter's final value and the layer it came from.
public struct ResolvedAnswer: Sendable {
    public var name: String
    public var value: Value
    public var source: ValueSource
    /// Recorded under `answers:` even when it came from a default (a `sticky` parameter).
    public var sticky = false

    /// Whether `.scaffold.yaml` records it under `answers:` (never re-resolved) rather than `defaults:`.
    var isRecordedAsAnswer: Bool { sticky || source.isExplicit }
}

/// What a prompt is asked for: a required parameter that no layer answered.
public struct PromptRequest: Sendable {
    public var parameter: Parameter
    /// Why the previous answer was rejected, when re-asking.
    public var problem: GoldenPathError?
}

/// Asks the user; nil means no answer (end of input), leaving the parameter missing.
public typealias Prompter = (PromptRequest) -> String?

/// A value the user gave for a parameter that is not asked in this render (its `when` is false).
public struct UnusedValue: Sendable, Equatable {
    public var parameter: String
    public var condition: String
    public var source: ValueSource
    public var location: SourceLocation?

    public var message: String { "'\(parameter)' is not used: its condition `\(condition)` is false" }
}

/// The result of layering: parameter answers in declaration order, and the validated platform defaults.
public struct ResolvedValues: Sendable {
    /// Active parameters only: those whose `when` was false, or that are optional without a value, are absent.
    public var answers: [ResolvedAnswer]
    public var platform: PlatformDefaults
    /// The winning platform settings the user gave explicitly, to record in `.scaffold.yaml`.
    var explicitPlatform: [PlatformSetting]
    /// Values given with `--set` or `--values` for parameters whose `when` is false: not used,
    /// which the user should hear about.
    public var unused: [UnusedValue] = []

    /// Answers by name, as the top level of the render context.
    public var answerDict: ValueDict {
        var dict = ValueDict()
        for a in answers { dict[a.name] = a.value }
        return dict
    }

    /// Values the user gave: parameters and platform overrides (nested, canonical keys), for `answers:`.
    public var explicitAnswers: AnswerEntries {
        var entries = AnswerEntries()
        for a in answers where a.isRecordedAsAnswer { entries[a.name] = YAMLNode(value: a.value) }
        for setting in explicitPlatform {
            let parts = setting.key.rawValue.split(separator: ".").map(String.init)
            entries[parts[0]] = Self.inserting(setting.node, at: parts.dropFirst(), into: entries[parts[0]])
        }
        return entries
    }

    /// Parameter values that came from defaults, for `defaults:`.
    public var defaultAnswers: AnswerEntries {
        var entries = AnswerEntries()
        for a in answers where !a.isRecordedAsAnswer { entries[a.name] = YAMLNode(value: a.value) }
        return entries
    }

    private static func inserting(_ leaf: YAMLNode, at path: ArraySlice<String>, into node: YAMLNode?) -> YAMLNode {
        guard let key = path.first else { return YAMLNode(.scalar(leaf.scalar ?? YAMLScalar("", style: .plain))) }
        var entries = AnswerEntries(node?.mapping ?? [])
        entries[key] = inserting(leaf, at: path.dropFirst(), into: entries[key])
        return entries.node
    }
}

/// Layers values (platform.yaml < golden path defaults < recorded answers < values files < --set < prompts),
/// validates each against its parameter or platform rule, and reports errors with the value's layer.
public enum ValueResolver {
    public static func resolve(_ manifest: Manifest, inputs: ValueInputs, render: RenderString, evaluate: EvaluateCondition,
                               prompt: Prompter? = nil) throws(GoldenPathError) -> ResolvedValues {
        var layers = Layers(manifest: manifest)
        try layers.collect(inputs)

        var context = ValueDict()
        var answers: [ResolvedAnswer] = []
        var missing: [Parameter] = []
        var unused: [UnusedValue] = []
        for p in manifest.spec.parameters {
            if let condition = p.when {
                let active: Bool
                do {
                    active = try evaluate(condition, context)
                } catch {
                    if !missing.isEmpty { continue }
                    throw GoldenPathError(file: manifest.file, mark: p.mark, keyPath: "\(p.keyPath).when", message: "cannot evaluate '\(condition)': \(error)")
                }
                if !active {
                    if let given = layers.parameterValues[p.name], given.source.isGivenForThisRun {
                        unused.append(UnusedValue(parameter: p.name, condition: condition, source: given.source,
                                                  location: given.file.map { SourceLocation(file: $0, line: given.mark.line, column: given.mark.column) }))
                    }
                    continue
                }
            }
            var answer: ResolvedAnswer?
            if let explicit = layers.parameterValues[p.name] {
                answer = ResolvedAnswer(name: p.name, value: try explicit.validate(p), source: explicit.source)
            } else if let d = p.defaultNode {
                guard let value = try defaultValue(p, d, manifest: manifest, context: context, render: render, failQuietly: !missing.isEmpty) else { continue }
                answer = ResolvedAnswer(name: p.name, value: value, source: .goldenPathDefault)
            }
            // At a terminal every parameter nobody gave is asked, in order, its default shown
            // (Enter keeps it, and it stays a default), when making a service; otherwise (an
            // upgrade) only what has no value. End of input aborts the whole command.
            if let prompt, layers.parameterValues[p.name] == nil, inputs.asksEveryParameter || answer == nil && p.required {
                switch try ask(p, default: answer?.value, with: prompt, manifest: manifest) {
                case .answered(let given): answer = given
                case .keptDefault: break
                }
            } else if answer == nil, p.required {
                missing.append(p)
            }
            if var answer {
                answer.sticky = p.sticky
                context[p.name] = answer.value
                answers.append(answer)
            }
        }
        if !missing.isEmpty { throw missingError(missing, manifest: manifest, unasked: inputs.unaskedReason) }
        let platform = try PlatformDefaults(settings: layers.platformSettings)
        var winners: [PlatformKey: PlatformSetting] = [:]
        for s in layers.platformSettings { winners[s.key] = s }
        let explicit = PlatformKey.allCases.compactMap { winners[$0] }.filter { $0.source.isExplicit }
        var resolved = ResolvedValues(answers: answers, platform: platform, explicitPlatform: explicit)
        resolved.unused = unused
        return resolved
    }

    enum Asked { case answered(ResolvedAnswer?), keptDefault }

    /// Asks until the answer is valid: Enter keeps the default (or, for an optional parameter
    /// without one, leaves it unset); a choice may be answered by its number; end of input
    /// (Ctrl-D) aborts, nothing having been written.
    private static func ask(_ p: Parameter, default value: Value?, with prompt: Prompter,
                            manifest: Manifest) throws(GoldenPathError) -> Asked {
        var shown = p
        if let value { shown.defaultNode = YAMLNode(value: value) }
        var request = PromptRequest(parameter: shown, problem: nil)
        while let typed = prompt(request) {
            var text = typed.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if value != nil { return .keptDefault }
                let needsOne = p.required || ((p.type == .list || p.type == .multichoice) && (p.minLength ?? 0) > 0)
                if !needsOne { return .answered(nil) }
                request.problem = GoldenPathError(file: "prompt", line: 1, column: 1, keyPath: p.name,
                                                  message: "a value is required", value: text, source: .prompt)
                continue
            }
            if let choices = p.choices, !choices.isEmpty {
                // Choices by number: `2`, or `1,3` for several.
                let parts = p.type == .multichoice ? text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : [text]
                let named = parts.map { part -> String in
                    if let n = Int(part), (1...choices.count).contains(n) { return choices[n - 1] }
                    return part
                }
                text = named.joined(separator: ",")
            }
            switch p.validated(text: text) {
            case .success(let value): return .answered(ResolvedAnswer(name: p.name, value: value, source: .prompt))
            case .failure(let problem):
                request.problem = GoldenPathError(file: "prompt", line: 1, column: 1, keyPath: p.name, message: problem.message,
                                                  value: text, source: .prompt)
            }
        }
        throw GoldenPathError(file: manifest.file, mark: p.mark, keyPath: p.name,
                              message: "no answer for '\(p.name)' (end of input): stopped, nothing was written")
    }

    private static func defaultValue(_ p: Parameter, _ node: YAMLNode, manifest: Manifest, context: ValueDict,
                                     render: RenderString, failQuietly: Bool) throws(GoldenPathError) -> Value? {
        let keyPath = "\(p.keyPath).default"
        guard let template = p.templatedDefault else {
            // Literal defaults were validated when the manifest was decoded.
            return try p.validated(yaml: node).get(file: manifest.file, mark: node.mark, keyPath: keyPath, value: node.scalar?.value, source: .goldenPathDefault)
        }
        let rendered: String
        do {
            rendered = try render(template, context)
        } catch {
            if failQuietly { return nil }
            throw GoldenPathError(file: manifest.file, mark: node.mark, keyPath: keyPath, message: "cannot render the default: \(error)",
                                  value: template, source: .goldenPathDefault)
        }
        return try p.validated(text: rendered).get(file: manifest.file, mark: node.mark, keyPath: keyPath,
                                                   value: "\(template)` rendered as `\(rendered)", source: .goldenPathDefault)
    }

    private static func missingError(_ missing: [Parameter], manifest: Manifest, unasked: String?) -> GoldenPathError {
        let lines = missing.map { p in "  \(p.name)" + (p.description.map { ": \($0)" } ?? "") }
        let noun = missing.count == 1 ? "parameter has" : "parameters have"
        let advice = unasked.map { "\($0): pass --no-input and --set/--values" } ?? "give them with --set NAME=VALUE or --values FILE"
        return GoldenPathError(file: manifest.file, mark: missing[0].mark, keyPath: "",
                               message: "\(missing.count) required \(noun) no value (\(advice)):\n" + lines.joined(separator: "\n"))
    }
}

extension Result where Failure == ValueProblem {
    /// The value, or the problem located at `mark` in `file` (nowhere when `file` is nil).
    func get(file: String?, mark: Mark, keyPath: String, value: String?, source: ValueSource) throws(GoldenPathError) -> Success {
        switch self {
        case .success(let v): return v
        case .failure(let problem):
            var error = GoldenPathError(file: file ?? "", mark: mark, keyPath: keyPath, message: problem.message, value: value,
                                        source: source)
            if file == nil { error.location = nil }
            throw error
        }
    }
}
