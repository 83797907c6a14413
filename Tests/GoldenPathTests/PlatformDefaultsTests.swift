import Testing
@testable import GoldenPath
import TemplateLanguage
import YAMLKit

@Suite struct PlatformDefaultsTests {
    let bare = "apiVersion: scaffold/v1\nkind: GoldenPath\nmetadata: {name: x, version: 1.0.0}\nspec:\n  defaults:\n"

    func platform(_ defaults: String, sets: [String] = []) throws(GoldenPathError) -> PlatformDefaults {
        let m = try Manifest.load(bare + defaults, file: "gp.yaml", folderName: nil, folderVersion: nil)
        return try resolve(m, ValueInputs(sets: sets)).platform
    }

    func failure(_ defaults: String, sets: [String] = []) -> String {
        do {
            _ = try platform(defaults, sets: sets)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func contextHasCanonicalQuantitiesAndAutoscaling() throws {
        let p = try platform("    resources:\n      requests: {cpu: 0.25, memory: 268435456}\n      limits: {cpu: 1000m}\n    replicas: 2\n    autoscaling: {enabled: true, max_replicas: 4}\n")
        #expect(p.contextValue.debugText == "{'resources': {'requests': {'cpu': '250m', 'memory': '268435456'}, 'limits': {'cpu': '1'}}, 'replicas': 2, 'autoscaling': {'enabled': true, 'min_replicas': 1, 'max_replicas': 4, 'target_cpu': 80}}")
    }

    @Test func emptyDefaultsGiveDisabledAutoscaling() throws {
        let p = try platform("    replicas: 1\n")
        #expect(p.contextValue.debugText == "{'resources': {'requests': {}, 'limits': {}}, 'replicas': 1, 'autoscaling': {'enabled': false}}")
    }

    @Test func cpuFinerThanMilli() {
        #expect(failure("    resources: {cpu: 0.0005}\n") == "gp.yaml:6:22: `resources.cpu: 0.0005` (from the golden path's defaults): CPU cannot be finer than 1m (a thousandth of a core)")
    }

    @Test func memoryMilli() {
        #expect(failure("    resources: {memory: 512m}\n").hasSuffix("memory takes binary suffixes like 512Mi; 512m means 0.512 bytes"))
    }

    @Test func fractionalBytes() {
        #expect(failure("    resources: {memory: 0.5}\n").hasSuffix("memory must be a whole number of bytes (use suffixes like 512Mi or 1Gi)"))
    }

    @Test func limitBelowRequest() {
        let text = "    resources:\n      requests: {cpu: 500m}\n      limits: {cpu: 250m}\n"
        #expect(failure(text) == "gp.yaml:8:21: `resources.limits.cpu: 250m` (from the golden path's defaults): the limit is below the request 500m (`resources.requests.cpu` from the golden path's defaults)")
    }

    @Test func limitBelowRequestAcrossLayers() {
        let text = "    resources:\n      limits: {memory: 512Mi}\n"
        #expect(failure(text, sets: ["resources.memory=1Gi"]).contains("the limit is below the request 1Gi (`resources.memory` from --set resources.memory=1Gi)"))
    }

    @Test func autoscalingRules() {
        #expect(failure("    autoscaling: {enabled: true, max_replicas: 3}\n").contains("a HorizontalPodAutoscaler scales on CPU"))
        #expect(failure("    resources: {cpu: 1}\n    autoscaling: {enabled: true}\n").hasSuffix("autoscaling is enabled but autoscaling.max_replicas is not set"))
        #expect(failure("    autoscaling: {min_replicas: 5, max_replicas: 3}\n").contains("max_replicas must be at least min_replicas (5"))
        #expect(failure("    autoscaling: {min_replicas: 0}\n").hasSuffix("must be between 1 and 10000"))
        #expect(failure("    autoscaling: {target_cpu: 101}\n").hasSuffix("must be between 1 and 100"))
        #expect(failure("    autoscaling: {enabled: yes}\n").hasSuffix("expected true or false, got the string 'yes'"))
        #expect(failure("    resources: {cpu: 1}\n    autoscaling: {enabled: false}\n", sets: ["autoscaling.enabled=true", "autoscaling.max_replicas=4"]) == "no error")
    }

    @Test func negativeAndNonQuantity() {
        #expect(failure("    resources: {cpu: -1}\n").hasSuffix("must not be negative"))
        #expect(failure("    resources: {cpu: lots}\n").hasSuffix("'lots' is not a Kubernetes quantity (like 500m, 0.5, 512Mi, 1Gi or 1e3)"))
        #expect(failure("    resources: {cpu: true}\n").hasSuffix("expected a quantity, got the boolean true"))
        #expect(failure("    replicas: two\n").hasSuffix("expected an integer, got the string 'two'"))
    }
}

@Suite struct CICDTests {
    @Test func contextFollowsTheContract() throws {
        let m = try loadExample()
        let v = try resolve(m, ValueInputs(sets: ["name=payments"]))
        let context = try v.renderContext(manifest: m, created: "2026-11-28", render: fakeRender)
        #expect(context["cicd"]?.debugText == "{'provider': 'github-actions', 'stages': [{'name': 'build', 'needs': [], 'coverage': false, 'steps': [{'name': 'go build ./...', 'run': 'go build ./...'}]}, {'name': 'test', 'needs': ['build'], 'coverage': true, 'steps': [{'name': 'go test -coverprofile=coverage.out ./...', 'run': 'go test -coverprofile=coverage.out ./...'}]}, {'name': 'lint', 'needs': ['build'], 'coverage': false, 'steps': [{'name': 'vet', 'run': 'go vet ./...'}]}], 'required_checks': ['build', 'test', 'lint'], 'coverage_threshold': 80, 'coverage_operator': '>', 'coverage_command': none, 'coverage_report': none}")
        #expect(context["golden_path"]?.debugText == "{'name': 'go-microservice', 'version': '1.1.0', 'created': '2026-11-28', 'language': 'go'}")
        #expect(context["defaults"]?.debugText == "{'resources': {'requests': {'cpu': '250m', 'memory': '256Mi'}, 'limits': {'cpu': '500m', 'memory': '512Mi'}}, 'replicas': 3, 'autoscaling': {'enabled': true, 'min_replicas': 2, 'max_replicas': 10, 'target_cpu': 70}}")
        #expect(context["name"]?.stringValue == "payments")
        #expect(context["db_name"] == nil)
    }

    func manifest(provider: String, extraParameter: String = "") throws -> Manifest {
        let text = exampleManifest
            .replacingOccurrences(of: "provider: github-actions", with: "provider: \"\(provider)\"")
            .replacingOccurrences(of: "  defaults:\n", with: extraParameter + "  defaults:\n")
        return try loadExample(text)
    }

    @Test func theCoverageOperatorFollowsTheRule() throws {
        let m = try loadExample(exampleManifest.replacingOccurrences(of: "coverage > 80%", with: "coverage >= 75%"))
        let context = try resolve(m, ValueInputs(sets: ["name=x"])).renderContext(manifest: m, created: "2026-01-01", render: fakeRender)
        #expect(context["cicd"]?.debugText.hasSuffix("'coverage_threshold': 75, 'coverage_operator': '>=', 'coverage_command': none, 'coverage_report': none}") == true)
    }

    @Test func templatedProviderIsCheckedAfterRendering() throws {
        let param = "    - name: ci\n      type: choice\n      choices: [gitlab-ci, github-actions, jenkins]\n      default: gitlab-ci\n"
        let m = try manifest(provider: "{{ ci }}", extraParameter: param)
        let ok = try resolve(m, ValueInputs(sets: ["name=x"]))
        #expect(try ok.renderContext(manifest: m, created: "2026-01-01", render: fakeRender)["cicd"]?.debugText.hasPrefix("{'provider': 'gitlab-ci'") == true)
        let bad = try resolve(m, ValueInputs(sets: ["name=x", "ci=jenkins"]))
        #expect { try bad.renderContext(manifest: m, created: "2026-01-01", render: fakeRender) } throws: { e in
            (e as? GoldenPathError)?.description.hasSuffix("`spec.cicd.provider: jenkins`: unknown provider 'jenkins'; expected one of 'github-actions', 'gitlab-ci'") == true
        }
    }

    @Test(arguments: [
        ("coverage > 80%", CoverageRule(inclusive: false, threshold: 80)),
        ("coverage >= 75%", CoverageRule(inclusive: true, threshold: 75)),
        ("coverage>0%", CoverageRule(inclusive: false, threshold: 0)),
        ("coverage >= 100 %", CoverageRule(inclusive: true, threshold: 100)),
    ])
    func coverageRules(_ text: String, _ rule: CoverageRule) throws {
        #expect(try CoverageRule.parse(text)?.get() == rule)
    }

    @Test(arguments: ["coverage < 80%", "coverage > 80", "coverage > 101%", "coverage > 80.5%", "coverage > x%"])
    func badCoverageRules(_ text: String) {
        guard case .failure? = CoverageRule.parse(text) else { Issue.record("accepted \(text)"); return }
    }

    @Test func nonCoverageTextIsAStageName() {
        #expect(CoverageRule.parse("build") == nil)
    }
}

@Suite struct MigrationTests {
    func answers(_ version: String, _ pairs: [(String, String)]) -> AnswersFile {
        var entries = AnswerEntries()
        for (k, v) in pairs { entries[k] = .string(v) }
        return AnswersFile(goldenPath: "x", version: SemanticVersion(version)!, source: "c", created: "2026-01-01", answers: entries, defaults: AnswerEntries())
    }

