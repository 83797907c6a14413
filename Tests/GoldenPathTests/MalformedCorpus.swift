/// Malformed golden path inputs, each with the error it must produce (a substring that names the file,
/// the line and column, and the key). Kept as string literals: resource files in a test target need
/// Package.swift changes and this keeps each input next to its expectation.
struct MalformedCase: Sendable, CustomStringConvertible {
    enum Kind: Sendable { case manifest, values, set, platform, answers }
    var name: String
    var kind: Kind
    var text: String
    var expected: String
    var description: String { name }
}

private let head = "apiVersion: scaffold/v1\nkind: GoldenPath\nmetadata: {name: svc, version: 1.0.0}\nspec:\n"

private func m(_ name: String, _ body: String, _ expected: String) -> MalformedCase {
    MalformedCase(name: name, kind: .manifest, text: head + body, expected: expected)
}

/// The manifest values, --set, platform.yaml and answers cases resolve against (`gp.yaml`).
let corpusManifest = head + """
  parameters:
    - name: name
      description: Service name
      format: dns-label
      required: true
    - name: port
      type: integer
      default: 8080
      min: 1024
      max: 65535
    - name: features
      type: multichoice
      choices: [grpc, metrics]
      default: []
  defaults:
    resources:
      requests: {cpu: 250m, memory: 256Mi}
      limits: {memory: 512Mi}

"""

