import GoldenPath
import Locations
import TemplateLanguage

/// Reads that fail only for some answers, which a render with the defaults never shows:
/// - a parameter whose `when` can be false (it is then absent, and strictly undefined) read where
///   nothing guards it: `{{ db_name }}` while `database` may be `none`;
/// - a partial reading a name that only some of the places that render it bind (one includer's
///   loop variable, while another includer, or the file's own render, has none).
///
/// Guards are judged by evaluation, not by their text: each read knows the conditions it sits
/// under (`ReadCondition`, its includers' too), and those are evaluated against real render
/// contexts in which the parameter is absent: the defaults, with the parameters its `when` reads
/// set to every value that makes it false (choices and booleans: all their values; strings and
/// numbers: the values the condition itself tells apart). A condition that cannot be evaluated
/// there (it reads a loop variable) counts as a guard, so a finding is never a guess.
struct ConditionalReads {
    /// A parsed template of the version and how it is rendered.
    struct File {
        /// The template folder path, as includes name it.
        var path: String
        var output: String
        /// Rendered as a file of the service (not only through includes).
        var isRendered: Bool
        /// The template's reads and includes, walked out of its syntax tree once.
        var reads: [GuardedReference]
        var links: TemplateLinks

        init(path: String, output: String, template: Template, isRendered: Bool) {
            self.path = path
            self.output = output
            self.isRendered = isRendered
            reads = template.guardedReferences.filter { !$0.toleratesUndefined }
            links = template.links
        }
    }

    let manifest: Manifest
    let environment: Environment
    let files: [File]

    /// One way a file's content is reached: its own render, or an include with its conditions.
    private struct Site {
        var conditions: [ReadCondition]
        var boundNames: Set<String>
        /// `a.j2:3:4`, or nil for the file's own render.
        var include: SourceLocation?
    }

    func findings(contextNames: Set<String>) -> [LintFinding] {
        let sites = self.sites()
        return partialFindings(sites: sites, contextNames: contextNames) + conditionalFindings(sites: sites)
    }

    /// Every way each file's content is reached, through any depth of includes: an include
    /// carries the conditions and bound names of each way its includer is reached, so a partial
    /// included by a partial that is itself included only under `{% if … %}` is guarded by it.
    /// A file neither rendered nor reached through one that is has none (its content never renders).
    private func sites() -> [String: [Site]] {
        var includers: [String: [(file: File, load: TemplateLoad)]] = [:]
        for file in files {
            for load in file.links.loads {
                guard let path = TemplateSource.includePath(load.name) else { continue }
                includers[path, default: []].append((file, load))
            }
        }
        let byPath = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var sites: [String: [Site]] = [:]
        func reach(_ path: String, visiting: Set<String>) -> [Site] {
            if let known = sites[path] { return known }
            var found: [Site] = byPath[path]?.isRendered == true ? [Site(conditions: [], boundNames: [], include: nil)] : []
            for (includer, load) in includers[path] ?? [] where !visiting.contains(includer.path) {
                for outer in reach(includer.path, visiting: visiting.union([path])) where found.count < Self.maximumSites {
                    found.append(Site(conditions: outer.conditions + load.conditions,
                                      boundNames: outer.boundNames.union(includer.links.boundNames), include: load.location))
                }
            }
            if visiting.isEmpty { sites[path] = found }
            return found
        }
        for path in Set(files.map(\.path)).union(includers.keys) { _ = reach(path, visiting: []) }
        return sites
    }

    /// Ways to reach one file considered at most: includes of includes multiply them.
    static let maximumSites = 64

    private func partialFindings(sites: [String: [Site]], contextNames: Set<String>) -> [LintFinding] {
        var findings: [LintFinding] = []
        for file in files {
            guard let fileSites = sites[file.path], fileSites.count > 1 || fileSites.first?.include != nil else { continue }
            for read in file.reads {
                let name = read.reference.name
                guard !contextNames.contains(name) else { continue }
                let binding = fileSites.filter { $0.boundNames.contains(name) }
                guard let missing = fileSites.first(where: { !$0.boundNames.contains(name) }), !binding.isEmpty,
                      let by = binding.first?.include else { continue }
                let other = missing.include.map { "the include at \($0) does not" }
                    ?? "its own render as a file of the service does not (exclude it with files.exclude)"
                findings.append(finding(read.reference.location,
                    "'\(name)' is bound where \(by) includes this file, but \(other): the render fails there"))
            }
        }
        return findings
    }

