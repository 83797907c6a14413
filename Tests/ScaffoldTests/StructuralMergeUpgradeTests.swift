import Foundation
import TestSupport
import Testing

/// The structural merge end to end on the shipped go-microservice: the team's edits sit next to
/// the lines 1.1.0 changes in its Deployment, so git's line merge conflicts; scaffold merges the
/// keys, keeps the team's comment, and the result is still a valid Deployment.
@Suite struct StructuralMergeUpgradeTests {
    static let author = ["GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com",
                         "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com"]

    @Test func theTeamsNeighbouringEditsMergeByKey() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = Authoring.shippedCatalog.catalog.root
        let made = try Authoring.run(["new", "go-microservice", "pay", "--version", "1.0.0", "--catalog", catalog, "--no-input"], in: dir,
                                     environment: Self.author)
        #expect(made.status == 0, "\(made.standardError)")
        let service = dir + "/pay"
        let file = service + "/deploy/k8s/deployment.yaml"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "            limits:\n              cpu: \"500m\"",
                                         with: "            limits:\n              cpu: \"1\"  # the team needs a full core at peak")
        text = text.replacingOccurrences(of: "              value: \"8080\"\n",
                                         with: "              value: \"8080\"\n            - name: FEATURE_REFUNDS\n              value: \"on\"\n")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "team: more cpu, refunds flag"], in: service)

        // git's own merge of these lines conflicts:
        let line = try Authoring.run(["upgrade", "--to", "1.1.0", "--dry-run", "--merge", "line", "--catalog", catalog], in: service,
                                     environment: Self.author)
        #expect(line.standardOutput.contains("both modified: deploy/k8s/deployment.yaml"), "\(line.standardOutput)")

        let upgraded = try Authoring.run(["upgrade", "--to", "1.1.0", "--in-place", "--catalog", catalog], in: service, environment: Self.author)
        #expect(upgraded.status == 0, "\(upgraded.standardOutput)\(upgraded.standardError)")
        #expect(try gitOutput(["status", "--porcelain"], in: service) == "")
        let merged = try String(contentsOfFile: file, encoding: .utf8)
        #expect(merged.contains("""
                        requests:
                          cpu: "100m"
                          memory: "192Mi"
                        limits:
                          cpu: "1"  # the team needs a full core at peak
                          memory: "384Mi"
            """))
        #expect(merged.contains("- name: FEATURE_REFUNDS\n              value: \"on\"\n"))
        #expect(!merged.contains("<<<<<<<"))
        let description = try String(contentsOfFile: service + "/.git/scaffold/upgrade-1.1.0.md", encoding: .utf8)
        #expect(description.contains("Merged key by key (the line merge conflicted, the keys did not): `deploy/k8s/deployment.yaml`."))
    }

    /// Both sides changed one key: the line merge's markers stay, and the report names the key path.
    @Test func aKeyBothSidesChangedIsNamedByPath() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = Authoring.shippedCatalog.catalog.root
        _ = try Authoring.run(["new", "go-microservice", "pay", "--version", "1.0.0", "--catalog", catalog, "--no-input"], in: dir,
                              environment: Self.author)
        let service = dir + "/pay"
        let file = service + "/deploy/k8s/deployment.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "memory: \"256Mi\"", with: "memory: \"1Gi\"").write(toFile: file, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "team: more memory"], in: service)
        let result = try Authoring.run(["upgrade", "--to", "1.1.0", "--dry-run", "--json", "--catalog", catalog], in: service, environment: Self.author)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(report["key_conflicts"] as? [String: [String]]
                == ["deploy/k8s/deployment.yaml": ["spec.template.spec.containers[name=pay].resources.limits.memory"]])
        #expect((report["merged_by_key"] as? [String]) == [])
        // Only that key is marked; 1.1.0's other memory change merged.
        let upgraded = try Authoring.run(["upgrade", "--to", "1.1.0", "--in-place", "--catalog", catalog], in: service, environment: Self.author)
        #expect(upgraded.status == 1)
        let marked = try String(contentsOfFile: file, encoding: .utf8)
        #expect(marked.contains("""
                        requests:
                          cpu: "100m"
                          memory: "192Mi"
                        limits:
                          cpu: "500m"
            <<<<<<< main
                          memory: "1Gi"
            =======
                          memory: "384Mi"
            >>>>>>> go-microservice 1.1.0
                      livenessProbe:
            """), "\(marked)")
        #expect(try gitOutput(["status", "--porcelain"], in: service).contains("UU deploy/k8s/deployment.yaml"))
        try git(["merge", "--abort"], in: service)
        #expect(try gitOutput(["status", "--porcelain"], in: service) == "")
    }

    /// The end-to-end case: the team edited the Deployment, the CI workflow and the
    /// catalog entry right next to what 1.1.0 and 2.0.0 change. Both upgrades merge without a
    /// conflict, the team's comments stay, and the results pass kubernetes-validate --strict and
    /// actionlint (installed by `make test`).
    @Test func twoUpgradesOverTheTeamsEditsStayValid() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = Authoring.shippedCatalog.catalog.root
        #expect(try Authoring.run(["new", "go-microservice", "pay", "--version", "1.0.0", "--catalog", catalog, "--no-input"], in: dir,
                                  environment: Self.author).status == 0)
        let service = dir + "/pay"
        func edit(_ file: String, _ changes: [(String, String)]) throws {
            var text = try String(contentsOfFile: service + "/" + file, encoding: .utf8)
            for (old, new) in changes {
                #expect(text.contains(old), "\(file) has no \(old)")
                text = text.replacingOccurrences(of: old, with: new)
            }
            try text.write(toFile: service + "/" + file, atomically: true, encoding: .utf8)
        }
        try edit("deploy/k8s/deployment.yaml", [
            ("            limits:\n              cpu: \"500m\"", "            limits:\n              cpu: \"1\"  # the team needs a full core at peak"),
            ("              value: \"8080\"\n", "              value: \"8080\"\n            - name: FEATURE_REFUNDS\n              value: \"on\"\n"),
        ])
        // Where 1.1.0 adds `go mod verify` after the security job's setup-go step.
        let workflow = try String(contentsOfFile: service + "/.github/workflows/ci.yaml", encoding: .utf8)
        let security = try #require(workflow.range(of: "  security:"))
        let pin = try #require(workflow.range(of: "go-version-file: go.mod", range: security.upperBound..<workflow.endIndex))
        try workflow.replacingCharacters(in: pin, with: "go-version: \"1.22\"  # pinned by the team until the 1.23 rollout")
            .write(toFile: service + "/.github/workflows/ci.yaml", atomically: true, encoding: .utf8)
        // Next to the owner lines 2.0.0 renders from the new `team` answer.
        try edit("catalog-info.yaml", [("  lifecycle: experimental\n", "  lifecycle: production  # launched 2026-10\n")])
        try git(["commit", "-qam", "team edits"], in: service)

        let line = try Authoring.run(["upgrade", "--to", "1.1.0", "--dry-run", "--merge", "line", "--catalog", catalog], in: service,
                                     environment: Self.author)
        #expect(line.standardOutput.contains("both modified: .github/workflows/ci.yaml"), "\(line.standardOutput)")
        #expect(line.standardOutput.contains("both modified: deploy/k8s/deployment.yaml"), "\(line.standardOutput)")
        let first = try Authoring.run(["upgrade", "--to", "1.1.0", "--in-place", "--catalog", catalog], in: service, environment: Self.author)
        #expect(first.status == 0, "\(first.standardOutput)\(first.standardError)")
        #expect(first.standardOutput.contains("merged key by key: .github/workflows/ci.yaml, deploy/k8s/deployment.yaml"), "\(first.standardOutput)")

        let lineAgain = try Authoring.run(["upgrade", "--to", "2.0.0", "--set", "team=payments-platform", "--dry-run", "--merge", "line",
                                           "--catalog", catalog], in: service, environment: Self.author)
        #expect(lineAgain.standardOutput.contains("both modified: catalog-info.yaml"), "\(lineAgain.standardOutput)")
        let second = try Authoring.run(["upgrade", "--to", "2.0.0", "--set", "team=payments-platform", "--in-place", "--catalog", catalog],
                                       in: service, environment: Self.author)
        #expect(second.status == 0, "\(second.standardOutput)\(second.standardError)")
        #expect(try gitOutput(["status", "--porcelain"], in: service) == "")

        let ci = try String(contentsOfFile: service + "/.github/workflows/ci.yaml", encoding: .utf8)
        #expect(ci.contains("go-version: \"1.22\"  # pinned by the team until the 1.23 rollout\n      - name: \"Verify module checksums\"\n"))
        let deployment = try String(contentsOfFile: service + "/deploy/k8s/deployment.yaml", encoding: .utf8)
        #expect(deployment.contains("cpu: \"1\"  # the team needs a full core at peak") && deployment.contains("- name: FEATURE_REFUNDS"))
        let entry = try String(contentsOfFile: service + "/catalog-info.yaml", encoding: .utf8)
        // Both documents (the Component and its API).
        #expect(entry.components(separatedBy: "lifecycle: production  # launched 2026-10\n  owner: payments-platform\n").count == 3, "\(entry)")

        let venv = Authoring.packageRoot.appendingPathComponent(".venv/bin").path
        let manifests = ["deployment.yaml", "service.yaml", "hpa.yaml"].map { service + "/deploy/k8s/" + $0 }
        let validated = try runProcess(URL(fileURLWithPath: venv + "/kubernetes-validate"), ["--strict", "--quiet"] + manifests)
        #expect(validated.status == 0, "\(validated.standardOutput)\(validated.standardError)")
        let linted = try runProcess(URL(fileURLWithPath: venv + "/actionlint"), [service + "/.github/workflows/ci.yaml"])
        #expect(linted.status == 0, "\(linted.standardOutput)\(linted.standardError)")
    }
}
