import TemplateLanguage
import YAMLKit

/// cookiecutter's variables, resolved as cookiecutter 2 resolves them: the given values replace
/// the defaults as `apply_overwrites_to_context` does (a choice moves to the front, a dict is
/// merged key by key, a boolean is read from yes/no text), then `prompt_for_config` renders each
/// in file order over the earlier ones, dicts last, and `_`-keys pass through as written.
extension CookiecutterTemplate {
    struct Resolved {
        var values: ResolvedValues
        /// What templates see: `cookiecutter` and `_cookiecutter`.
        var context: ValueDict
    }

    /// `cruft`: the project is cruft's, whose context has `_template` and `_commit` (the
    /// repository and the commit rendered) instead of cookiecutter's `_output_dir` and friends,
    /// and no `_cookiecutter`.
    func resolve(manifest: Manifest, inputs: ValueInputs, environment: Environment, directory: String,
                 cruft: (template: String, commit: String)? = nil, prompt: Prompter?) throws(GoldenPathError) -> Resolved {
        var layers = Layers(manifest: manifest, extraNames: variables.filter { $0.kind == .dict || $0.kind == .privateRendered }.map(\.key))
        var inputs = inputs
        inputs.valuesFiles = inputs.valuesFiles.map(Self.unwrappingReplay)
        try layers.collect(inputs)

        var dict = ValueDict()         // cookiecutter_dict, in file order
        var raw = ValueDict()          // `_cookiecutter`: the variables as written, after the overwrites
        var answers: [ResolvedAnswer] = []
        func render(_ value: Value, at mark: Mark, key: String) throws(GoldenPathError) -> Value {
            do throws(TemplateError) { return try Self.renderVariable(value, dict, environment) }
            catch { throw GoldenPathError(file: file, mark: mark, keyPath: key, message: "cannot render the variable: \(error.message)") }
        }

        for pass in 0..<2 {
            for v in variables where (v.kind == .dict) == (pass == 1) {
                let given = layers.parameterValues[v.key]
                var value = Value(yaml: v.node)
                switch v.kind {
                case .privateRaw:
                    dict[v.key] = value
                    continue
                case .privateRendered:
                    if let given { value = try Self.text(given, key: v.key) }
                    dict[v.key] = try render(value, at: v.node.mark, key: v.key)
                    continue
                case .dict:
                    if let given { value = try Self.merged(value, given, key: v.key) }
                case .choice:
                    if let given, let p = manifest.parameter(named: v.key) {
                        let chosen = try given.validate(p)
                        var options = value.listItems
                        options.removeAll { $0.pythonString == chosen.stringValue }
                        value = .list([chosen] + options)
                    }
                case .boolean:
                    if let given { value = try Self.boolean(given, key: v.key) }
                case .string:
                    if let given { value = try Self.text(given, key: v.key) }
                }
                raw[v.key] = value

                var resolved: Value
                var source = given?.source ?? .goldenPathDefault
                switch v.kind {
                case .choice:
                    let options = try render(value, at: v.node.mark, key: v.key).listItems
                    resolved = options.first ?? .none
                    if given == nil, let prompt, let p = manifest.parameter(named: v.key),
                       let answer = Self.ask(p, default: resolved, choices: options, prompt) {
                        resolved = answer
                        source = .prompt
                    }
                case .boolean:
                    resolved = value
                    if given == nil, let prompt, let p = manifest.parameter(named: v.key),
                       let answer = Self.ask(p, default: resolved, choices: nil, prompt) {
                        (resolved, source) = (answer, .prompt)
                    }
                case .string:
                    resolved = try render(value, at: v.node.mark, key: v.key)
                    if given == nil, let prompt, let p = manifest.parameter(named: v.key),
                       let answer = Self.ask(p, default: resolved, choices: nil, prompt) {
                        (resolved, source) = (answer, .prompt)
                    }
                default:
                    resolved = try render(value, at: v.node.mark, key: v.key)
                }
                dict[v.key] = resolved
                answers.append(ResolvedAnswer(name: v.key, value: v.kind == .dict && given != nil ? value : resolved, source: source))
            }
        }
        // The variables cookiecutter's `main` adds for the templates; a folder, not a machine's
        // paths, so renders reproduce.
        let added: [(String, Value)] = cruft.map { [("_template", .string($0.template)), ("_commit", .string($0.commit))] }
            ?? [("_template", .string(directory)), ("_output_dir", .string(".")), ("_repo_dir", .string(directory)), ("_checkout", .none)]
        for (key, value) in added { dict[key] = value }
        var order = answers
        order.sort { a, b in variables.firstIndex { $0.key == a.name }! < variables.firstIndex { $0.key == b.name }! }
        let values = ResolvedValues(answers: order, platform: try PlatformDefaults(settings: []), explicitPlatform: [])
        if cruft != nil { return Resolved(values: values, context: ValueDict([("cookiecutter", .dict(dict))])) }
        // cookiecutter updates its context in place: the file's order, dicts where they are written.
        var ordered = ValueDict()
        for v in variables { if let value = dict[v.key] { ordered[v.key] = value } }
        for (key, value) in dict.pairs where ordered[key] == nil { ordered[key] = value }
        dict = ordered
        return Resolved(values: values, context: ValueDict([("cookiecutter", .dict(dict)), ("_cookiecutter", .dict(raw))]))
    }

