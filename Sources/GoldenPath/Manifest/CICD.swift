import TemplateLanguage
import YAMLKit

public enum CIProvider: String, Sendable, CaseIterable {
    case githubActions = "github-actions"
    case gitlabCI = "gitlab-ci"
}

/// `spec.cicd`: the pipeline the engine generates. Stage order is execution order; `needs` may only
/// name earlier stages, which also rules out cycles.
public struct CICDSpec: Sendable {
    /// As written; may be a template such as `{{ ci_provider }}`, checked after rendering.
    public var provider: String
    public var providerMark: Mark
    public var stages: [Stage]
    /// Stage names that branch protection requires (through the aggregate job).
    public var requiredChecks: [String]
    public var coverageRule: CoverageRule?
    /// `spec.cicd.coverage`: the manifest's own gate, for a language the built-in pipelines have
    /// none for (and over the built-in one where they do).
    public var coverageGate: CoverageGate?
    public var file: String
    public var keyPath: String

    public struct Stage: Sendable {
        public var name: String
        public var needs: [String]
        /// This stage measures coverage and carries the coverage gate.
        public var coverage: Bool
        public var steps: [Step]
        public var mark: Mark
    }

    /// A shell command; both fields are templates.
    public struct Step: Sendable {
        public var name: String?
        public var run: String
        public var mark: Mark
    }
}

/// A coverage gate the manifest defines: `command` runs after the coverage stage's steps and
/// prints the total coverage percentage on its last line (`81.3` or `81.3%`); the generated
/// pipeline compares it with the coverage rule. `report`, a file or folder the stage leaves, is
/// kept as the run's artifact.
public struct CoverageGate: Sendable {
    /// A template, rendered like a step.
    public var command: String
    public var report: String?
    public var mark: Mark

    /// The languages the built-in pipelines have a coverage gate and a toolchain setup for.
    public static let builtInLanguages = ["go", "python"]
}

/// `coverage > 80%` or `coverage >= 80%`.
public struct CoverageRule: Sendable, Equatable {
    public var inclusive: Bool
    public var threshold: Int

    /// nil when `text` is not shaped like a coverage rule at all; a problem when it is, but is wrong.
    static func parse(_ text: String) -> Result<CoverageRule, ValueProblem>? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("coverage") else { return nil }
        var rest = trimmed.dropFirst("coverage".count).drop { $0 == " " }
        let inclusive: Bool
        if rest.hasPrefix(">=") { inclusive = true; rest = rest.dropFirst(2) } else if rest.hasPrefix(">") { inclusive = false; rest = rest.dropFirst() } else {
            return .failure(ValueProblem("a coverage rule reads `coverage > 80%` or `coverage >= 80%`"))
        }
        rest = rest.drop { $0 == " " }
        guard rest.hasSuffix("%"), let n = Int(rest.dropLast().trimmingCharacters(in: .whitespaces)) else {
            return .failure(ValueProblem("a coverage rule needs a whole percentage, like `coverage > 80%`"))
        }
        guard (0...100).contains(n) else { return .failure(ValueProblem("the coverage threshold must be between 0% and 100%")) }
        return .success(CoverageRule(inclusive: inclusive, threshold: n))
    }
}

