import Foundation
import Testing
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
