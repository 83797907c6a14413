import Foundation
import TestSupport
import Testing

/// `scaffold release`: the next version folder is the newest one with only its version changed,
/// the changelog gets the new section first, and a version that is not after the newest is refused.
@Suite struct ReleaseTests {
    @Test func copiesTheNewestVersionAndBumpsOnlyItsVersion() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Authoring.shippedCatalog.catalog.root, toPath: dir + "/catalog")
        let released = try Authoring.run(["release", "go-microservice", "--catalog", dir + "/catalog", "--minor"], in: dir)
        #expect(released.status == 0, "\(released.standardError)")
        #expect(released.standardOutput.contains("Started go-microservice 2.1.0"))
        let old = dir + "/catalog/go-microservice/2.0.0", new = dir + "/catalog/go-microservice/2.1.0"
        let diff = try git(["diff", "--no-index", "--numstat", old, new], in: dir, allowFailure: true)
        #expect(diff.split(separator: "\n").count == 1 && diff.hasPrefix("1\t1\t"), "\(diff)")
        #expect(try String(contentsOfFile: new + "/golden-path.yaml", encoding: .utf8).contains("\n  version: 2.1.0\n"))
        let changelog = try String(contentsOfFile: dir + "/catalog/go-microservice/CHANGELOG.md", encoding: .utf8)
        #expect(changelog.hasPrefix("# go-microservice changelog\n\n## 2.1.0\n\n## 2.0.0\n"))
        // The new version is a version of the catalog, and lint accepts it as it is.
        let lint = try Authoring.run(["lint", new], in: dir)
        #expect(lint.status == 0, "\(lint.standardOutput)\(lint.standardError)")

        let backwards = try Authoring.run(["release", "go-microservice", "--catalog", dir + "/catalog", "--version", "2.0.5"], in: dir)
        #expect(backwards.status == 2)
        #expect(backwards.standardError.contains("2.0.5 is not after the newest version, 2.1.0"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/catalog/go-microservice/2.0.5"))
    }
}

/// In a catalog that is a git repository, lint reports every file of a released version that
/// changed since the commit that added the version, unless that version's edit is allowed.
@Suite struct ReleasedVersionLintTests {
    /// The shipped catalog copied into `dir/catalog` and committed: every version released.
    private func committedCatalog(in dir: String) throws -> String {
        let catalog = dir + "/catalog"
        try FileManager.default.copyItem(atPath: Authoring.shippedCatalog.catalog.root, toPath: catalog)
        try git(["init", "-q", "-b", "main"], in: catalog)
        try git(["add", "-A"], in: catalog)
        try git(["commit", "-qm", "the catalog"], in: catalog)
        return catalog
    }

    @Test func editsToReleasedVersionsAreFindings() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = try committedCatalog(in: dir)
        #expect(try Authoring.run(["lint", "go-microservice", "--catalog", catalog], in: dir).status == 0)

