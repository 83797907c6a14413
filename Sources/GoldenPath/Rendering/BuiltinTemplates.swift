/// The platform outputs the engine renders for every golden path whose manifest has both
/// `spec.defaults` and `spec.cicd`: Kubernetes manifests and the CI pipeline.
///
/// They live in the engine, not in each golden path, so every service gets the same
/// hardened Deployment and the same single `required-checks` gate, and a platform team
/// fixes them once. A golden path that ships a file at one of these paths overrides it.
///
/// Each entry is a template in the scaffold template language, rendered with the same
/// context as golden path files (parameters, `defaults`, `cicd`, `golden_path`), and
/// always with `trim_blocks` and `lstrip_blocks` off: the whitespace control below is
/// written for those settings, whatever the golden path chose for its own files.
/// Paths are templates too; a path that renders empty means "do not generate".
///
/// Conventions the templates rely on, beyond the manifest format:
/// - `name` (else the golden path's name) names the Kubernetes objects; an optional
///   `port` parameter is the container port (else 8080), an optional `image` parameter the
///   image (else `<name>:latest`).
/// - The service answers `GET /healthz` (liveness) and `GET /readyz` (readiness).
/// - The stage with `coverage: true` leaves `coverage.out` (Go) or `.coverage` (Python,
///   coverage.py or pytest-cov) in the repository root for the coverage gate.
/// - A stage named `deploy` runs only for pushes to the default branch, and is left out
///   of `required-checks` when `required_checks` names no stage (then every other stage
///   is required).
public enum BuiltinTemplates {
    public static let all: [(path: String, source: String)] = [
        (path: #"deploy/k8s/deployment.yaml"#, source: deployment),
        (path: #"deploy/k8s/service.yaml"#, source: service),
        (path: #"deploy/k8s/{% if defaults.autoscaling.enabled %}hpa.yaml{% endif %}"#, source: horizontalPodAutoscaler),
        (path: #"{% if cicd.provider == 'github-actions' %}.github/workflows/ci.yaml{% endif %}"#, source: githubActions),
        (path: #"{% if cicd.provider == 'gitlab-ci' %}.gitlab-ci.yml{% endif %}"#, source: gitlabCI),
    ]

    /// apps/v1 Deployment: no `replicas` while an HPA owns the count, probes on the
    /// health endpoints, a restricted security context (Pod Security "restricted"), and
    /// settings from an optional ConfigMap `<name>-config` and Secret `<name>-secrets`, so
    /// a team configures its service (a database URL) without editing this file.
    static let deployment = #"""
{%- set app = name if name is defined else golden_path.name -%}
{%- set container_port = port if port is defined else 8080 -%}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ app }}
  labels:
    app.kubernetes.io/name: {{ app }}
    app.kubernetes.io/managed-by: scaffold
spec:
{%- if not defaults.autoscaling.enabled %}
  replicas: {{ defaults.replicas if defaults.replicas is defined else 1 }}
{%- endif %}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ app }}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ app }}
        app.kubernetes.io/managed-by: scaffold
    spec:
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {{ app }}
          image: {{ image if image is defined else app ~ ':latest' }}
          ports:
            - name: http
              containerPort: {{ container_port }}
              protocol: TCP
          env:
            - name: PORT
              value: "{{ container_port }}"
          envFrom:
            - configMapRef:
                name: {{ app }}-config
                optional: true
            - secretRef:
                name: {{ app }}-secrets
                optional: true
{%- if defaults.resources is defined and defaults.resources %}
          resources:
{%- for kind in ['requests', 'limits'] if defaults.resources[kind] is defined and defaults.resources[kind] %}
            {{ kind }}:
{%- for quantity in ['cpu', 'memory'] if defaults.resources[kind][quantity] is defined %}
              {{ quantity }}: "{{ defaults.resources[kind][quantity] }}"
{%- endfor %}
{%- endfor %}
{%- endif %}
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 5
            periodSeconds: 10
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            periodSeconds: 5
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop:
                - ALL
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}

"""#

    /// ClusterIP Service on port 80, forwarding to the container's named `http` port.
    static let service = #"""
{%- set app = name if name is defined else golden_path.name -%}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ app }}
  labels:
    app.kubernetes.io/name: {{ app }}
    app.kubernetes.io/managed-by: scaffold
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: {{ app }}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP

