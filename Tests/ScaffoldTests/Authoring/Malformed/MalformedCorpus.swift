/// At least 40 malformed manifests, values files, `--set` arguments, platform files and templates.
/// Each must make `scaffold new` exit 2, name the file, line, column and key, and write nothing.
let malformedGoldenPaths: [MalformedGoldenPath] = manifestCases + valueCases + templateCases

private typealias M = MalformedGoldenPath

private let manifestCases: [MalformedGoldenPath] = [
    M.manifest("yaml syntax: tab", "  parameters:\n\t- name: x\n", "golden-path.yaml:6:1: "),
    M.manifest("yaml syntax: unclosed flow", "  labels: {tier: backend\n", "golden-path.yaml:6:1: "),
    M.manifest("duplicate key", "  language: go\n  language: python\n", "golden-path.yaml:6:3: duplicate key 'language'"),
    M.manifest("unknown spec key", "  paramters: []\n", "golden-path.yaml:5:3: spec.paramters: unknown key 'paramters'; did you mean 'parameters'?"),
    M.manifest("parameter key typo", M.parameters + "      requird: true\n", "golden-path.yaml:13:7: spec.parameters[1].requird: unknown key"),
    M.manifest("parameter type typo", "  parameters:\n    - name: x\n      type: strng\n", "golden-path.yaml:7:13: spec.parameters[0].type: unknown type 'strng'"),
    M.manifest("choice without choices", "  parameters:\n    - name: db\n      type: choice\n", "golden-path.yaml:7:13: spec.parameters[0].type: a choice parameter needs `choices`"),
    M.manifest("invalid pattern", "  parameters:\n    - name: code\n      pattern: \"[a-\"\n", "golden-path.yaml:7:16: spec.parameters[0].pattern:"),
    M.manifest("unknown format", "  parameters:\n    - name: host\n      format: dns\n", "golden-path.yaml:7:15: spec.parameters[0].format: unknown format 'dns'"),
    M.manifest("min above max", "  parameters:\n    - name: n\n      type: integer\n      min: 10\n      max: 1\n", "golden-path.yaml:9:12: spec.parameters[0].max"),
    M.manifest("default of the wrong type", "  parameters:\n    - name: port\n      type: integer\n      default: eighty\n", "golden-path.yaml:8:16: `spec.parameters[0].default: eighty`"),
    M.manifest("default outside choices", "  parameters:\n    - name: db\n      type: choice\n      choices: [none, pg]\n      default: mysql\n", "golden-path.yaml:9:16: `spec.parameters[0].default: mysql`"),
    M.manifest("when does not compile", M.parameters + "    - name: db\n      default: x\n      when: \"port >\"\n", "golden-path.yaml"),
    M.manifest("templated default that fails", M.parameters + "    - name: db\n      default: \"{{ nme }}-db\"\n", "golden-path.yaml:14:16: `spec.parameters[2].default"),
    M.manifest("memory with m suffix", M.parameters + "  defaults:\n    resources: {requests: {memory: 512m}}\n", "golden-path.yaml:14:36: "),
    M.manifest("limit below request", M.parameters + "  defaults:\n    resources:\n      requests: {cpu: 500m}\n      limits: {cpu: 250m}\n", "golden-path.yaml:"),
    M.manifest("autoscaling without cpu request", M.parameters + "  defaults:\n    autoscaling: {enabled: true, min_replicas: 1, max_replicas: 3}\n", "golden-path.yaml:"),
    M.manifest("cicd unknown provider", M.parameters + "  defaults: {replicas: 1}\n  cicd:\n    provider: jenkins\n    stages: [{name: build, steps: [make]}]\n",
               "golden-path.yaml:15:15: spec.cicd.provider: unknown provider 'jenkins'"),
    M.manifest("cicd needs a later stage", M.parameters + "  defaults: {replicas: 1}\n  cicd:\n    provider: github-actions\n    stages:\n      - {name: build, needs: [test], steps: [make]}\n      - {name: test, steps: [make test]}\n",
               "golden-path.yaml:17:31: spec.cicd.stages[0].needs[0]"),
    M.manifest("template options typo", M.parameters + "  template_options: {trim_block: true}\n", "golden-path.yaml:13:22: spec.template_options.trim_block: unknown key"),
    M.manifest("glob that does not parse", M.parameters + "  files: {exclude: [\"{{ name \"]}\n", "golden-path.yaml:13:21: spec.files.exclude[0]: "),
    M.manifest("next step that does not parse", M.parameters + "  next_steps: [\"cd {{ name\"]\n", "golden-path.yaml:13:16: spec.next_steps[0]: "),
    M.manifest("next step that does not render", M.parameters + "  next_steps:\n    - \"make\"\n    - \"cd {{ service.name }}\"\n",
               "golden-path.yaml:15:7: spec.next_steps[1]: cannot render 'cd {{ service.name }}': 'service' is undefined"),
    M.manifest("CI step that does not parse", M.parameters + "  defaults: {replicas: 1}\n  cicd:\n    provider: github-actions\n    stages: [{name: build, steps: [\"make {% if %}\"]}]\n", "golden-path.yaml:16:"),
]

