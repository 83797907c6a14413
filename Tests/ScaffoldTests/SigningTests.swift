import Foundation
import GitKit
import Scaffold
import TestSupport
import Testing

/// Commits an organisation requires signed are signed as git signs them (`commit.gpgsign`,
/// `gpg.format ssh`, `user.signingkey`), checked by `git verify-commit` with a key made here;
/// author and committer follow git's precedence; a signing failure leaves nothing made.
@Suite struct SigningTests {
    /// A fresh ed25519 key in `folder`, and the allowed-signers file that trusts it for `email`.
    static func key(in folder: String, email: String) throws -> (key: String, allowedSigners: String) {
        let key = folder + "/signing-key"
        let made = try runProcess(URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-C", email, "-f", key])
        #expect(made.status == 0, "\(made.standardError)")
        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        let allowed = folder + "/allowed-signers"
        try "\(email) namespaces=\"git\" \(publicKey)".write(toFile: allowed, atomically: true, encoding: .utf8)
        return (key, allowed)
    }

    static func verify(_ revision: String, in repository: String, allowedSigners: String) throws -> ProcessResult {
        try runProcess(URL(fileURLWithPath: "/usr/bin/git"),
                       ["-c", "gpg.ssh.allowedSignersFile=\(allowedSigners)", "verify-commit", revision],
                       in: repository, environment: ["HOME": Isolation.home, "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"])
    }

    @Test func newSignsItsCommitWhenGitSaysSo() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let (key, allowed) = try Self.key(in: dir, email: "ada@example.com")
        try """
            [user]
            \tname = Ada Lovelace
            \temail = ada@example.com
            \tsigningkey = \(key)
            [gpg]
            \tformat = ssh
            [commit]
            \tgpgsign = true
            """.write(toFile: dir + "/.gitconfig", atomically: true, encoding: .utf8)
        let made = try Authoring.run(["new", "go-microservice", "signed", "--catalog", Authoring.shippedCatalog.catalog.root,
                                      "--no-input"], in: dir)
        #expect(made.status == 0, "\(made.standardError)")
        let verified = try Self.verify("HEAD", in: dir + "/signed", allowedSigners: allowed)
        #expect(verified.status == 0)
        #expect(verified.standardError.contains("Good \"git\" signature for ada@example.com"))
        try git(["fsck", "--strict"], in: dir + "/signed")

        let unsigned = try Authoring.run(["new", "go-microservice", "plain", "--no-sign", "--catalog",
                                          Authoring.shippedCatalog.catalog.root, "--no-input"], in: dir)
        #expect(unsigned.status == 0)
        #expect(try Self.verify("HEAD", in: dir + "/plain", allowedSigners: allowed).status != 0)

        // A key that does not exist: a clear error, and no folder at all.
        try FileManager.default.removeItem(atPath: key)
        let failed = try Authoring.run(["new", "go-microservice", "unsignable", "--catalog", Authoring.shippedCatalog.catalog.root,
                                        "--no-input"], in: dir)
        #expect(failed.status != 0)
        #expect(failed.standardError.contains("signing failed"), "\(failed.standardError)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/unsignable"))
    }

    /// Every commit an upgrade makes is signed: the merge on the branch and the pristine render
    /// that is its second parent (both are pushed).
    @Test func upgradeSignsTheMergeAndThePristineRender() throws {
        let sandbox = try ServiceSandbox(["1.0.0": TemplateVersion(files: ["f.txt": .text("a\n")]),
                                          "1.1.0": TemplateVersion(files: ["f.txt": .text("b\n")])])
        let (key, allowed) = try Self.key(in: sandbox.folder, email: "dev@example.com")
        for (name, value) in [("gpg.format", "ssh"), ("user.signingkey", key), ("commit.gpgsign", "true")] {
            try sandbox.git(["config", name, value])
        }
        let result = try sandbox.upgrade()
        #expect(result.outcome == .upgraded)
        for revision in [ServiceSandbox.upgradeBranch, ServiceSandbox.upgradeBranch + "^2"] {
            let verified = try Self.verify(revision, in: sandbox.service, allowedSigners: allowed)
            #expect(verified.status == 0, "\(revision): \(verified.standardError)")
        }
        try sandbox.fsck()
    }

    /// A signing failure during an upgrade leaves no branch and an untouched work tree.
    @Test func aSigningFailureMakesNothing() throws {
        let sandbox = try ServiceSandbox(["1.0.0": TemplateVersion(files: ["f.txt": .text("a\n")]),
                                          "1.1.0": TemplateVersion(files: ["f.txt": .text("b\n")])])
        for (name, value) in [("gpg.format", "ssh"), ("user.signingkey", sandbox.folder + "/missing-key"), ("commit.gpgsign", "true")] {
            try sandbox.git(["config", name, value])
        }
        let head = try sandbox.headCommit()
        for mode in [UpgradeMode.branch, .inPlace] {
            let error = #expect(throws: ScaffoldError.self) { try sandbox.upgrade(mode: mode) }
            #expect(error?.message.contains("signing failed") == true)
            #expect(try sandbox.git(["branch", "--list", ServiceSandbox.upgradeBranch]) == "")
            #expect(try sandbox.headCommit() == head)
            #expect(try sandbox.statusPorcelain() == "")
        }
        // --no-sign (here: the option) still upgrades.
        let result = try ServiceUpgrade.run(path: sandbox.service, catalog: sandbox.catalogContext,
                                            options: ServiceUpgrade.Options(to: "1.1.0", sign: false, environment: Isolation.environment))
        #expect(result.outcome == .upgraded)
    }

    /// git's precedence: GIT_AUTHOR_* and GIT_COMMITTER_* over the configuration, the committer
    /// apart from the author.
    @Test func authorAndCommitterFollowGitsPrecedence() throws {
        let sandbox = try ServiceSandbox(["1.0.0": TemplateVersion(files: ["f.txt": .text("a\n")]),
                                          "1.1.0": TemplateVersion(files: ["f.txt": .text("b\n")])])
        try sandbox.git(["config", "user.name", "Config Person"])
        try sandbox.git(["config", "user.email", "config@example.com"])
        let environment = ["GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_EMAIL": "author@example.com",
                           "GIT_COMMITTER_NAME": "CI Bot", "GIT_COMMITTER_EMAIL": "bot@example.com"]
        _ = try ServiceUpgrade.run(path: sandbox.service, catalog: sandbox.catalogContext,
                                   options: ServiceUpgrade.Options(to: "1.1.0", environment: environment))
        #expect(try sandbox.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>", ServiceSandbox.upgradeBranch])
                == "Env Author <author@example.com>|CI Bot <bot@example.com>\n")
        try sandbox.git(["branch", "-D", ServiceSandbox.upgradeBranch])
        _ = try ServiceUpgrade.run(path: sandbox.service, catalog: sandbox.catalogContext,
                                   options: ServiceUpgrade.Options(to: "1.1.0", environment: [:]))
        #expect(try sandbox.git(["log", "-1", "--format=%an <%ae>|%cn <%ce>", ServiceSandbox.upgradeBranch])
                == "Config Person <config@example.com>|Config Person <config@example.com>\n")
    }
}