"""#

    /// autoscaling/v2 HorizontalPodAutoscaler on CPU utilization (needs a CPU request,
    /// which the values validation guarantees when autoscaling is enabled).
    static let horizontalPodAutoscaler = #"""
{%- set app = name if name is defined else golden_path.name -%}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ app }}
  labels:
    app.kubernetes.io/name: {{ app }}
    app.kubernetes.io/managed-by: scaffold
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ app }}
  minReplicas: {{ defaults.autoscaling.min_replicas }}
  maxReplicas: {{ defaults.autoscaling.max_replicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ defaults.autoscaling.target_cpu }}

"""#

    // The coverage gates' scripts, written once for both CI providers (each places them at its
    // own indentation in its YAML).

    /// Go: the total from `go tool cover`, compared with the rule's operator.
    private static let goCoverageGate = #"""
total=$(go tool cover -func=coverage.out | awk '/^total:/ {print $3}')
echo "total coverage: $total (must be {{ cicd.coverage_operator }} {{ cicd.coverage_threshold }}%)"
awk -v total="${total%\%}" -v min={{ cicd.coverage_threshold }} \
  'BEGIN { exit !(total + 0 {{ cicd.coverage_operator }} min) }'
"""#

    /// Python with a strict rule (`coverage > N%`): coverage.py's `--fail-under` is inclusive.
    private static let pythonStrictCoverageGate = #"""
python -m coverage json -q -o coverage.json
python - <<'EOF'
import json, sys
total = json.load(open("coverage.json"))["totals"]["percent_covered"]
print(f"total coverage: {total:.2f}% (must be > {{ cicd.coverage_threshold }}%)")
sys.exit(0 if total > {{ cicd.coverage_threshold }} else 1)
EOF
"""#

    /// The manifest's own gate (`spec.cicd.coverage`), for any language: its command's last line
    /// of output is the total, checked to be a number, then compared as the Go gate does. Built
    /// for a YAML block indented by `indent`, since the command may span lines.
    private static func customCoverageGate(indent: Int) -> String {
        coverageScript(#"""