extension CICDSpec {
    /// `language` is `spec.language`: whether the built-in pipelines can gate coverage for it.
    static func decode(_ node: YAMLNode, file: String, path: String, language: String?) throws(GoldenPathError) -> CICDSpec {
        let r = try MappingReader(node, file: file, path: path, allowed: ["provider", "stages", "required_checks", "coverage"],
                                  required: ["provider", "stages"])
        let provider = try r.string("provider") ?? ""
        let providerMark = r.value("provider")?.mark ?? node.mark
        if !provider.contains("{{"), CIProvider(rawValue: provider) == nil {
            throw r.error("provider", DidYouMean.unknownMessage("provider", provider, among: CIProvider.allCases.map(\.rawValue)))
        }
        guard let stageNodes = r.value("stages")?.sequence, !stageNodes.isEmpty else {
            throw r.error("stages", "expected a non-empty list of stages")
        }
        var stages: [Stage] = []
        for (i, stageNode) in stageNodes.enumerated() {
            stages.append(try decodeStage(stageNode, file: file, path: "\(r.keyPath("stages"))[\(i)]", earlier: stages))
        }
        var checks: [String] = []
        var rule: CoverageRule?
        for (i, item) in (r.value("required_checks")?.sequence ?? []).enumerated() {
            let itemPath = "\(r.keyPath("required_checks"))[\(i)]"
            guard case .string(let text)? = item.scalar?.resolved else {
                throw GoldenPathError(file: file, mark: item.mark, keyPath: itemPath, message: "expected a stage name or a coverage rule, got \(item.kindDescription)")
            }
            let fail = { (m: String) in GoldenPathError(file: file, mark: item.mark, keyPath: itemPath, message: m) }
            switch CoverageRule.parse(text) {
            case .success(let parsed)?:
                if rule != nil { throw fail("only one coverage rule is allowed") }
                guard stages.contains(where: \.coverage) else { throw fail("a coverage rule needs a stage with `coverage: true`") }
                rule = parsed
            case .failure(let problem)?:
                throw fail(problem.message)
            case nil:
                guard stages.contains(where: { $0.name == text }) else {
                    throw fail(DidYouMean.unknownMessage("stage", text, among: stages.map(\.name)))
                }
                if checks.contains(text) { throw fail("'\(text)' is listed twice") }
                checks.append(text)
            }
        }
        if r.value("required_checks") != nil, r.value("required_checks")?.sequence == nil {
            throw r.error("required_checks", "expected a list of stage names and coverage rules")
        }
        var gate: CoverageGate?
        if let gateNode = r.value("coverage") {
            let gr = try MappingReader(gateNode, file: file, path: r.keyPath("coverage"), allowed: ["command", "report"], required: ["command"])
            guard stages.contains(where: \.coverage) else { throw r.error("coverage", "a coverage gate needs a stage with `coverage: true`") }
            gate = CoverageGate(command: try gr.string("command") ?? "", report: try gr.string("report"), mark: gateNode.mark)
        } else if !CoverageGate.builtInLanguages.contains(language ?? ""), let index = stages.firstIndex(where: \.coverage) {
            // Never a silently dropped check: the built-in pipelines know how to gate only some languages.
            let which = language.map { "language '\($0)'" } ?? "a golden path without spec.language"
            let ruleIndex = (r.value("required_checks")?.sequence ?? []).firstIndex { item in
                if case .string(let text)? = item.scalar?.resolved, case .success? = CoverageRule.parse(text) { return true }
                return false
            }
            let at = ruleIndex.flatMap { r.value("required_checks")?.sequence?[$0] } ?? stageNodes[index]
            throw GoldenPathError(file: file, mark: at.mark,
                                  keyPath: ruleIndex.map { "\(r.keyPath("required_checks"))[\($0)]" } ?? "\(r.keyPath("stages"))[\(index)]",
                                  message: "the built-in CI pipelines gate coverage only for \(CoverageGate.builtInLanguages.joined(separator: " and ")); "
                                      + "for \(which) give the gate as spec.cicd.coverage: {command: …, report: …} "
                                      + "(a command that prints the total percentage)")
        }
        return CICDSpec(provider: provider, providerMark: providerMark, stages: stages, requiredChecks: checks,
                        coverageRule: rule, coverageGate: gate, file: file, keyPath: path)
    }

    private static func decodeStage(_ node: YAMLNode, file: String, path: String, earlier: [Stage]) throws(GoldenPathError) -> Stage {
        let r = try MappingReader(node, file: file, path: path, allowed: ["name", "needs", "coverage", "steps"], required: ["name", "steps"])
        let name = try r.string("name") ?? ""
        if let problem = jobIDProblem(name) { throw r.error("name", problem) }
        if earlier.contains(where: { $0.name == name }) { throw r.error("name", "stage '\(name)' is defined twice") }
        let needs = try r.stringList("needs") ?? []
        for (i, need) in needs.enumerated() where !earlier.contains(where: { $0.name == need }) {
            let at = r.value("needs")?.sequence?[i]
            let message = need == name ? "a stage cannot need itself"
                : earlier.isEmpty ? "'\(need)' is not an earlier stage; the first stage cannot need anything"
                : DidYouMean.unknownMessage("earlier stage", need, among: earlier.map(\.name))
            throw GoldenPathError(file: file, mark: at?.mark ?? node.mark, keyPath: "\(r.keyPath("needs"))[\(i)]", message: message)
        }
        guard let stepNodes = r.value("steps")?.sequence, !stepNodes.isEmpty else {
            throw r.error("steps", "expected a non-empty list of steps")
        }
        var steps: [Step] = []
        for (i, stepNode) in stepNodes.enumerated() {
            let stepPath = "\(r.keyPath("steps"))[\(i)]"
            if let s = stepNode.scalar, case .string(let run) = s.resolved {
                steps.append(Step(name: nil, run: run, mark: stepNode.mark))
                continue
            }
            guard stepNode.mapping != nil else {
                throw GoldenPathError(file: file, mark: stepNode.mark, keyPath: stepPath, message: "expected a shell command or {name, run}, got \(stepNode.kindDescription)")
            }
            let sr = try MappingReader(stepNode, file: file, path: stepPath, allowed: ["name", "run"], required: ["run"])
            steps.append(Step(name: try sr.string("name"), run: try sr.string("run") ?? "", mark: stepNode.mark))
        }
        return Stage(name: name, needs: needs, coverage: try r.bool("coverage") ?? false, steps: steps, mark: node.mark)
    }