    private func conditionalFindings(sites: [String: [Site]]) -> [LintFinding] {
        var findings: [LintFinding] = []
        for parameter in manifest.spec.parameters {
            guard let condition = parameter.when else { continue }
            let contexts = absentContexts(for: parameter)
            guard !contexts.isEmpty else { continue }
            for file in files {
                for read in file.reads where read.reference.name == parameter.name {
                    let reaching = contexts.lazy.compactMap { context, assignment -> (String, Site)? in
                        let site = (sites[file.path] ?? []).first { site in
                            reached(site.conditions + read.conditions, in: context)
                                && (site.include != nil || Self.pathRenders(file.output, environment: environment, context: context))
                        }
                        return site.map { (assignment, $0) }
                    }.first
                    guard let (assignment, site) = reaching else { continue }
                    let through = site.include.map { " (through the include at \($0))" } ?? ""
                    findings.append(finding(read.reference.location,
                        "'\(parameter.name)' may be undefined here\(through): it is asked only when \(condition), which is false for "
                        + "\(assignment); guard this with {% if \(condition) %} or use \(parameter.name) | default(…)"))
                }
            }
        }
        return findings
    }

    /// Whether a read under `conditions` happens in `context`: every condition went its way.
    /// One that cannot be evaluated there is taken to guard the read.
    private func reached(_ conditions: [ReadCondition], in context: ValueDict) -> Bool {
        conditions.allSatisfy { condition in
            guard let value = try? environment.evaluate(condition.condition, context: context) else { return false }
            return value.isTruthy == condition.holds
        }
    }

    /// A file whose name is templated (`{% if database == 'postgres' %}migrations{% endif %}/…`)
    /// is left out when a part renders empty.
    static func pathRenders(_ output: String, environment: Environment, context: ValueDict) -> Bool {
        guard output.contains("{") else { return true }
        guard let rendered = try? environment.renderString(output, name: output, context: context) else { return false }
        return !rendered.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty }
    }

    /// Render contexts in which `parameter` is absent, each with the answers that make it so
    /// (`database = 'none' (the default)`): its condition's parameters set to every combination
    /// of their values (at most 64), the rest left at their defaults. A choice or boolean takes
    /// each of its values; a string or number the values its condition tells apart (the literals
    /// it writes, numbers also one either side, to cross `>` and `<`) and its default. Answers
    /// a parameter's own rules refuse make no context.
    func absentContexts(for parameter: Parameter) -> [(ValueDict, String)] {
        guard let when = parameter.when,
              let expression = try? environment.compileExpression(when, name: "<when>") else { return [] }
        let literals = expression.literals
        var choices: [(Parameter, [String])] = []
        for name in Set(expression.referencedNames.map(\.name)).sorted() {
            guard let read = manifest.parameter(named: name) else { continue }
            let fallback = read.defaultNode?.scalar?.value
            switch read.type {
            case .choice: choices.append((read, read.choices ?? []))
            case .boolean: choices.append((read, ["true", "false"]))
            case .string:
                let values = literals.compactMap { if case .string(let text) = $0 { text } else { nil } }
                choices.append((read, Self.distinct([fallback].compactMap { $0 } + values + ["example"])))
            case .integer, .number:
                let numbers = literals.compactMap { value -> Double? in
                    switch value {
                    case .int(let number): Double(number)
                    case .float(let number): number
                    default: nil
                    }
                }
                var crossing: [String] = fallback.map { [$0] } ?? []
                for number in numbers {
                    for near: Double in [number - 1, number, number + 1] {
                        crossing.append(near.rounded() == near ? String(Int(near)) : String(near))
                    }
                }
                choices.append((read, Self.distinct(crossing)))
            default: break
            }
        }
        var combinations: [[(Parameter, String)]] = [[]]
        for (read, values) in choices {
            combinations = combinations.flatMap { combination in values.map { combination + [(read, $0)] } }
            if combinations.count > 64 { return [] }
        }
        let engine = ExpressionEngine(undefined: manifest.spec.templateOptions.undefined)
        var contexts: [(ValueDict, String)] = []
        for combination in combinations {
            var inputs = ValueInputs()
            inputs.arguments = combination.map { (parameter: $0.0.name, value: $0.1, label: "lint") }
            if manifest.parameter(named: "name") != nil, !combination.contains(where: { $0.0.name == "name" }) {
                inputs.arguments.append((parameter: "name", value: "example", label: "lint"))
            }
            guard let values = try? ValueResolver.resolve(manifest, inputs: inputs, render: engine.renderString,
                                                          evaluate: engine.evaluateCondition),
                  let context = try? values.renderContext(manifest: manifest, created: GoldenTests.created, render: engine.renderString),
                  context[parameter.name] == nil else { continue }
            let words = combination.map { read, value in
                let shown = read.type == .boolean || read.type == .integer || read.type == .number ? value : "'\(value)'"
                return "\(read.name) = \(shown)" + (read.defaultNode?.scalar?.value == value ? " (the default)" : "")
            }
            contexts.append((context, words.isEmpty ? "the defaults" : words.joined(separator: ", ")))
        }
        return contexts
    }

    private static func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    private func finding(_ location: SourceLocation, _ message: String) -> LintFinding {
        LintFinding(file: location.file, line: location.line ?? 1, column: location.column ?? 1, message: message)
    }
}
