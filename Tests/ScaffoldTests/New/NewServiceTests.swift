import Foundation
import TestSupport
import Testing
import GoldenPath
@testable import Scaffold

/// `scaffold new` end to end through the built binary, with the git CLI as an independent oracle.
@Suite struct NewServiceTests {
    static let author = "Ada Lovelace <ada@example.com>"

    /// Runs the binary with the shipped catalog and an isolated HOME (no git config).
    func scaffold(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> ProcessResult {
        try Authoring.run(["new"] + arguments + ["--catalog", Authoring.shippedCatalog.catalog.root, "--no-input"],
                          in: directory, environment: environment)
    }

    @Test func createsARepositoryGitAccepts() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try scaffold(["go-microservice", "payments", "--version", "1.0.0", "--author", Self.author], in: dir)
        #expect(result.status == 0, "\(result.standardError)")
        let repo = dir + "/payments"
        try git(["fsck", "--strict"], in: repo)
        #expect(try gitOutput(["rev-parse", "--abbrev-ref", "HEAD"], in: repo) == "main")
        #expect(try gitOutput(["rev-list", "--count", "HEAD"], in: repo) == "1")
        #expect(try gitOutput(["status", "--porcelain", "--untracked-files=all"], in: repo) == "")
        #expect(try gitOutput(["log", "-1", "--format=%an <%ae>|%cn <%ce>"], in: repo) == "\(Self.author)|\(Self.author)")
        let message = try gitOutput(["log", "-1", "--format=%B"], in: repo)
        #expect(message.hasPrefix("Scaffold payments from go-microservice 1.0.0"))
        #expect(try gitOutput(["log", "-1", "--format=%(trailers:key=Scaffold-Template,valueonly)"], in: repo) == "go-microservice 1.0.0")

        // The tree is exactly the render, with its modes: 1.0.0 ships an executable script.
        let tree = try gitOutput(["ls-tree", "-r", "HEAD"], in: repo).split(separator: "\n")
        #expect(tree.contains { $0.hasPrefix("100755 blob") && $0.hasSuffix("\tscripts/run-local.sh") })
        #expect(tree.contains { $0.hasPrefix("100644 blob") && $0.hasSuffix("\t.scaffold.yaml") })
        #expect(tree.contains { $0.hasSuffix("\tcmd/payments/main.go") })
        let preview = try PreviewGoldenPath.run(.init(goldenPath: "go-microservice", version: "1.0.0",
                                                      values: ValueArguments(sets: ["name=payments"])),
                                                catalog: Authoring.shippedCatalog)
        #expect(tree.count == preview.tree.files.count)
        #expect(FileManager.default.isExecutableFile(atPath: repo + "/scripts/run-local.sh"))
    }

    /// NAME and `--set name=` must agree; a value for a parameter whose `when` is false is a
    /// warning naming it, and the service is still made.
    @Test func setArgumentsThatDisagreeOrGoUnusedAreSaid() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let twice = try scaffold(["go-microservice", "payments", "--set", "name=billing"], in: dir)
        #expect(twice.status == 2)
        #expect(twice.standardError == "error: --set:1:6: --set name=billing disagrees with NAME 'payments': give name once\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/payments"))
        #expect(try scaffold(["go-microservice", "same", "--set", "name=same", "--no-git"], in: dir).status == 0)

