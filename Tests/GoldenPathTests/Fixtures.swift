import Foundation
@testable import GoldenPath
import TemplateLanguage
import YAMLKit

/// A complete manifest (every section of docs/golden-paths.md), used across tests.
let exampleManifest = """
apiVersion: scaffold/v1
kind: GoldenPath
metadata:
  name: go-microservice
  version: 1.1.0
  description: HTTP service on Go's standard library
  owner: platform-team
  tags: [go, http]
spec:
  language: go
  framework: net/http
  labels: {tier: backend}
  parameters:
    - name: name
      description: Service name
      type: string
      format: dns-label
      required: true
    - name: owner
      description: Owning team
      default: platform
    - name: port
      type: integer
      default: 8080
      min: 1024
      max: 65535
    - name: module_path
      type: string
      format: go-module
      default: "example.com/{{ owner }}/{{ name }}"
    - name: database
      type: choice
      choices: [none, postgres, redis]
      default: none
    - name: db_name
      type: string
      default: "{{ name }}_db"
      when: "database == 'postgres'"
  defaults:
    resources:
      requests: {cpu: 250m, memory: 256Mi}
      limits: {cpu: 500m, memory: 512Mi}
    replicas: 3
    autoscaling: {enabled: true, min_replicas: 2, max_replicas: 10, target_cpu: 70}
  cicd:
    provider: github-actions
    stages:
      - name: build
        steps: ["go build ./..."]
      - name: test
        needs: [build]
        coverage: true
        steps: ["go test -coverprofile=coverage.out ./..."]
      - name: lint
        needs: [build]
        steps: [{name: vet, run: "go vet ./..."}]
    required_checks: [build, test, lint, "coverage > 80%"]
  files:
    exclude: ["**/*.orig"]
    copy_without_render: ["**/*.png"]
    executable: ["scripts/*.sh"]
  template_options:
    trim_blocks: false
    lstrip_blocks: false
    undefined: strict
    suffix: ""
  next_steps:
    - "cd {{ name }} && make test"
  migrations:
    - version: 1.1.0
      rename: {team: owner}
      remove: [legacy_flag]
      set: {database: none}
"""

func loadExample(_ text: String = exampleManifest) throws -> Manifest {
    try Manifest.load(text, file: "golden-paths/go-microservice/1.1.0/golden-path.yaml", folderName: "go-microservice", folderVersion: "1.1.0")
}

/// A stand-in for the template engine: `{{ name }}` substitution and `a == 'b'` conditions, enough to
/// exercise the hooks without depending on TemplateLanguage's engine.
func fakeRender(_ template: String, _ context: ValueDict) throws -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.range(of: "{{") {
        out += rest[..<open.lowerBound]
        guard let close = rest[open.upperBound...].range(of: "}}") else { throw FakeTemplateError.syntax(template) }
        let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        guard let value = context[name] else { throw FakeTemplateError.undefined(name) }
        switch value {
        case .string(let s): out += s
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "True" : "False"
        default: out += "?"
        }
        rest = rest[close.upperBound...]
    }
    return out + rest
}

func fakeEvaluate(_ expression: String, _ context: ValueDict) throws -> Bool {
    let parts = expression.components(separatedBy: "==").map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2 else { throw FakeTemplateError.syntax(expression) }
    let expected = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "'"))
    return context[parts[0]]?.stringValue == expected
}

enum FakeTemplateError: Error, CustomStringConvertible {
    case syntax(String), undefined(String)
    var description: String {
        switch self {
        case .syntax(let s): return "syntax error in '\(s)'"
        case .undefined(let n): return "'\(n)' is undefined"
        }
    }
}

func resolve(_ manifest: Manifest, _ inputs: ValueInputs, prompt: Prompter? = nil) throws(GoldenPathError) -> ResolvedValues {
    try ValueResolver.resolve(manifest, inputs: inputs, render: fakeRender, evaluate: fakeEvaluate, prompt: prompt)
}

func values(_ text: String, path: String = "values.yaml") throws -> ValuesFile {
    try ValuesFile.load(text, path: path)
}

extension Value {
    /// Test-only rendering for comparisons.
    var debugText: String {
        switch self {
        case .undefined(let n): return "undefined(\(n))"
        case .none: return "none"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let s): return "'\(s)'"
        case .list(let items), .tuple(let items): return "[" + items.map(\.debugText).joined(separator: ", ") + "]"
        case .dict(let d): return "{" + d.pairs.map { "\($0.key.debugText): \($0.value.debugText)" }.joined(separator: ", ") + "}"
        case .object: return "object"
        }
    }
}
