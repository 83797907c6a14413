import Foundation
import TemplateLanguage
import YAMLKit

/// copier's questions, answered as copier 9 answers them: in file order, each default and choice
/// rendered over the answers before it, cast to the question's type, checked against its choices
/// and its `validator`; a question whose `when` is false is not asked and takes its default,
/// and is not recorded (nor is a `secret` one).
extension CopierTemplate {
    struct Resolved {
        var values: ResolvedValues
        var context: ValueDict
    }

    /// `folderName`: the service folder's name, `_folder_name` (recorded, so a re-render in a fleet
    /// workspace sees the same one). `source`: the template as the user named it, `_src_path`.
    func resolve(manifest: Manifest, inputs: ValueInputs, environment: Environment, source: String,
                 prompt: Prompter?) throws(GoldenPathError) -> Resolved {
        var layers = Layers(manifest: manifest, extraNames: ["_folder_name"])
        try layers.collect(inputs)
        let folderName = try layers.parameterValues["_folder_name"].map { (v) throws(GoldenPathError) in try Self.text(v) } ?? manifest.metadata.name

        var answers = ValueDict()
        var recorded: [ResolvedAnswer] = []
        if layers.parameterValues["_folder_name"] != nil {
            recorded.append(ResolvedAnswer(name: "_folder_name", value: .string(folderName), source: .argument(label: "folder")))
        }
        var conf = ValueDict([
            ("src_path", .string(source)), ("dst_path", .string(".")), ("vcs_ref", .none), ("vcs_ref_hash", .none),
            ("sep", .string("/")), ("os", .string("linux")), ("defaults", .bool(prompt == nil)), ("quiet", .bool(false)),
            ("pretend", .bool(false)), ("overwrite", .bool(false)), ("unsafe", .bool(false)),
        ])
        func context(_ extra: [(String, Value)] = []) -> ValueDict {
            var c = answers
            c["_copier_conf"] = .dict(conf)
            c["_folder_name"] = .string(folderName)
            c["_copier_python"] = .string("python3")
            c["_copier_phase"] = .string("prompt")
            for (k, v) in extra { c[k] = v }
            return c
        }
        func render(_ text: String, _ q: Question, _ what: String, _ extra: [(String, Value)] = []) throws(GoldenPathError) -> String {
            do throws(TemplateError) { return try environment.renderString(text, name: file, context: context(extra)) }
            catch { throw GoldenPathError(file: file, mark: q.mark, keyPath: "\(q.name).\(what)", message: "cannot render: \(error.message)") }
        }
        /// copier's `render_value`: strings are templates, lists item by item, anything else as is.
        func renderValue(_ value: Value, _ q: Question, _ what: String) throws(GoldenPathError) -> Value {
            switch value {
            case .string(let s): return .string(try render(s, q, what))
            case .list(let items):
                var out: [Value] = []
                for item in items { out.append(try renderValue(item, q, what)) }
                return .list(out)
            default: return value
            }
        }

        for q in questions {
            let problem = { (message: String) in
                GoldenPathError(file: file, mark: q.mark, keyPath: q.name, message: message)
            }
            let type = q.type ?? Self.inferredType(q.defaultNode)
            // The choices: names rendered as text, values rendered and cast; a choice whose
            // `validator` renders non-empty is disabled.
            var choices: [(name: String, value: Value, disabled: String)] = []
            if let node = q.choices {
                var items: [(Value, Value)] = []
                if let scalar = node.scalar {
                    let parsed = Self.parseYAML(try render(scalar.value, q, "choices"))
                    if case .list(let list) = parsed { items = list.map { ($0, $0) } }
                    else if case .dict(let d) = parsed { items = d.pairs.map { ($0.key, $0.value) } }
                } else if let pairs = node.mapping {
                    items = pairs.map { (Value(yaml: $0.key), Value(yaml: $0.value)) }
                } else {
                    for item in node.sequence ?? [] {
                        if let pair = item.sequence, pair.count == 2 { items.append((Value(yaml: pair[0]), Value(yaml: pair[1]))) }
                        else { items.append((Value(yaml: item), Value(yaml: item))) }
                    }
                }
                for (name, value) in items {
                    var value = value
                    var disabled = ""
                    if case .dict(let extended) = value {
                        guard let inner = extended[.string("value")] else { throw problem("a choice given as a mapping needs 'value'") }
                        if case .string(let validator)? = extended[.string("validator")] { disabled = try render(validator, q, "choices") }
                        value = inner
                    }
                    let shownName = try renderValue(name, q, "choices").pythonString
                    let cast = try Self.cast(try renderValue(value, q, "choices"), to: type).get(problem)
                    choices.append((shownName, cast, disabled.trimmingCharacters(in: .whitespacesAndNewlines)))
                }
            }
            func parse(_ answer: Value) throws(GoldenPathError) -> Value {
                if q.multiselect {
                    var items: [Value]
                    if case .string(let text) = answer { items = Self.parseYAML(text).listItems } else { items = answer.listItems }
                    var cast: [Value] = []
                    for item in items { cast.append(try Self.cast(item, to: type).get(problem)) }
                    return .list(choices.map(\.value).filter { cast.contains($0) })
                }
                let cast = try Self.cast(answer, to: type).get(problem)
                guard !choices.isEmpty else { return cast }
                if let match = choices.first(where: { $0.value == cast }) {
                    guard match.disabled.isEmpty else { throw problem("Invalid choice for '\(q.name)': \(match.disabled)") }
                    return cast
                }
                throw problem("Invalid choice for '\(q.name)': \(cast.pythonRepr) is not in "
                              + Value.list(choices.filter { $0.disabled.isEmpty }.map(\.value)).pythonRepr)
            }
            func validate(_ value: Value) throws(GoldenPathError) {
                guard let validator = q.validator else { return }
                let message = try render(validator, q, "validator", [(q.name, value)]).trimmingCharacters(in: .whitespacesAndNewlines)
                if !message.isEmpty { throw problem("Validation error for question '\(q.name)': \(message)") }
            }

            let when = try q.when.map { (node) throws(GoldenPathError) -> Bool in
                let value = Value(yaml: node)
                if case .string(let s) = value { return Self.castToBool(.string(try render(s, q, "when"))) }
                return Self.castToBool(value)
            } ?? true

            let given = when ? layers.parameterValues[q.name] : nil
            var value: Value
            var source = ValueSource.goldenPathDefault
            if let given {
                // A bad value is the user's: the error points at it (the --set argument, the
                // values file line), not at the question.
                do throws(GoldenPathError) {
                    switch given.written {
                    case .yaml(let node): value = try parse(Value(yaml: node))
                    case .text(let text): value = try parse(.string(text))
                    }
                    try validate(value)
                } catch {
                    throw given.problem(key: q.name, error.message)
                }
                source = given.source
            } else if let node = q.defaultNode {
                value = try parse(try renderValue(Value(yaml: node), q, "default"))
                if when && !q.secret { try validate(value) }
                if when, let prompt, let answer = try Self.ask(q, type: type, default: value, choices: choices, prompt, parse: parse, validate: validate) {
                    (value, source) = (answer, .prompt)
                }
            } else if when, let prompt, let answer = try Self.ask(q, type: type, default: nil, choices: choices, prompt, parse: parse, validate: validate) {
                (value, source) = (answer, .prompt)
            } else if when {
                throw problem("question '\(q.name)' has no default and no answer (give it with --set \(q.name)=VALUE)")
            } else {
                value = .none
            }
            answers[q.name] = value
            if when && !q.secret { recorded.append(ResolvedAnswer(name: q.name, value: value, source: source)) }
        }

        // `_copier_answers`: what copier writes to its answers file (`_src_path`, then the
        // remembered answers); `_commit` only for a git template.
        var remembered = ValueDict()
        if let origin { remembered["_commit"] = .string(origin.tag) }
        remembered["_src_path"] = .string(origin?.srcPath ?? source)
        for answer in recorded where !answer.name.hasPrefix("_") { remembered[answer.name] = answer.value }
        // The answers file's path is a template too (rendered, as copier does, with it empty).
        conf["answers_file"] = .string("")
        do throws(TemplateError) { conf["answers_file"] = .string(try environment.renderString(answersFile, name: file, context: context())) }
        catch { throw GoldenPathError(file: file, mark: .none, keyPath: "_answers_file", message: "cannot render: \(error.message)") }
        var full = context()
        full["_copier_answers"] = .dict(remembered)
        full["_copier_phase"] = .string("render")
        let values = ResolvedValues(answers: recorded, platform: try PlatformDefaults(settings: []), explicitPlatform: [])
        return Resolved(values: values, context: full)
    }