        let unused = try scaffold(["go-microservice", "ledger", "--set", "database=none", "--set", "db_name=ledger", "--no-git"], in: dir)
        #expect(unused.status == 0, "\(unused.standardError)")
        #expect(unused.standardError == "warning: --set:2:9: 'db_name' is not used: its condition `database == 'postgres'` is false\n")
        #expect(FileManager.default.fileExists(atPath: dir + "/ledger/.scaffold.yaml"))
        #expect(try !String(contentsOfFile: dir + "/ledger/.scaffold.yaml", encoding: .utf8).contains("db_name"))
    }

    /// git's precedence: GIT_AUTHOR_* over user.* in the configuration, each used alone too;
    /// the committer apart (GIT_COMMITTER_*, else the configuration).
    @Test func authorComesFromTheEnvironmentThenGitConfig() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        // HOME has no git configuration: the environment's identity is used.
        let fromEnvironment = try scaffold(["python-service", "one"], in: dir,
                                           environment: ["GIT_AUTHOR_NAME": "Env Person", "GIT_AUTHOR_EMAIL": "env@example.com"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.standardError)")
        #expect(try gitOutput(["log", "-1", "--format=%an <%ae>|%cn <%ce>"], in: dir + "/one")
                == "Env Person <env@example.com>|Env Person <env@example.com>")

        // With user.name/user.email in HOME's git configuration, the environment still wins, as in git.
        try "[user]\n\tname = Config Person\n\temail = config@example.com\n".write(toFile: dir + "/.gitconfig", atomically: true, encoding: .utf8)
        let fromBoth = try scaffold(["python-service", "two"], in: dir,
                                    environment: ["GIT_AUTHOR_NAME": "Env Person", "GIT_COMMITTER_EMAIL": "ci@example.com"])
        #expect(fromBoth.status == 0, "\(fromBoth.standardError)")
        #expect(try gitOutput(["log", "-1", "--format=%an <%ae>|%cn <%ce>"], in: dir + "/two")
                == "Env Person <config@example.com>|Config Person <ci@example.com>")
        let fromConfig = try scaffold(["python-service", "three"], in: dir)
        #expect(try gitOutput(["log", "-1", "--format=%an <%ae>"], in: dir + "/three") == "Config Person <config@example.com>")
    }

    @Test func noAuthorAnywhereIsAClearErrorAndWritesNothing() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try scaffold(["python-service", "pricing"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("no author"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != ".gitconfig" } == [])
    }

    @Test func aFailingRenderLeavesNothingBehind() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try scaffold(["go-microservice", "payments", "--set", "port=80", "--author", Self.author], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("error: --set:1:6: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
    }

    @Test func anExistingNonEmptyTargetIsRefusedAndUntouched() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/payments", withIntermediateDirectories: true)
        try "mine".write(toFile: dir + "/payments/notes.txt", atomically: true, encoding: .utf8)
        let result = try scaffold(["go-microservice", "payments", "--author", Self.author], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/payments") == ["notes.txt"])
        #expect(try String(contentsOfFile: dir + "/payments/notes.txt", encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["payments"])
    }

    @Test func anEmptyTargetFolderIsFilled() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/svc", withIntermediateDirectories: true)
        let result = try scaffold(["python-service", "pricing", "--output", "svc", "--author", Self.author], in: dir)
        #expect(result.status == 0, "\(result.standardError)")
        try git(["fsck", "--strict"], in: dir + "/svc")
    }

    @Test func anUnwritableTargetIsAnErrorAndLeavesNothing() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try "a file, not a folder".write(toFile: dir + "/blocker", atomically: true, encoding: .utf8)
        let result = try scaffold(["python-service", "pricing", "--output", "blocker/svc", "--author", Self.author], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("error: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["blocker"])
    }

    @Test func pushesMainToALocalBareRemote() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try git(["init", "--bare", "-q", "remote.git"], in: dir)
        let result = try scaffold(["python-service", "pricing", "--remote", dir + "/remote.git", "--push", "--author", Self.author], in: dir)
        #expect(result.status == 0, "\(result.standardError)")
        let local = try gitOutput(["rev-parse", "HEAD"], in: dir + "/pricing")
        #expect(try gitOutput(["rev-parse", "refs/heads/main"], in: dir + "/remote.git") == local)
        #expect(try gitOutput(["remote", "get-url", "origin"], in: dir + "/pricing") == dir + "/remote.git")
    }

    @Test func noGitWritesPlainFilesWithTheirModes() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try scaffold(["go-microservice", "payments", "--version", "1.0.0", "--no-git"], in: dir)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/payments/.git"))
        #expect(FileManager.default.isExecutableFile(atPath: dir + "/payments/scripts/run-local.sh"))
        #expect(!FileManager.default.isExecutableFile(atPath: dir + "/payments/go.mod"))
    }

    @Test func jsonSummaryIsMachineReadable() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try scaffold(["python-service", "pricing", "--json", "--author", Self.author], in: dir)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(json["golden_path"] as? String == "python-service")
        #expect(json["version"] as? String == "1.1.0")
        #expect((json["path"] as? String)?.hasSuffix("/pricing") == true)
        #expect(json["commit"] as? String == (try gitOutput(["rev-parse", "HEAD"], in: dir + "/pricing")))
        #expect((json["files"] as? [String])?.contains(".scaffold.yaml") == true)
    }

    /// Strings that YAML 1.1 or 1.2 would read as something else survive `.scaffold.yaml`, checked
    /// with our reader and with PyYAML (a YAML 1.1 reader) as an independent one.
    @Test(arguments: ["yes", "no", "on", "off", "012", "1e3", ":", "~", "null", "- item", "# not a comment",
                      " padded ", "two\nlines", "tab\there", "quote ' and \" both", "0x1F", "1_000", "True"])
    func answersFileKeepsEveryStringAsWritten(_ text: String) throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\"": escaped += "\\\""
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        try "description: \"\(escaped)\"\n".write(toFile: dir + "/values.yaml", atomically: true, encoding: .utf8)
        let result = try scaffold(["python-service", "pricing", "--values", "values.yaml", "--no-git"], in: dir)
        #expect(result.status == 0, "\(result.standardError)")
        let path = dir + "/pricing/.scaffold.yaml"
        let recorded = try AnswersFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        #expect(recorded.answers["description"]?.scalar?.value == text)
        let python = try pythonYAML(path)
        if python.status == 0 { #expect(python.output == text) }
    }

    /// A full disk is reported with the folder the user named and the system's reason, and leaves
    /// nothing behind (the hidden staging folder is gone). Needs root, to mount a 64 KiB tmpfs.
    @Test(.enabled(if: getuid() == 0)) func aFullDiskIsReportedAtTheTargetAndLeavesNothing() throws {
        let folder = try Isolation.temporaryDirectory("full-disk")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mount = try runProcess(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder])
        try #require(mount.status == 0, "mount: \(mount.standardError)")
        defer { _ = try? runProcess(URL(fileURLWithPath: "/bin/umount"), [folder]) }
        for extra in [[], ["--no-git"]] {
            let result = try scaffold(["go-microservice", "svc"] + extra, in: folder, environment: Isolation.environment)
            #expect(result.status == 1, "\(extra): \(result.standardError)")
            #expect(result.standardError == "error: \(folder)/svc: cannot create the service: No space left on device\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "\(extra): nothing left behind")
        }
    }
}

/// PyYAML (a YAML 1.1 reader) as a second opinion on `.scaffold.yaml`; status non-zero when absent.
private func pythonYAML(_ path: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c",
                         "import sys, yaml; sys.stdout.write(yaml.safe_load(open(sys.argv[1]))['answers']['description'])", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
