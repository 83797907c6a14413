import Testing
@testable import YAMLKit

/// The structural merge on the cases a line merge conflicts on in a platform fleet, each with
/// its mirror image where it applies. Expected texts are written out: ours' text, theirs' spans.
@Suite struct StructuralMergeTests {
    private func merged(_ base: String, _ ours: String, _ theirs: String) -> StructuralMerge.Outcome {
        StructuralMerge.merge(base: base, ours: ours, theirs: theirs, file: "deploy.yaml")
    }

    @Test func templateChangesALimitNextToTheTeamsNewEnvEntry() {
        let base = """
            containers:
              - name: app
                resources:
                  limits:
                    memory: 512Mi # raised by the platform
                env:
                  - name: A
                    value: "1"

            """
        let ours = base.replacingOccurrences(of: "        value: \"1\"\n", with: "        value: \"1\"\n      - name: B\n        value: two\n")
        let theirs = base.replacingOccurrences(of: "memory: 512Mi", with: "memory: 768Mi")
        #expect(merged(base, ours, theirs) == .merged(ours.replacingOccurrences(of: "memory: 512Mi", with: "memory: 768Mi")))
        #expect(merged(base, theirs, ours) == .merged(ours.replacingOccurrences(of: "memory: 512Mi", with: "memory: 768Mi")))
    }

    @Test func bothSidesAddDifferentKeysAtTheEnd() {
        let base = "spec:\n  minReplicas: 2\n  maxReplicas: 5\n"
        let ours = base + "  team: payments  # ours\n"
        let theirs = base + "  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 300\n"
        guard case .merged(let text) = merged(base, ours, theirs) else { Issue.record("not merged"); return }
        #expect(text == "spec:\n  minReplicas: 2\n  maxReplicas: 5\n  team: payments  # ours\n  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: 300\n")
    }

    @Test func adjacentScalarChangesMerge() {
        let base = "spec:\n  targetCPUUtilizationPercentage: 80\n  maxReplicas: 5\n"
        let ours = "spec:\n  targetCPUUtilizationPercentage: 80\n  maxReplicas: 10\n"
        let theirs = "spec:\n  targetCPUUtilizationPercentage: 70\n  maxReplicas: 5\n"
        #expect(merged(base, ours, theirs) == .merged("spec:\n  targetCPUUtilizationPercentage: 70\n  maxReplicas: 10\n"))
    }