    /// Asks at the terminal (the help, the default, the choices by name or number, a multiselect as
    /// `a, b`), re-asking after a bad answer. Nil when Enter keeps the default or input ends.
    private static func ask(_ q: Question, type: String, default value: Value?, choices: [(name: String, value: Value, disabled: String)],
                            _ prompt: Prompter, parse: (Value) throws(GoldenPathError) -> Value,
                            validate: (Value) throws(GoldenPathError) -> Void) throws(GoldenPathError) -> Value? {
        var shown = Parameter(name: q.name, type: q.multiselect ? .multichoice : .string, description: q.help, mark: q.mark)
        shown.defaultNode = value.map { YAMLNode(value: $0) }
        if !choices.isEmpty { shown.choices = choices.map(\.name) }
        var request = PromptRequest(parameter: shown, problem: nil)
        while let text = prompt(request) {
            if text.isEmpty, value != nil { return nil }  // Enter keeps the default, which stays one
            var answer: Value = .string(text)
            // A multiselect typed at the prompt: `a, b` as well as `[a, b]`.
            if q.multiselect, !text.hasPrefix("[") {
                answer = .list(text.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 != .string("") })
            } else if let n = Int(text), !choices.isEmpty, (1...choices.count).contains(n), !q.multiselect { answer = choices[n - 1].value }
            else if let named = choices.first(where: { $0.name == text }) { answer = named.value }
            do throws(GoldenPathError) {
                let parsed = try parse(answer)
                try validate(parsed)
                return parsed
            } catch {
                request.problem = GoldenPathError(file: "prompt", line: 1, column: 1, keyPath: q.name, message: error.message)
            }
        }
        return nil
    }

    /// copier's type from the default: `bool`, `int`, `float` or `str` as Python's type name of
    /// the YAML value, else `yaml`.
    static func inferredType(_ node: YAMLNode?) -> String {
        switch node?.scalar?.resolved {
        case .bool?: return "bool"
        case .int?: return "int"
        case .float?: return "float"
        case .string?: return "str"
        default: return "yaml"
        }
    }

    /// copier's `CAST_STR_TO_NATIVE`.
    static func cast(_ value: Value, to type: String) -> Result<Value, ValueProblem> {
        switch type {
        case "str":
            if value == .none { return .failure(.init("expected text, got None")) }
            return .success(.string(value.pythonString))
        case "int":
            switch value {
            case .int, .bool: return .success(.int(value == .bool(true) ? 1 : (value == .bool(false) ? 0 : value.intValue!)))
            case .float(let d) where d.isFinite: return .success(.int(Int(d)))
            case .string(let s):
                if let i = Int(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")) { return .success(.int(i)) }
                return .failure(.init("invalid literal for int() with base 10: \(Value.string(s).pythonRepr)"))
            default: return .failure(.init("expected an integer, got \(value.pythonRepr)"))
            }
        case "float":
            switch value {
            case .int(let i): return .success(.float(Double(i)))
            case .float: return .success(value)
            case .string(let s):
                if let d = Double(s.trimmingCharacters(in: .whitespaces)) { return .success(.float(d)) }
                return .failure(.init("could not convert string to float: \(Value.string(s).pythonRepr)"))
            default: return .failure(.init("expected a number, got \(value.pythonRepr)"))
            }
        case "bool":
            return .success(.bool(castToBool(value)))
        case "json":
            guard case .string(let s) = value else { return .success(value) }
            guard let data = s.data(using: .utf8), (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
                return .failure(.init("not valid JSON: \(Value.string(s).pythonRepr)"))
            }
            return .success(parseYAML(s))  // JSON is YAML; this keeps the key order JSONSerialization loses
        default:  // yaml
            guard case .string(let s) = value else { return .success(value) }
            return .success(parseYAML(s))
        }
    }

    /// copier's `cast_to_bool`.
    static func castToBool(_ value: Value) -> Bool {
        switch value {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .none: return false
        case .string(let s):
            if let d = Double(s.trimmingCharacters(in: .whitespaces)) { return d != 0 }
            let lower = s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if lower.isEmpty { return false }
            if ["y", "yes", "t", "true", "on"].contains(lower) { return true }
            if ["n", "no", "f", "false", "off", "~", "null", "none"].contains(lower) { return false }
            return true
        default: return value.isTruthy
        }
    }

    /// `yaml.safe_load` of a string; text that is not YAML stays text.
    static func parseYAML(_ text: String) -> Value {
        guard let node = try? YAML.parseDocument(text, file: "<answer>") else { return .string(text) }
        return Value(yaml: node)
    }

    private static func text(_ given: ExplicitValue) throws(GoldenPathError) -> String {
        switch given.written {
        case .yaml(let node): return node.scalar?.value ?? ""
        case .text(let text): return text
        }
    }
}

private extension Result where Failure == ValueProblem {
    func get(_ problem: (String) -> GoldenPathError) throws(GoldenPathError) -> Success {
        switch self {
        case .success(let v): return v
        case .failure(let p): throw problem(p.message)
        }
    }
}

private extension Value {
    var intValue: Int? { if case .int(let i) = self { return i } else { return nil } }
}