    func migration(_ version: String, rename: [(String, String)] = [], remove: [String] = [], set: [(String, String)] = []) -> Migration {
        Migration(version: SemanticVersion(version)!, rename: rename.map { ($0.0, $0.1) }, remove: remove,
                  set: set.map { ($0.0, YAMLNode.string($0.1)) }, mark: .none)
    }

    @Test func appliesOnlyTheRangeInVersionOrder() {
        let ms = [
            migration("3.0.0", rename: [("owner", "team_owner")]),
            migration("2.0.0", rename: [("team", "owner")], remove: ["legacy"], set: [("ci", "github-actions")]),
            migration("1.0.0", set: [("old", "x")]),
            migration("4.0.0", remove: ["name"]),
        ]
        let before = answers("1.0.0", [("name", "svc"), ("team", "core"), ("legacy", "1")])
        let after = Migration.migrate(before, with: ms, to: SemanticVersion("3.0.0")!)
        #expect(after.answers.names == ["name", "team_owner", "ci"])
        #expect(after.answers["team_owner"] == .string("core"))
        #expect(after.version == SemanticVersion("3.0.0"))
    }

    @Test func renameOverwritesAndReachesDefaults() {
        var a = AnswerEntries()
        a["team"] = .string("t")
        a["owner"] = .string("stale")
        var d = AnswerEntries()
        d["team"] = .string("default-team")
        migration("2.0.0", rename: [("team", "owner")]).apply(to: &a, defaults: &d)
        #expect(a.names == ["owner"])
        #expect(a["owner"] == .string("t"))
        #expect(d.names == ["owner"])
    }

    @Test func setMovesDefaultToAnswers() {
        var a = AnswerEntries()
        var d = AnswerEntries()
        d["ci"] = .string("gitlab-ci")
        migration("2.0.0", set: [("ci", "github-actions")]).apply(to: &a, defaults: &d)
        #expect(a["ci"] == .string("github-actions"))
        #expect(d.isEmpty)
    }

    @Test func manifestMigrationsAreSortedAndChecked() throws {
        let m = try loadExample()
        #expect(m.spec.migrations.map(\.version.description) == ["1.1.0"])
        #expect(m.spec.migrations.first?.remove == ["legacy_flag"])
    }
}