total=$(
  {{ cicd.coverage_command | trim | indent(\#(indent + 2)) }}
)
total=$(printf '%s\n' "$total" | tail -n 1 | tr -d ' %')
case "$total" in
  ''|*[!0-9.]*|*.*.*)
    echo "no percentage on the coverage command's last line: '$total'"
    exit 1 ;;
esac
{%- if cicd.coverage_threshold is not none %}
echo "total coverage: $total% (must be {{ cicd.coverage_operator }} {{ cicd.coverage_threshold }}%)"
awk -v total="$total" -v min={{ cicd.coverage_threshold }} \
  'BEGIN { exit !(total + 0 {{ cicd.coverage_operator }} min) }'
{%- else %}
echo "total coverage: $total%"
{%- endif %}
"""#, indent: indent)
    }

    /// `script` with every line after the first indented by `indent` spaces.
    private static func coverageScript(_ script: String, indent: Int) -> String {
        script.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    /// GitHub Actions: one job per stage, read-only token, the coverage gate on the
    /// coverage stage, and `required-checks`, the one job branch protection must require:
    /// it always runs and fails unless every required job succeeded (a skipped or
    /// cancelled job must not count as green).
    static let githubActions = #"""
{%- set language = golden_path.language if golden_path.language is defined else '' -%}
{%- set required = cicd.required_checks if cicd.required_checks else cicd.stages | map(attribute='name') | reject('equalto', 'deploy') | list -%}
---
name: ci

"on":
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

# A newer push to the same branch or pull request cancels this run.
concurrency:
  group: ci-{% raw %}${{ github.ref }}{% endraw %}
  cancel-in-progress: true

jobs:
{%- for stage in cicd.stages %}
  {{ stage.name }}:
    runs-on: ubuntu-latest
    timeout-minutes: 30
{%- if stage.needs %}
    needs: [{{ stage.needs | join(', ') }}]
{%- endif %}
{%- if stage.name == 'deploy' %}
    if: >-
      github.event_name == 'push' &&
      github.ref_name == github.event.repository.default_branch
{%- endif %}
    steps:
      - uses: actions/checkout@v5
{%- if language == 'go' %}
      - uses: actions/setup-go@v6
        with:
          go-version-file: go.mod
{%- elif language == 'python' %}
      - uses: actions/setup-python@v6
        with:
          python-version: "3.12"
{%- endif %}
{%- for step in stage.steps %}
{%- if step.name is defined and step.name and step.name != step.run %}
      - name: {{ step.name | tojson }}
        run: |
          {{ step.run | trim | indent(10) }}
{%- else %}
      - run: |
          {{ step.run | trim | indent(10) }}
{%- endif %}
{%- endfor %}
{%- if stage.coverage and cicd.coverage_command is not none %}
      - name: Coverage gate{% if cicd.coverage_threshold is not none %} ({{ cicd.coverage_operator }} {{ cicd.coverage_threshold }}%){% endif %}
        run: |
          \#(customCoverageGate(indent: 10))
{%- if cicd.coverage_report is not none %}
      - name: Keep the coverage report
        if: always()
        uses: actions/upload-artifact@v7
        with:
          name: coverage
          path: {{ cicd.coverage_report | tojson }}
{%- endif %}
{%- elif stage.coverage and cicd.coverage_threshold is not none %}
{%- if language == 'go' %}
      - name: Coverage gate ({{ cicd.coverage_operator }} {{ cicd.coverage_threshold }}%)
        run: |
          \#(coverageScript(goCoverageGate, indent: 10))
{%- elif language == 'python' %}
      - name: Coverage gate ({{ cicd.coverage_operator }} {{ cicd.coverage_threshold }}%)
{%- if cicd.coverage_operator == '>=' %}
        run: python -m coverage report --fail-under={{ cicd.coverage_threshold }}
{%- else %}
        run: |
          \#(coverageScript(pythonStrictCoverageGate, indent: 10))
{%- endif %}
{%- endif %}
{%- endif %}
{%- endfor %}
  required-checks:
    if: always()
    needs: [{{ required | join(', ') }}]
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - name: Fail unless every required job succeeded
        env:
          NEEDS: {% raw %}${{ toJSON(needs) }}{% endraw %}
        run: |
          failed=$(echo "$NEEDS" | jq -r 'to_entries[]
            | select(.value.result != "success")
            | "\(.key): \(.value.result)"')
          if [ -n "$failed" ]; then
            echo "required jobs did not succeed:"
            echo "$failed"
            exit 1
          fi
          echo "all required jobs succeeded"

"""#

    /// GitLab CI: one stage and one job per manifest stage, wired with `needs`, the
    /// language's image, the coverage gate, and a final `required-checks` job that only
    /// runs when every required job succeeded.
    static let gitlabCI = #"""
{%- set language = golden_path.language if golden_path.language is defined else '' -%}
{%- set required = cicd.required_checks if cicd.required_checks else cicd.stages | map(attribute='name') | reject('equalto', 'deploy') | list -%}
---
stages:
{%- for stage in cicd.stages %}
  - {{ stage.name }}
{%- endfor %}
  - required-checks
{%- if language == 'go' %}

default:
  image: golang:1.22
{%- elif language == 'python' %}

default:
  image: python:3.12-slim
{%- endif %}
{%- for stage in cicd.stages %}

{{ stage.name }}:
  stage: {{ stage.name }}
  needs: [{{ stage.needs | join(', ') }}]
{%- if stage.name == 'deploy' %}
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
{%- endif %}
  script:
{%- for step in stage.steps %}
    - |
      {{ step.run | trim | indent(6) }}
{%- endfor %}
{%- if stage.coverage and cicd.coverage_command is not none %}
    - |
      \#(customCoverageGate(indent: 6))
  coverage: '/total coverage: (\d+(?:\.\d+)?)%/'
{%- if cicd.coverage_report is not none %}
  artifacts:
    when: always
    paths:
      - {{ cicd.coverage_report | tojson }}
{%- endif %}
{%- elif stage.coverage and cicd.coverage_threshold is not none %}
{%- if language == 'go' %}
    - |
      \#(coverageScript(goCoverageGate, indent: 6))
  coverage: '/total:\s+\(statements\)\s+(\d+\.\d+)%/'
{%- elif language == 'python' %}
{%- if cicd.coverage_operator == '>=' %}
    - python -m coverage report --fail-under={{ cicd.coverage_threshold }}
{%- else %}
    - python -m coverage report
    - |
      \#(coverageScript(pythonStrictCoverageGate, indent: 6))
{%- endif %}
  coverage: '/TOTAL.*\s(\d+(?:\.\d+)?)%/'
{%- endif %}
{%- endif %}
{%- endfor %}

required-checks:
  stage: required-checks
  needs: [{{ required | join(', ') }}]
  image: alpine:3.20
  script:
    - echo "all required jobs succeeded"

"""#
}
