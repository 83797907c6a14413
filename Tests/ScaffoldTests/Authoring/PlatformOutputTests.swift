import Foundation
import TestSupport
import Testing
import YAMLKit
@testable import Scaffold

/// The engine's Kubernetes manifests and CI pipelines, rendered from the shipped go-microservice.
@Suite struct PlatformOutputTests {
    private func render(_ sets: [String]) throws -> [String: String] {
        let result = try PreviewGoldenPath.run(.init(goldenPath: "go-microservice", version: "2.0.0",
                                                     values: ValueArguments(sets: ["name=payments"] + sets)),
                                               catalog: Authoring.shippedCatalog)
        var files: [String: String] = [:]
        for file in result.tree.files { files[file.path] = String(decoding: file.bytes, as: UTF8.self) }
        return files
    }

    @Test func autoscalingOnMeansAnHPAAndNoReplicas() throws {
        let files = try render([])
        let deployment = try #require(files["deploy/k8s/deployment.yaml"])
        #expect(!deployment.contains("replicas:"))
        let hpa = try #require(files["deploy/k8s/hpa.yaml"])
        #expect(hpa.contains("apiVersion: autoscaling/v2"))
        #expect(hpa.contains("minReplicas: 2") && hpa.contains("maxReplicas: 10"))
        #expect(hpa.contains("averageUtilization: 70"))
        #expect(deployment.contains("cpu: \"100m\"") && deployment.contains("memory: \"192Mi\""))
    }

    @Test func autoscalingOffMeansFixedReplicasAndNoHPA() throws {
        let files = try render(["autoscaling.enabled=false", "replicas=4"])
        #expect(files["deploy/k8s/hpa.yaml"] == nil)
        #expect(files["deploy/k8s/deployment.yaml"]?.contains("\n  replicas: 4\n") == true)
    }

    @Test func gitHubActionsHasOneJobPerStageAndTheRequiredChecksGate() throws {
        let files = try render([])
        let workflow = try #require(files[".github/workflows/ci.yaml"])
        #expect(files[".gitlab-ci.yml"] == nil)
        for job in ["build:", "test:", "lint:", "security:", "deploy:", "required-checks:"] {
            #expect(workflow.contains("\n  \(job)\n"), "no job \(job)")
        }
        #expect(workflow.contains("permissions:"))
        #expect(workflow.contains("if: always()"))
        // go-microservice 2.0.0 asks for "coverage > 70%": strictly more, so exactly 70% fails.
        #expect(workflow.contains("- name: Coverage gate (> 70%)"), "coverage gate missing")
        #expect(workflow.contains("'BEGIN { exit !(total + 0 > min) }'"), "the gate is not strict")
        #expect(workflow.contains("uses: actions/setup-go@"))
    }

    @Test func gitLabVariant() throws {
        let files = try render(["ci_provider=gitlab-ci"])
        #expect(files[".github/workflows/ci.yaml"] == nil)
        let pipeline = try #require(files[".gitlab-ci.yml"])
        #expect(pipeline.hasPrefix("---\nstages:\n  - build\n"))
        #expect(pipeline.contains("min=70") && pipeline.contains("exit !(total + 0 > min)"), "coverage gate missing")
        #expect(pipeline.contains("required-checks"))
    }
}

/// A language the built-in pipelines have no coverage gate for gets the manifest's own
/// (`spec.cicd.coverage`), and that gate really gates: the rendered script is run here with the
/// totals a tool could leave.
@Suite struct CustomCoverageGateTests {
    private static let edgeCatalog = CatalogContext(
        catalog: .init(root: Authoring.packageRoot.appendingPathComponent("Tests/golden-paths/edge-catalog").path),
        origin: .flag, sourceLabel: "edge-catalog")

    /// The gate's shell script in the pipeline `provider` renders for the `minimal` edge golden path.
    private func gate(provider: String) throws -> String {
        let result = try PreviewGoldenPath.run(.init(goldenPath: "minimal", version: "1.0.0",
                                                     values: ValueArguments(sets: ["ci_provider=\(provider)"])),
                                               catalog: Self.edgeCatalog)
        let files = Dictionary(uniqueKeysWithValues: result.tree.files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
        if provider == "github-actions" {
            let workflow = try YAML.parseDocument(try #require(files[".github/workflows/ci.yaml"]), file: "ci.yaml")
            let steps = try #require(workflow["jobs"]?["unit-tests"]?["steps"]?.sequence)
            #expect(steps.contains { $0["uses"]?.scalar?.value == "actions/upload-artifact@v7" && $0["with"]?["path"]?.scalar?.value == "coverage.txt" })
            let step = try #require(steps.first { $0["name"]?.scalar?.value == "Coverage gate (>= 50%)" })
            return try #require(step["run"]?.scalar?.value)
        }
        let pipeline = try YAML.parseDocument(try #require(files[".gitlab-ci.yml"]), file: ".gitlab-ci.yml")
        let job = try #require(pipeline["unit-tests"])
        #expect(job["coverage"]?.scalar?.value == #"/total coverage: (\d+(?:\.\d+)?)%/"#)
        #expect(job["artifacts"]?["paths"]?.sequence?.first?.scalar?.value == "coverage.txt")
        return try #require(job["script"]?.sequence?.last?.scalar?.value)
    }

    @Test(arguments: ["github-actions", "gitlab-ci"])
    func theGateComparesTheCommandsLastLine(_ provider: String) throws {
        let script = try gate(provider: provider)
        let folder = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (total, passes) in [("75.0%", true), ("50", true), ("49.9", false), ("n/a", false), ("", false)] {
            try Data((total + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/coverage.txt"))
            let run = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: folder)
            #expect((run.status == 0) == passes, "\(provider) with \(total): \(run.standardOutput)\(run.standardError)")
        }
    }
}