private let valueCases: [MalformedGoldenPath] = [
    MalformedGoldenPath(name: "values: missing file", files: M.goldenPath(spec: M.parameters),
                        arguments: ["--values", "CATALOG/nothing.yaml"], expected: "nothing.yaml:1:1: cannot read file: no such file"),
    MalformedGoldenPath(name: "values: a folder", files: M.goldenPath(spec: M.parameters),
                        arguments: ["--values", "CATALOG/svc"], expected: "svc:1:1: cannot read file: it is a folder"),
    M.values("values: not a mapping", "- port\n", "values.yaml:1:1: expected a mapping"),
    M.values("values: unknown key", "prot: 9000\n", "values.yaml:1:1: prot: unknown parameter or platform default 'prot'; did you mean 'port'?"),
    M.values("values: integer below min", "port: 80\n", "values.yaml:1:7: `port: 80`"),
    M.values("values: integer of the wrong type", "port: eighty\n", "values.yaml:1:7: `port: eighty`"),
    M.values("values: list for an integer", "port: [1, 2]\n", "values.yaml:1:7: port (from values.yaml:1:7): expected an integer, got a list"),
    M.values("values: memory with m suffix", "resources:\n  requests:\n    memory: 512m\n", "values.yaml:3:13: `resources.requests.memory: 512m`"),
    M.values("values: cpu finer than 1m", "resources: {requests: {cpu: 0.0001}}\n", "values.yaml:1:29: `resources.requests.cpu: 0.0001`"),
    M.values("values: max below min replicas", "autoscaling: {min_replicas: 5, max_replicas: 2}\n", "values.yaml:1:"),
    M.values("values: target cpu above 100", "autoscaling: {target_cpu: 150}\n", "values.yaml:1:27: `autoscaling.target_cpu: 150`"),
    M.values("values: yaml syntax", "port: [9000\n", "values.yaml:2:1: "),
    M.set("--set: no equals sign", "port", "--set:1:1: port: expected KEY=VALUE"),
    M.set("--set: unknown key", "prot=9000", "--set:1:6: prot (from --set prot=9000): unknown parameter or platform default 'prot'"),
    M.set("--set: wrong type", "port=eighty", "--set:1:6: `port: eighty` (from --set port=eighty)"),
    M.set("--set: memory with m suffix", "resources.requests.memory=512m", "--set:1:27: `resources.requests.memory: 512m` (from --set"),
    M.platform("platform: unknown key", "defaults:\n  replica: 2\n", "platform.yaml:2:3: "),
    M.platform("platform: bad quantity", "defaults:\n  resources: {requests: {cpu: lots}}\n", "platform.yaml:2:31: "),
]

private let templateCases: [MalformedGoldenPath] = [
    M.template("template: syntax error", ["main.go": "package {{ name }\n"], "template/main.go:1:"),
    M.template("template: unclosed block", ["main.go": "{% if port %}\nlisten\n"], "template/main.go:"),
    M.template("template: undefined variable", ["main.go": "package main\n// {{ nmae }}\n"], "template/main.go:2:7: "),
    M.template("template: unknown filter", ["main.go": "{{ name | shout }}\n"], "template/main.go:1:11: "),
    M.template("template: unknown test", ["main.go": "{% if port is prime %}x{% endif %}\n"], "template/main.go:1:"),
    M.template("template: error while rendering", ["main.go": "{{ port // 0 }}\n"], "template/main.go:1:"),
    M.template("template: include of a missing file", ["main.go": "{% include 'partials/missing.txt' %}\n"], "template/main.go:1:"),
    M.template("path: undefined variable in a file name", ["cmd/{{ nmae }}/main.go": "package main\n"], "template/cmd/{{ nmae }}/main.go (file name):1:"),
    M.template("path: dot folder", ["{{ '.' }}/here.txt": "x\n"], "template/{{ '.' }}/here.txt: rendered path './here.txt' contains '.'"),
    M.template("path: dot-dot", ["{{ '..' }}/escape.txt": "x\n"], "template/{{ '..' }}/escape.txt: rendered path '../escape.txt' contains '..'"),
    M.template("path: into .git", ["{{ '.git' }}/config": "x\n"], "template/{{ '.git' }}/config: rendered path '.git/config' lands in a .git folder"),
    M.template("path: two files collide", ["{{ name }}.txt": "a\n", "demo.txt": "b\n"], "renders to 'demo.txt', which"),
    M.template("path: file and folder collide", ["{{ name }}": "a\n", "demo/inner.txt": "b\n"], "inside 'demo', which"),
    M.template("path: overrides the answers file", ["{{ '.scaffold.yaml' }}": "x\n"], "renders to '.scaffold.yaml', which scaffold writes itself"),
    M.template("symlink outside the template", [:], "template/passwd: symlink points outside the template folder: ../../../../etc/passwd",
               symlinks: ["passwd": "../../../../etc/passwd"]),
    M.template("absolute symlink", [:], "template/hosts: symlink points outside the template folder: /etc/hosts",
               symlinks: ["hosts": "/etc/hosts"]),
    // Inside by its text, outside once `l -> .` is followed, as the kernel follows it.
    M.template("symlink escaping through a link", [:],
               "template/esc: symlink points outside the template folder: " + escapeThroughLinks,
               symlinks: ["l": ".", "esc": escapeThroughLinks]),
    M.template("dangling symlink climbing with ..", [:],
               "template/esc: symlink points outside the template folder: l/missing/../../etc/passwd",
               symlinks: ["l": ".", "esc": "l/missing/../../etc/passwd"]),
]

/// `l/l/…/../../…/etc/passwd`: as many `l` as `..`, so the text stays in the template folder.
private let escapeThroughLinks = String(repeating: "l/", count: 30) + String(repeating: "../", count: 30) + "etc/passwd"