        // A committed change and an uncommitted one, both in 1.1.0.
        let readme = catalog + "/go-microservice/1.1.0/template/README.md"
        try (String(contentsOfFile: readme, encoding: .utf8) + "A hotfix line.\n").write(toFile: readme, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "hotfix"], in: catalog)
        try "x\n".write(toFile: catalog + "/go-microservice/1.1.0/template/NEW.md", atomically: true, encoding: .utf8)
        let linted = try Authoring.run(["lint", "go-microservice", "--catalog", catalog], in: dir)
        #expect(linted.status == 1)
        let lines = linted.standardOutput.split(separator: "\n")
        #expect(lines.count == 2, "\(linted.standardOutput)")
        #expect(lines.allSatisfy { $0.contains("go-microservice 1.1.0 was released in ") && $0.contains("--allow-edit 1.1.0") })
        #expect(lines.contains { $0.contains("1.1.0/template/README.md:1:1") } && lines.contains { $0.contains("1.1.0/template/NEW.md:1:1") })
        #expect(try Authoring.run(["lint", "go-microservice", "--catalog", catalog, "--allow-edit", "1.1.0"], in: dir).status == 0)
        // scaffold test fails the changed version too.
        let tested = try Authoring.run(["test", "go-microservice", "--version", "1.1.0", "--catalog", catalog], in: dir)
        #expect(tested.status == 1)
        #expect((tested.standardOutput + tested.standardError).contains("2 files of released go-microservice 1.1.0 changed (NEW.md, README.md)"),
                "\(tested.standardOutput)\(tested.standardError)")

        // A version made with scaffold release and not yet committed is not released.
        try FileManager.default.removeItem(atPath: catalog + "/go-microservice/1.1.0/template/NEW.md")
        try git(["checkout", "-q", "HEAD~1", "--", "go-microservice/1.1.0"], in: catalog)
        try git(["commit", "-qm", "revert the hotfix"], in: catalog)
        #expect(try Authoring.run(["release", "go-microservice", "--catalog", catalog], in: dir).status == 0)
        let fresh = catalog + "/go-microservice/2.1.0/template/README.md"
        try (String(contentsOfFile: fresh, encoding: .utf8) + "New in 2.1.0.\n").write(toFile: fresh, atomically: true, encoding: .utf8)
        let lintedNew = try Authoring.run(["lint", "go-microservice", "--catalog", catalog], in: dir)
        #expect(lintedNew.status == 0, "\(lintedNew.standardOutput)")
    }

    /// `--allow-edit V --fleet ROOT` says which services on V the hotfix re-renders differently:
    /// each is rendered from the released folder (out of the catalog's history) and from the edit.
    @Test func anAllowedEditNamesTheServicesItReRenders() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = try committedCatalog(in: dir)
        let identity = ["GIT_AUTHOR_NAME": "Fleet Test", "GIT_AUTHOR_EMAIL": "fleet@example.com",
                        "GIT_COMMITTER_NAME": "Fleet Test", "GIT_COMMITTER_EMAIL": "fleet@example.com"]
        for (name, version, sets) in [("billing", "1.1.0", ["--set", "database=postgres"]), ("orders", "1.1.0", []),
                                      ("payments", "1.0.0", ["--set", "database=postgres"])] {
            let made = try Authoring.run(["new", "go-microservice", name, "--version", version, "--catalog", catalog,
                                          "--output", dir + "/fleet/" + name, "--no-input"] + sets, in: dir, environment: identity)
            #expect(made.status == 0, "\(made.standardError)")
        }
        // The hotfix touches only what postgres services render.
        let readme = catalog + "/go-microservice/1.1.0/template/README.md"
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        try text.replacingOccurrences(of: "PostgreSQL connection string", with: "PostgreSQL connection string (TLS off)")
            .write(toFile: readme, atomically: true, encoding: .utf8)

        let linted = try Authoring.run(["lint", "go-microservice", "--catalog", catalog, "--allow-edit", "1.1.0",
                                        "--fleet", dir + "/fleet"], in: dir)
        #expect(linted.status == 0, "\(linted.standardOutput)\(linted.standardError)")
        let head = String(try git(["rev-parse", "--short", "HEAD"], in: catalog).dropLast())
        #expect(linted.standardOutput == """
            hotfix of go-microservice 1.1.0 (released in \(head)): 1 file changed (template/README.md)
              re-renders billing: README.md
              1 service on 1.1.0 re-renders differently (their next upgrade merges that in), 1 unchanged

            """)

        // Without a fleet, the changed files and how to see the rest.
        let alone = try Authoring.run(["lint", "go-microservice", "--catalog", catalog, "--allow-edit", "1.1.0"], in: dir)
        #expect(alone.standardOutput.contains("pass --fleet ROOT or --repos FILE to see which services it re-renders differently"))
        #expect(try Authoring.run(["lint", "go-microservice", "--catalog", catalog, "--fleet", dir], in: dir).standardError
            .contains("--fleet needs --allow-edit V"))
        // A fleet is one or the other, for lint and test alike.
        for command in [["lint", "go-microservice", "--allow-edit", "1.1.0"], ["test", "go-microservice"]] {
            let both = try Authoring.run(command + ["--catalog", catalog, "--fleet", dir, "--repos", dir + "/fleet.txt"], in: dir)
            #expect(both.status == 2)
            #expect(both.standardError.contains("give either --fleet ROOT or --repos FILE, not both"), "\(command[0]): \(both.standardError)")
        }
    }
}