    /// Stage names become job ids in GitHub Actions and GitLab CI: keep them DNS-label-like.
    static func jobIDProblem(_ name: String) -> String? {
        let ok = !name.isEmpty && name.count <= 63 && name.first.map { $0.isASCII && $0.isLowercase } == true
            && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
        return ok ? nil : "stage names are job ids: lowercase letters, digits, '-' and '_', starting with a letter, at most 63 characters"
    }

    /// The `cicd` entry of the render context, with the provider and step strings rendered against `context`.
    public func contextValue(context: ValueDict, render: RenderString) throws(GoldenPathError) -> Value {
        let renderedProvider = try renderText(provider, at: providerMark, key: "\(keyPath).provider", context: context, render: render)
        guard CIProvider(rawValue: renderedProvider) != nil else {
            throw GoldenPathError(file: file, mark: providerMark, keyPath: "\(keyPath).provider",
                                  message: DidYouMean.unknownMessage("provider", renderedProvider, among: CIProvider.allCases.map(\.rawValue)),
                                  value: renderedProvider)
        }
        var stageValues: [Value] = []
        for (i, stage) in stages.enumerated() {
            var stepValues: [Value] = []
            for (j, step) in stage.steps.enumerated() {
                let key = "\(keyPath).stages[\(i)].steps[\(j)]"
                let run = try renderText(step.run, at: step.mark, key: key, context: context, render: render)
                let name = try step.name.map { n throws(GoldenPathError) in try renderText(n, at: step.mark, key: key, context: context, render: render) }
                stepValues.append(.dict([("name", .string(name ?? run.split(separator: "\n").first.map(String.init) ?? run)), ("run", .string(run))]))
            }
            stageValues.append(.dict([
                ("name", .string(stage.name)), ("needs", .list(stage.needs.map(Value.string))),
                ("coverage", .bool(stage.coverage)), ("steps", .list(stepValues)),
            ]))
        }
        return .dict([
            ("provider", .string(renderedProvider)),
            ("stages", .list(stageValues)),
            ("required_checks", .list(requiredChecks.map(Value.string))),
            ("coverage_threshold", coverageRule.map { .int($0.threshold) } ?? .none),
            ("coverage_operator", coverageRule.map { .string($0.inclusive ? ">=" : ">") } ?? .none),
            ("coverage_command", try coverageGate.map { gate throws(GoldenPathError) in
                .string(try renderText(gate.command, at: gate.mark, key: "\(keyPath).coverage.command", context: context, render: render))
            } ?? .none),
            ("coverage_report", coverageGate?.report.map(Value.string) ?? .none),
        ])
    }

    private func renderText(_ text: String, at mark: Mark, key: String, context: ValueDict, render: RenderString) throws(GoldenPathError) -> String {
        try renderManifestText(text, file: file, mark: mark, keyPath: key, context: context, render: render)
    }
}

/// Renders a template written inside the manifest (CI steps, next steps). Its errors point at
/// the manifest line that holds it, with the template's own message.
func renderManifestText(_ text: String, file: String, mark: Mark, keyPath: String, context: ValueDict,
                        render: RenderString) throws(GoldenPathError) -> String {
    guard text.contains("{{") || text.contains("{%") else { return text }
    do {
        return try render(text, context)
    } catch let error as TemplateError {
        throw GoldenPathError(file: file, mark: mark, keyPath: keyPath, message: "cannot render '\(text)': \(error.message)")
    } catch {
        throw GoldenPathError(file: file, mark: mark, keyPath: keyPath, message: "cannot render '\(text)': \(error)")
    }
}