    /// A cookiecutter replay file (`~/.cookiecutter_replay/NAME.json`: `{"cookiecutter": {...}}`)
    /// as a values file: its variables, without the `_` entries cookiecutter adds to it.
    static func unwrappingReplay(_ file: ValuesFile) -> ValuesFile {
        guard let pairs = file.node.mapping, pairs.count <= 2, let inner = file.node["cookiecutter"]?.mapping,
              pairs.allSatisfy({ ["cookiecutter", "_cookiecutter"].contains($0.key.scalar?.value ?? "") }) else { return file }
        let kept = inner.filter { !($0.key.scalar?.value ?? "").hasPrefix("_") }
        return ValuesFile(path: file.path, node: YAMLNode(.mapping(kept), mark: file.node.mark))
    }

    /// cookiecutter's `render_variable`: None and booleans as they are, dicts and lists item by
    /// item, anything else as its Python `str()` rendered as a template over `cookiecutter`.
    static func renderVariable(_ value: Value, _ dict: ValueDict, _ environment: Environment) throws(TemplateError) -> Value {
        switch value {
        case .none, .bool: return value
        case .dict(let d):
            var out = ValueDict()
            for (k, v) in d.pairs { out[try renderVariable(k, dict, environment)] = try renderVariable(v, dict, environment) }
            return .dict(out)
        case .list(let items):
            var out: [Value] = []
            for item in items { out.append(try renderVariable(item, dict, environment)) }
            return .list(out)
        default:
            let text = value.pythonString
            guard text.contains("{") else { return .string(text) }
            return .string(try environment.renderString(text, name: "cookiecutter.json", context: ValueDict([("cookiecutter", .dict(dict))])))
        }
    }

    /// Asks at the terminal; a choice is answered by name or number. Nil when Enter keeps the
    /// default (which stays a default: an upgrade resolves it again) or input ends.
    private static func ask(_ p: Parameter, default value: Value, choices: [Value]?, _ prompt: Prompter) -> Value? {
        var shown = p
        shown.defaultNode = YAMLNode(value: value)
        shown.choices = choices?.map(\.pythonString)
        var request = PromptRequest(parameter: shown, problem: nil)
        while let text = prompt(request) {
            if text.isEmpty { return nil }
            if let choices {
                if let n = Int(text), (1...choices.count).contains(n) { return choices[n - 1] }
                if let match = choices.first(where: { $0.pythonString == text }) { return match }
                request.problem = GoldenPathError(file: "prompt", line: 1, column: 1, keyPath: p.name,
                                                  message: "choose one of " + choices.map(\.pythonString).joined(separator: ", ") + " (or its number)")
                continue
            }
            if case .bool = value {
                if let b = yesNo(text) { return .bool(b) }
                request.problem = GoldenPathError(file: "prompt", line: 1, column: 1, keyPath: p.name, message: "answer yes or no")
                continue
            }
            return .string(text)
        }
        return nil
    }

    /// cookiecutter's `YesNoPrompt`.
    static func yesNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "t", "yes", "y", "on": return true
        case "0", "false", "f", "no", "n", "off": return false
        default: return nil
        }
    }

    private static func boolean(_ given: ExplicitValue, key: String) throws(GoldenPathError) -> Value {
        switch given.written {
        case .yaml(let node):
            if case .bool(let b)? = node.scalar?.resolved { return .bool(b) }
            if let text = node.scalar?.value, let b = yesNo(text) { return .bool(b) }
            throw given.problem(key: key, "expected a boolean (yes/no, true/false, 1/0), got \(node.kindDescription)")
        case .text(let text):
            guard let b = yesNo(text) else { throw given.problem(key: key, "'\(text)' could not be converted to a boolean") }
            return .bool(b)
        }
    }

    private static func text(_ given: ExplicitValue, key: String) throws(GoldenPathError) -> Value {
        switch given.written {
        case .yaml(let node):
            guard node.scalar != nil else { throw given.problem(key: key, "expected a text value, got \(node.kindDescription)") }
            return Value(yaml: node)
        case .text(let text):
            return .string(text)
        }
    }

    /// A dict variable overwritten key by key (recursively), as `apply_overwrites_to_context`.
    private static func merged(_ value: Value, _ given: ExplicitValue, key: String) throws(GoldenPathError) -> Value {
        guard case .yaml(let node) = given.written, node.mapping != nil else {
            throw given.problem(key: key, "'\(key)' is a dict: give it as a mapping in a --values file")
        }
        func merge(_ base: Value, _ overwrite: Value) -> Value {
            guard case .dict(var b) = base, case .dict(let o) = overwrite else { return overwrite }
            for (k, v) in o.pairs { b[k] = b[k].map { merge($0, v) } ?? v }
            return .dict(b)
        }
        return merge(value, Value(yaml: node))
    }
}

extension ExplicitValue {
    func problem(key: String, _ message: String) -> GoldenPathError {
        var error = GoldenPathError(file: file ?? "", mark: mark, keyPath: key, message: message, source: source)
        if file == nil { error.location = nil }
        return error
    }
}