let malformedCorpus: [MalformedCase] = [
    // YAML syntax
    m("tab indentation", "  parameters:\n\t- name: x\n", "gp.yaml:6:1: tabs are not allowed here"),
    m("mapping value in scalar", "  language: a: b\n", "gp.yaml:5:14: mapping values are not allowed here"),
    m("duplicate key", "  language: go\n  language: python\n", "gp.yaml:6:3: duplicate key 'language' (first defined at 5:3)"),
    m("unknown alias", "  language: *lang\n", "gp.yaml:5:13: unknown alias '*lang'"),
    m("unclosed flow", "  tags: [a, b\n", "gp.yaml:6:1: did not find expected ',' or ']'"),
    MalformedCase(name: "empty manifest", kind: .manifest, text: "", expected: "gp.yaml:1:1: the manifest is empty"),
    // top level and metadata
    m("unknown top-level key", "  language: go\nspecs: {}\n", "gp.yaml:6:1: specs: unknown key 'specs'; did you mean 'spec'?"),
    MalformedCase(name: "wrong apiVersion", kind: .manifest, text: head.replacingOccurrences(of: "scaffold/v1", with: "scaffold/v2") + "  {}\n",
                  expected: "gp.yaml:1:13: apiVersion: expected 'scaffold/v1', got 'scaffold/v2'"),
    MalformedCase(name: "wrong kind", kind: .manifest, text: head.replacingOccurrences(of: "kind: GoldenPath", with: "kind: Template") + "  {}\n",
                  expected: "gp.yaml:2:7: kind: expected 'GoldenPath', got 'Template'"),
    MalformedCase(name: "missing spec", kind: .manifest, text: "apiVersion: scaffold/v1\nkind: GoldenPath\nmetadata: {name: svc, version: 1.0.0}\n",
                  expected: "gp.yaml:1:1: spec: missing required key 'spec'"),
    MalformedCase(name: "name differs from folder", kind: .manifest, text: head.replacingOccurrences(of: "name: svc", with: "name: api") + "  {}\n",
                  expected: "gp.yaml:3:18: metadata.name: 'api' must equal the golden path's folder name 'svc'"),
    MalformedCase(name: "version not semver", kind: .manifest, text: head.replacingOccurrences(of: "version: 1.0.0", with: "version: 1.0") + "  {}\n",
                  expected: "gp.yaml:3:32: metadata.version: '1.0' is not a semantic version like 1.2.3"),
    MalformedCase(name: "metadata typo", kind: .manifest, text: head.replacingOccurrences(of: "version: 1.0.0}", with: "version: 1.0.0, descripton: x}") + "  {}\n",
                  expected: "gp.yaml:3:39: metadata.descripton: unknown key 'descripton'; did you mean 'description'?"),
    m("labels value is a list", "  labels: {tier: [a]}\n", "gp.yaml:5:18: spec.labels.tier: expected a string, got a list"),
    // parameters
    m("parameters not a list", "  parameters: {name: x}\n", "gp.yaml:5:15: spec.parameters: expected a list of parameters, got a mapping"),
    m("parameter key typo", "  parameters:\n    - name: x\n      requird: true\n", "gp.yaml:7:7: spec.parameters[0].requird: unknown key 'requird'; did you mean 'required'?"),
    m("parameter type typo", "  parameters:\n    - name: x\n      type: strng\n", "gp.yaml:7:13: spec.parameters[0].type: unknown type 'strng'; did you mean 'string'?"),
    m("parameter name with dash", "  parameters:\n    - name: my-param\n", "gp.yaml:6:13: spec.parameters[0].name: 'my-param' is not a valid parameter name"),
    m("parameter without name", "  parameters:\n    - type: string\n", "gp.yaml:6:7: spec.parameters[0]: missing required key 'name'"),
    m("duplicate parameter", "  parameters:\n    - name: x\n    - name: x\n", "gp.yaml:7:7: spec.parameters[1].name: parameter 'x' is declared twice (first at 6:7)"),
    m("reserved parameter name", "  parameters:\n    - name: defaults\n", "gp.yaml:6:13: spec.parameters[0].name: 'defaults' is reserved"),
    m("choice without choices", "  parameters:\n    - name: db\n      type: choice\n", "gp.yaml:7:13: spec.parameters[0].type: a choice parameter needs `choices`"),
    m("choices on a string", "  parameters:\n    - name: db\n      choices: [a]\n", "gp.yaml:7:16: spec.parameters[0].choices: only choice and multichoice parameters take choices"),
    m("invalid regex", "  parameters:\n    - name: code\n      pattern: \"[a-\"\n", "gp.yaml:7:16: spec.parameters[0].pattern: '[a-' is not a valid regular expression"),
    m("format typo", "  parameters:\n    - name: host\n      format: dns\n", "gp.yaml:7:15: spec.parameters[0].format: unknown format 'dns'"),
    m("min above max", "  parameters:\n    - name: n\n      type: integer\n      min: 10\n      max: 1\n", "gp.yaml:9:12: spec.parameters[0].max: max is below min"),
    m("min on a string", "  parameters:\n    - name: s\n      min: 1\n", "gp.yaml:7:12: spec.parameters[0].min: only integer and number parameters take min and max"),
    m("negative min_length", "  parameters:\n    - name: s\n      min_length: -1\n", "gp.yaml:7:19: spec.parameters[0].min_length: must not be negative"),
    m("default of the wrong type", "  parameters:\n    - name: port\n      type: integer\n      default: eighty\n",
      "gp.yaml:8:16: `spec.parameters[0].default: eighty` (from the golden path's defaults): invalid default: expected an integer, got the string 'eighty'"),
    m("default out of range", "  parameters:\n    - name: port\n      type: integer\n      default: 80\n      min: 1024\n", "gp.yaml:8:16: `spec.parameters[0].default: 80` (from the golden path's defaults): invalid default: must be at least 1024"),
    m("default not a choice", "  parameters:\n    - name: db\n      type: choice\n      choices: [none, postgres]\n      default: postgre\n",
      "gp.yaml:9:16: `spec.parameters[0].default: postgre` (from the golden path's defaults): invalid default: 'postgre' is not one of 'none', 'postgres'; did you mean 'postgres'?"),
    m("default breaks format", "  parameters:\n    - name: name\n      format: dns-label\n      default: Payments\n", "gp.yaml:8:16: `spec.parameters[0].default: Payments` (from the golden path's defaults): invalid default: must be a DNS-1035 label"),
    m("when is not a string", "  parameters:\n    - name: x\n      when: [a]\n", "gp.yaml:7:13: spec.parameters[0].when: expected a string, got a list"),
    // platform defaults
    m("defaults key typo", "  defaults:\n    resource: {cpu: 1}\n", "gp.yaml:6:5: resource: unknown key 'resource'; did you mean 'resources'?"),
    m("memory with milli suffix", "  defaults:\n    resources: {memory: 512m}\n", "gp.yaml:6:25: `resources.memory: 512m` (from the golden path's defaults): memory takes binary suffixes like 512Mi; 512m means 0.512 bytes"),
    m("cpu finer than 1m", "  defaults:\n    resources:\n      limits: {cpu: 0.0001}\n", "gp.yaml:7:21: `resources.limits.cpu: 0.0001` (from the golden path's defaults): CPU cannot be finer than 1m"),
    m("replicas not an integer", "  defaults:\n    replicas: three\n", "gp.yaml:6:15: `replicas: three` (from the golden path's defaults): expected an integer, got the string 'three'"),
    m("autoscaling key typo", "  defaults:\n    autoscaling: {maxreplicas: 3}\n", "gp.yaml:6:19: autoscaling.maxreplicas: unknown key 'maxreplicas'; did you mean 'max_replicas'?"),
    m("target cpu above 100", "  defaults:\n    autoscaling: {target_cpu: 150}\n", "gp.yaml:6:31: `autoscaling.target_cpu: 150` (from the golden path's defaults): must be between 1 and 100"),
    m("requests is a scalar", "  defaults:\n    resources: {requests: 1}\n", "gp.yaml:6:27: resources.requests: expected a mapping with 'cpu', 'memory', got the integer 1"),
    // cicd
    m("unknown provider", "  cicd:\n    provider: github\n    stages: [{name: build, steps: [make]}]\n",
      "gp.yaml:6:15: spec.cicd.provider: unknown provider 'github'; expected one of 'github-actions', 'gitlab-ci'"),
    m("duplicate stage", "  cicd:\n    provider: gitlab-ci\n    stages:\n      - {name: build, steps: [make]}\n      - {name: build, steps: [make]}\n",
      "gp.yaml:9:16: spec.cicd.stages[1].name: stage 'build' is defined twice"),
    m("needs a later stage", "  cicd:\n    provider: gitlab-ci\n    stages:\n      - {name: build, needs: [test], steps: [make]}\n      - {name: test, steps: [make]}\n",
      "gp.yaml:8:31: spec.cicd.stages[0].needs[0]: 'test' is not an earlier stage; the first stage cannot need anything"),
    m("needs a misspelt stage", "  cicd:\n    provider: gitlab-ci\n    stages:\n      - {name: build, steps: [make]}\n      - {name: test, needs: [biuld], steps: [make]}\n",
      "gp.yaml:9:30: spec.cicd.stages[1].needs[0]: unknown earlier stage 'biuld'; did you mean 'build'?"),
    m("stage name not a job id", "  cicd:\n    provider: gitlab-ci\n    stages: [{name: Build Step, steps: [make]}]\n",
      "gp.yaml:7:21: spec.cicd.stages[0].name: stage names are job ids"),
    m("required check names no stage", "  cicd:\n    provider: gitlab-ci\n    stages: [{name: build, steps: [make]}]\n    required_checks: [biuld]\n",
      "gp.yaml:8:23: spec.cicd.required_checks[0]: unknown stage 'biuld'; did you mean 'build'?"),
    m("coverage rule without coverage stage", "  cicd:\n    provider: gitlab-ci\n    stages: [{name: build, steps: [make]}]\n    required_checks: [\"coverage > 80%\"]\n",
      "gp.yaml:8:23: spec.cicd.required_checks[0]: a coverage rule needs a stage with `coverage: true`"),
    m("coverage above 100", "  cicd:\n    provider: gitlab-ci\n    stages: [{name: test, coverage: true, steps: [make]}]\n    required_checks: [\"coverage >= 120%\"]\n",
      "gp.yaml:8:23: spec.cicd.required_checks[0]: the coverage threshold must be between 0% and 100%"),
    m("two coverage rules", "  cicd:\n    provider: gitlab-ci\n    stages: [{name: test, coverage: true, steps: [make]}]\n    required_checks: [\"coverage > 80%\", \"coverage > 90%\"]\n",
      "gp.yaml:8:41: spec.cicd.required_checks[1]: only one coverage rule is allowed"),
    m("coverage rule for a language without a built-in gate",
      "  language: node\n  cicd:\n    provider: gitlab-ci\n    stages: [{name: test, coverage: true, steps: [npm test]}]\n    required_checks: [test, \"coverage >= 80%\"]\n",
      "gp.yaml:9:29: spec.cicd.required_checks[1]: the built-in CI pipelines gate coverage only for go and python; for language 'node' give the gate as spec.cicd.coverage: {command: …, report: …}"),
    m("coverage stage without a language", "  cicd:\n    provider: gitlab-ci\n    stages:\n      - {name: test, coverage: true, steps: [make]}\n",
      "gp.yaml:8:9: spec.cicd.stages[0]: the built-in CI pipelines gate coverage only for go and python; for a golden path without spec.language give"),
    m("coverage gate without a coverage stage",
      "  language: node\n  cicd:\n    provider: gitlab-ci\n    stages: [{name: test, steps: [npm test]}]\n    coverage: {command: cat total.txt}\n",
      "gp.yaml:9:15: spec.cicd.coverage: a coverage gate needs a stage with `coverage: true`"),
    m("coverage gate key typo",
      "  language: node\n  cicd:\n    provider: gitlab-ci\n    stages: [{name: test, coverage: true, steps: [npm test]}]\n    coverage: {comand: cat total.txt}\n",
      "gp.yaml:9:16: spec.cicd.coverage.comand: unknown key 'comand'; did you mean 'command'?"),
    m("step is a number", "  cicd:\n    provider: gitlab-ci\n    stages: [{name: build, steps: [42]}]\n",
      "gp.yaml:7:36: spec.cicd.stages[0].steps[0]: expected a shell command or {name, run}, got the integer 42"),
    m("step without run", "  cicd:\n    provider: gitlab-ci\n    stages: [{name: build, steps: [{name: x}]}]\n",
      "gp.yaml:7:36: spec.cicd.stages[0].steps[0]: missing required key 'run'"),
    // files, options, migrations
    m("exclude is a string", "  files:\n    exclude: \"*.orig\"\n", "gp.yaml:6:14: spec.files.exclude: expected a list of strings, got the string '*.orig'"),
    m("undefined mode typo", "  template_options:\n    undefined: strickt\n", "gp.yaml:6:16: spec.template_options.undefined: unknown mode 'strickt'; did you mean 'strict'?"),
    m("template option typo", "  template_options:\n    trim_block: true\n", "gp.yaml:6:5: spec.template_options.trim_block: unknown key 'trim_block'; did you mean 'trim_blocks'?"),
    m("migration newer than version", "  migrations:\n    - version: 2.0.0\n", "gp.yaml:6:16: spec.migrations[0].version: migration 2.0.0 is newer than this golden path's version 1.0.0"),
    m("migration renames to nothing", "  parameters:\n    - name: owner\n  migrations:\n    - version: 1.0.0\n      rename: {team: ownr}\n",
      "gp.yaml:9:15: spec.migrations[0].rename: renames to 'ownr', which is not a parameter of this version: unknown parameter 'ownr'; did you mean 'owner'?"),
    m("migration sets an invalid value", "  parameters:\n    - name: port\n      type: integer\n  migrations:\n    - version: 1.0.0\n      set: {port: high}\n",
      "gp.yaml:10:19: spec.migrations[0].set.port: expected an integer, got the string 'high'"),
    // values files
    MalformedCase(name: "values key typo", kind: .values, text: "name: svc\nprot: 8081\n",
                  expected: "values.yaml:2:1: prot: unknown parameter or platform default 'prot'; did you mean 'port'?"),
    MalformedCase(name: "values string for integer", kind: .values, text: "name: svc\nport: '8081'\n",
                  expected: "values.yaml:2:7: `port: 8081` (from values.yaml:2:7): expected an integer, got the string '8081'"),
    MalformedCase(name: "values not a mapping", kind: .values, text: "- name: svc\n",
                  expected: "values.yaml:1:1: expected a mapping of parameter names and platform defaults, got a list"),
    MalformedCase(name: "values multichoice scalar", kind: .values, text: "name: svc\nfeatures: grpc\n",
                  expected: "values.yaml:2:11: `features: grpc` (from values.yaml:2:11): expected a list of choices"),
    MalformedCase(name: "values memory milli", kind: .values, text: "name: svc\nresources:\n  requests:\n    memory: 300m\n",
                  expected: "values.yaml:4:13: `resources.requests.memory: 300m` (from values.yaml:4:13): memory takes binary suffixes like 300Mi; 300m means 0.3 bytes"),
    MalformedCase(name: "values resources typo", kind: .values, text: "name: svc\nresources:\n  limit: {cpu: 1}\n",
                  expected: "values.yaml:3:3: resources.limit: unknown key 'limit'; did you mean 'limits'?"),
    MalformedCase(name: "values limit below request", kind: .values, text: "name: svc\nresources: {memory: 1Gi}\n",
                  expected: "gp.yaml:22:24: `resources.limits.memory: 512Mi` (from the golden path's defaults): the limit is below the request 1Gi (`resources.memory` from values.yaml:2:21)"),
    MalformedCase(name: "values invalid service name", kind: .values, text: "name: Payments_API\n",
                  expected: "values.yaml:1:7: `name: Payments_API` (from values.yaml:1:7): must be a DNS-1035 label"),
    MalformedCase(name: "values syntax error", kind: .values, text: "name: svc\n  port: 1\n",
                  expected: "values.yaml:2:7: mapping values are not allowed here"),
    // --set
    MalformedCase(name: "set unknown key", kind: .set, text: "replica=2",
                  expected: "--set:2:9: replica (from --set replica=2): unknown parameter or platform default 'replica'; did you mean 'replicas'?"),
    MalformedCase(name: "set integer from text", kind: .set, text: "port=http",
                  expected: "--set:2:6: `port: http` (from --set port=http): expected an integer, got 'http'"),
    MalformedCase(name: "set below a parameter", kind: .set, text: "port.number=1",
                  expected: "--set:2:13: port.number (from --set port.number=1): parameter 'port' has no keys below it"),
    // platform.yaml
    MalformedCase(name: "platform top-level typo", kind: .platform, text: "default:\n  replicas: 2\n",
                  expected: "platform.yaml:1:1: default: unknown key 'default'; did you mean 'defaults'?"),
    MalformedCase(name: "platform bad quantity", kind: .platform, text: "defaults:\n  resources: {cpu: 2 cores}\n",
                  expected: "platform.yaml:2:20: `resources.cpu: 2 cores` (from platform.yaml): '2 cores' is not a Kubernetes quantity"),
    // .scaffold.yaml
    MalformedCase(name: "answers bad version", kind: .answers, text: "golden_path: svc\nversion: one\nsource: c\ncreated: 2026-01-01\n",
                  expected: ".scaffold.yaml:2:10: version: 'one' is not a semantic version"),
    MalformedCase(name: "answers bad date", kind: .answers, text: "golden_path: svc\nversion: 1.0.0\nsource: c\ncreated: yesterday\n",
                  expected: ".scaffold.yaml:4:10: created: expected a date like 2026-11-28"),
    MalformedCase(name: "answers unknown parameter", kind: .answers, text: "golden_path: svc\nversion: 1.0.0\nsource: c\ncreated: 2026-01-01\nanswers: {name: svc, colour: red}\n",
                  expected: ".scaffold.yaml:5:22: colour: unknown parameter or platform default 'colour'"),
]