    @Test func identityKeyedItemsMergeByName() {
        let base = "jobs:\n  - name: test\n    run: go test\n  - name: build\n    run: go build\n"
        let ours = "jobs:\n  - name: test\n    run: go test -race\n  - name: build\n    run: go build\n"
        let theirs = "jobs:\n  - name: test\n    run: go test\n  - name: security\n    run: govulncheck ./...\n  - name: build\n    run: go build -trimpath\n"
        #expect(merged(base, ours, theirs)
                == .merged("jobs:\n  - name: test\n    run: go test -race\n  - name: security\n    run: govulncheck ./...\n  - name: build\n    run: go build -trimpath\n"))
    }

    @Test func differentChangesToOnePathAreAConflictByPath() {
        let base = "spec:\n  containers:\n    - name: app\n      image: a:1\n      port: 80\n"
        let ours = base.replacingOccurrences(of: "a:1", with: "a:2")
        let theirs = base.replacingOccurrences(of: "a:1", with: "a:3").replacingOccurrences(of: "port: 80", with: "port: 8080")
        // Everything else merges; markers go around that key's lines only.
        #expect(merged(base, ours, theirs) == .partial(
            "spec:\n  containers:\n    - name: app\n<<<<<<< ours\n      image: a:2\n=======\n      image: a:3\n>>>>>>> theirs\n      port: 8080\n",
            conflicts: ["spec.containers[name=app].image"]))
        // A key deleted on one side and changed on the other: marked against nothing, both ways round.
        #expect(merged("a: 1\nb: 2\nc: 3\n", "b: 2\nc: 3\n", "a: 9\nb: 2\nc: 4\n")
                == .partial("<<<<<<< ours\n=======\na: 9\n>>>>>>> theirs\nb: 2\nc: 4\n", conflicts: ["a"]))
        // At the end of a file without its final line break too.
        #expect(merged("a: 1\nb: 2", "a: 1\nb: 5", "a: 2\nb: 6")
                == .partial("a: 2\n<<<<<<< ours\nb: 5\n=======\nb: 6\n>>>>>>> theirs\n", conflicts: ["b"]))
        #expect(merged("a: 1\nb: 2\nc: 3\n", "a: 9\nb: 2\nc: 3\n", "b: 2\nc: 4\n")
                == .partial("<<<<<<< ours\na: 9\n=======\n>>>>>>> theirs\nb: 2\nc: 4\n", conflicts: ["a"]))
    }

    @Test func keepsCRLFAndComments() {
        let base = "# settings\r\nport: 8080 # http\r\nlevel: info\r\n"
        let ours = "# settings\r\nport: 8080 # http\r\nlevel: debug\r\n"
        let theirs = "# settings\nport: 9090 # http\nlevel: info\nextra: yes\n"
        #expect(merged(base, ours, theirs) == .merged("# settings\r\nport: 9090 # http\r\nlevel: debug\r\nextra: yes\r\n"))
    }

    @Test func refusesWhatItCannotRewrite() {
        #expect(merged("a: &x 1\nb: *x\n", "a: &x 1\nb: *x\nc: 2\n", "a: &x 2\nb: *x\n") == .unsupported)
        #expect(merged("a: 1\n---\nb: 2\n", "a: 1\n", "a: 2\n---\nb: 2\n") == .unsupported)
    }

    /// Flow collections are whole values: changed on one side, replaced in place; on both, a conflict.
    @Test func flowCollectionsAreWholeValues() {
        #expect(merged("a: [1, 2]\nv: {}\n", "a: [1, 2]\nv: {}\nb: 1\n", "a: [1, 3]\nv: {x: 1}\n") == .merged("a: [1, 3]\nv: {x: 1}\nb: 1\n"))
        #expect(merged("a: [1, 2]\n", "a: [1, 4]\n", "a: [1, 3]\n")
                == .partial("<<<<<<< ours\na: [1, 4]\n=======\na: [1, 3]\n>>>>>>> theirs\n", conflicts: ["a"]))
    }

    @Test func multiDocumentFilesMergePerDocument() {
        let base = "kind: Deployment\nreplicas: 2\n---\nkind: Service\nport: 80\n"
        let ours = "kind: Deployment\nreplicas: 3\n---\nkind: Service\nport: 80\n"
        let theirs = "kind: Deployment\nreplicas: 2\n---\nkind: Service\nport: 8080\n"
        #expect(merged(base, ours, theirs) == .merged("kind: Deployment\nreplicas: 3\n---\nkind: Service\nport: 8080\n"))
    }

    /// A 5,001-line file: neighbouring edits on both sides, in the middle, merge.
    @Test func aLargeFileMerges() {
        var lines = ["services:"]
        for i in 0..<1250 { lines += ["  - name: svc\(i)", "    replicas: 1", "    image: img:\(i)", "    port: 80"] }
        let base = lines.joined(separator: "\n") + "\n"
        let ours = base.replacingOccurrences(of: "  - name: svc500\n    replicas: 1\n", with: "  - name: svc500\n    replicas: 3\n")
        let theirs = base.replacingOccurrences(of: "    image: img:500\n", with: "    image: img:500-new\n")
        #expect(base.split(separator: "\n").count == 5001)
        #expect(merged(base, ours, theirs) == .merged(ours.replacingOccurrences(of: "img:500\n", with: "img:500-new\n")))
    }
}
