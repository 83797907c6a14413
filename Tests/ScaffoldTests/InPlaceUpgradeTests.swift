import Foundation
import GitKit
import GoldenPath
import Scaffold
import TestSupport
import Testing

/// `upgrade --in-place` is all or nothing: git's locks are respected, a failure or an interrupt
/// while the work tree changes puts it back, and a run killed meanwhile is restored (or finished)
/// by the next one, which then ends exactly as one uninterrupted run did.
@Suite(.serialized) struct InPlaceUpgradeTests {
    /// 300 templated files; 1.1.0 changes every one, deletes 50 and adds 50. The developer edited
    /// file 200 apart from the template's change, and, with `conflicting`, files 100 and 101 on
    /// the template's line.
    static func sandbox(conflicting: Bool) throws -> ServiceSandbox {
        var old: [String: TemplateFile] = [:]
        var new: [String: TemplateFile] = [:]
        for index in 0..<300 {
            let path = "src/p\(index / 100)/f\(index).txt"
            old[path] = .text("\(index)\n" + numberedLines(40))
            if index >= 50 { new[path] = .text("\(index)\n" + replacing(numberedLines(40), "line 20\n", "template 20\n")) }
        }
        for index in 0..<50 { new["added/a\(index).txt"] = .text("added \(index)\n") }
        let sandbox = try ServiceSandbox(["1.0.0": TemplateVersion(files: old), "1.1.0": TemplateVersion(files: new)])
        try sandbox.write("src/p2/f200.txt", "200\n" + replacing(numberedLines(40), "line 3\n", "mine 3\n"))
        if conflicting {
            for index in [100, 101] {
                try sandbox.write("src/p1/f\(index).txt", "\(index)\n" + replacing(numberedLines(40), "line 20\n", "mine 20\n"))
            }
        }
        try sandbox.commit()
        return sandbox
    }

    /// Everything an in-place upgrade may change, without commit ids (those carry the time).
    struct State: Equatable {
        var headTree: String
        var commits: String
        var status: String
        var stages: String
        var merging: Bool
        var files: [String: String]
    }

    static func state(_ path: String) throws -> State {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let file = enumerator?.nextObject() as? String {
            if file == ".git" { enumerator?.skipDescendants(); continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + file, isDirectory: &isFolder), !isFolder.boolValue {
                files[file] = try String(contentsOfFile: path + "/" + file, encoding: .utf8)
            }
        }
        return State(headTree: try git(["rev-parse", "HEAD^{tree}"], in: path),
                     commits: try git(["rev-list", "--count", "HEAD"], in: path),
                     status: try git(["status", "--porcelain"], in: path),
                     stages: try git(["ls-files", "-s"], in: path),
                     merging: FileManager.default.fileExists(atPath: path + "/.git/MERGE_HEAD"),
                     files: files)
    }

    /// No lock file, no record, nothing git warns about.
    static func expectSettled(_ path: String, _ note: String) throws {
        #expect(!FileManager.default.fileExists(atPath: path + "/.git/index.lock"), "\(note): index.lock")
        #expect(!FileManager.default.fileExists(atPath: path + "/.git/refs/heads/main.lock"), "\(note): ref lock")
        #expect(!FileManager.default.fileExists(atPath: path + "/.git/scaffold/in-place.json"), "\(note): record")
        #expect(try git(["fsck", "--no-dangling", "--no-progress"], in: path).isEmpty, "\(note): fsck")
        let status = try runProcess(URL(fileURLWithPath: "/usr/bin/git"), ["status"], in: path,
                                    environment: ["HOME": Isolation.home, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"])
        #expect(status.standardError == "", "\(note): git status warns")
    }

    static func start(_ sandbox: ServiceSandbox, at path: String) throws -> Process {
        try ScaffoldProcess.start(["upgrade", path, "--in-place", "--to", "1.1.0", "--catalog", sandbox.catalog.root])
    }

    static func copy(_ source: String, to target: String) throws {
        try? FileManager.default.removeItem(atPath: target)
        let copy = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: ["-a", source, target])
        copy.waitUntilExit()
    }

    /// Waits until the run has written its record (it is changing the work tree from then on);
    /// false when it ended first.
    static func waitForRecord(_ path: String, of process: Process) -> Bool {
        while process.isRunning {
            if FileManager.default.fileExists(atPath: path + "/.git/scaffold/in-place.json") { return true }
            usleep(1_000)
        }
        return false
    }

    /// Killed at random points while the work tree changes (found by the record appearing), each
    /// run leaves git's locks in place, so no git command acts on the half-changed tree; the next
    /// `scaffold upgrade --in-place` restores or finishes it and ends as the uninterrupted run did.
    @Test(arguments: [false, true])
    func killedInTheMiddleTheNextRunEndsAsOneRun(conflicting: Bool) throws {
        let sandbox = try Self.sandbox(conflicting: conflicting)
        let before = try Self.state(sandbox.service)
        let reference = sandbox.folder + "/reference"
        try Self.copy(sandbox.service, to: reference)
        let full = try Self.start(sandbox, at: reference)
        #expect(Self.waitForRecord(reference, of: full))
        let recorded = DispatchTime.now().uptimeNanoseconds
        full.waitUntilExit()
        let window = max(UInt32((DispatchTime.now().uptimeNanoseconds - recorded) / 1000), 2_000)
        #expect(full.terminationStatus == (conflicting ? 1 : 0))
        let expected = try Self.state(reference)
        #expect(expected.merging == conflicting)
        #expect(expected != before)
        try Self.expectSettled(reference, "uninterrupted")

        var generator = SystemRandomNumberGenerator()
        var pending = 0
        for attempt in 0..<5 {
            let service = sandbox.folder + "/attempt-\(attempt)"
            try Self.copy(sandbox.service, to: service)
            let run = try Self.start(sandbox, at: service)
            if Self.waitForRecord(service, of: run) {
                usleep(UInt32.random(in: 0...window, using: &generator))
            }
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            let left = try Self.state(service)
            if FileManager.default.fileExists(atPath: service + "/.git/scaffold/in-place.json") {
                pending += 1
                #expect(FileManager.default.fileExists(atPath: service + "/.git/index.lock"),
                        "attempt \(attempt): git is kept off the half-changed work tree")
                #expect(left.headTree == before.headTree || left.headTree == expected.headTree)
            } else {
                #expect(left == before || left == expected, "attempt \(attempt): old state or complete result")
            }
            let again = try ScaffoldProcess.run(["upgrade", service, "--in-place", "--to", "1.1.0",
                                                 "--catalog", sandbox.catalog.root])
            #expect(again.status <= 2 && !again.standardError.contains("Fatal error"), "attempt \(attempt): \(again.standardError)")
            let final = try Self.state(service)
            #expect(final == expected, "attempt \(attempt): ends as one run: \(again.standardOutput.prefix(300)) \(again.standardError.prefix(300)) \(final.status.prefix(200))")
            try Self.expectSettled(service, "attempt \(attempt)")
            try? FileManager.default.removeItem(atPath: service)
        }
        #expect(pending > 0, "at least one run was killed while changing the work tree")
    }

    /// Killed after taking git's locks but before writing its journal: the marker written before
    /// the locks says they are the run's, so the next run removes them and upgrades; a lock older
    /// than the marker (another process's) is never touched.
    @Test func killedWhileTakingTheLocks() throws {
        let sandbox = try Self.sandbox(conflicting: false)
        let service = sandbox.service
        let before = try Self.state(service)
        let scaffoldFolder = service + "/.git/scaffold"
        try FileManager.default.createDirectory(atPath: scaffoldFolder, withIntermediateDirectories: true)

        // A git process's index.lock from before: the run refuses, and leaves it.
        try Data().write(to: URL(fileURLWithPath: service + "/.git/index.lock"))
        usleep(20_000)
        try Data("refs/heads/main\n".utf8).write(to: URL(fileURLWithPath: scaffoldFolder + "/in-place.json.locking"))
        let refused = try ScaffoldProcess.run(["upgrade", service, "--in-place", "--to", "1.1.0", "--catalog", sandbox.catalog.root])
        #expect(refused.status == 2 && refused.standardError.contains("another git process seems to be running"), "\(refused.standardError)")
        #expect(FileManager.default.fileExists(atPath: service + "/.git/index.lock"))
        #expect(try Self.state(service) == before)

        // The run's own locks, taken just after its marker.
        try FileManager.default.removeItem(atPath: service + "/.git/index.lock")
        try Data("refs/heads/main\n".utf8).write(to: URL(fileURLWithPath: scaffoldFolder + "/in-place.json.locking"))
        try Data().write(to: URL(fileURLWithPath: service + "/.git/refs/heads/main.lock"))
        try Data().write(to: URL(fileURLWithPath: service + "/.git/index.lock"))
        let again = try ScaffoldProcess.run(["upgrade", service, "--in-place", "--to", "1.1.0", "--catalog", sandbox.catalog.root])
        #expect(again.status == 0, "\(again.standardOutput)\(again.standardError)")
        #expect(try Self.state(service) != before)
        #expect(!FileManager.default.fileExists(atPath: scaffoldFolder + "/in-place.json.locking"))
        try Self.expectSettled(service, "after the stale locks")
    }

    /// A run descheduled for seconds between its marker and its locks, then killed, or killed
    /// with its index.lock and no marker at all: the index.lock says it is scaffold's, so the
    /// next run removes it whatever the timing (found by the kill test on a loaded machine:
    /// "the index is locked").
    @Test func scaffoldsOwnIndexLockIsKnownWhateverTheTiming() throws {
        let sandbox = try Self.sandbox(conflicting: false)
        let service = sandbox.service
        let before = try Self.state(service)
        let scaffoldFolder = service + "/.git/scaffold"
        try FileManager.default.createDirectory(atPath: scaffoldFolder, withIntermediateDirectories: true)
        let owned = Data("scaffold in-place merge\n".utf8)
        let other = sandbox.folder + "/other"
        try Self.copy(service, to: other)

        let marker = scaffoldFolder + "/in-place.json.locking"
        try Data("refs/heads/main\n".utf8).write(to: URL(fileURLWithPath: marker))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -5)], ofItemAtPath: marker)
        try owned.write(to: URL(fileURLWithPath: service + "/.git/index.lock"))
        let late = try ScaffoldProcess.run(["upgrade", service, "--in-place", "--to", "1.1.0", "--catalog", sandbox.catalog.root])
        #expect(late.status == 0, "\(late.standardOutput)\(late.standardError)")
        #expect(try Self.state(service) != before)
        try Self.expectSettled(service, "after a late index.lock")

        try owned.write(to: URL(fileURLWithPath: other + "/.git/index.lock"))
        let unmarked = try ScaffoldProcess.run(["upgrade", other, "--in-place", "--to", "1.1.0", "--catalog", sandbox.catalog.root])
        #expect(unmarked.status == 0, "\(unmarked.standardOutput)\(unmarked.standardError)")
        try Self.expectSettled(other, "after an unmarked index.lock")
    }

    /// SIGINT or SIGTERM while the work tree changes: the run puts it back (or, when it came
    /// during the last renames, finishes) before exiting 130 or 143; nothing is left pending.
    @Test(arguments: [SIGINT, SIGTERM])
    func caughtSignalsRollBackBeforeExiting(_ signal: Int32) throws {
        let sandbox = try Self.sandbox(conflicting: false)
        let before = try Self.state(sandbox.service)
        let reference = sandbox.folder + "/reference"
        try Self.copy(sandbox.service, to: reference)
        let full = try Self.start(sandbox, at: reference)
        full.waitUntilExit()
        let expected = try Self.state(reference)

        var rolledBack = 0
        for attempt in 0..<3 {
            let service = sandbox.folder + "/attempt-\(attempt)"
            try Self.copy(sandbox.service, to: service)
            let run = try Self.start(sandbox, at: service)
            let inside = Self.waitForRecord(service, of: run)
            kill(run.processIdentifier, signal)
            run.waitUntilExit()
            let left = try Self.state(service)
            #expect(left == before || left == expected, "attempt \(attempt): old state or complete result")
            if inside && left == before {
                rolledBack += 1
                #expect(run.terminationStatus == (signal == SIGINT ? 130 : 143))
            }
            try Self.expectSettled(service, "attempt \(attempt)")
            try? FileManager.default.removeItem(atPath: service)
        }
        #expect(rolledBack > 0, "at least one signal came while the work tree changed")
    }

    /// A run that stops after its checkout puts back every path: modified, deleted and added.
    @Test func anInterruptAfterTheCheckoutPutsTheWorkTreeBack() throws {
        let sandbox = try Self.sandbox(conflicting: true)
        let before = try Self.state(sandbox.service)
        let plan = try sandbox.plan()
        let repository = try Repository(openingAt: sandbox.service)
        var asked = 0
        let journal = repository.gitdir + "scaffold/in-place.json"
        let error = #expect(throws: GitError.self) {
            try repository.mergeInPlace(plan.merge, workTree: plan.resultTree, theirs: plan.pristine, message: "m",
                                        by: CommitIdentity(author: Signature(name: "Dev", email: "dev@example.com")),
                                        journal: journal, interrupted: { asked += 1; return asked > 1 })
        }
        #expect(error?.code == GitError.interruptedCode)
        #expect(asked == 2)
        #expect(try Self.state(sandbox.service) == before)
        try Self.expectSettled(sandbox.service, "rolled back")
    }

    /// git's own locks are never broken: with `index.lock` or HEAD's reference lock held, the
    /// upgrade is refused with git's words and nothing is written (the lock stays).
    @Test(arguments: ["index.lock", "refs/heads/main.lock"])
    func aLockHeldByGitIsRespected(_ lock: String) throws {
        let sandbox = try Self.sandbox(conflicting: false)
        let before = try Self.state(sandbox.service)
        let path = sandbox.service + "/.git/" + lock
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let result = try sandbox.upgrade(mode: .inPlace)
        guard case .skipped(.repositoryLocked(let message)) = result.outcome else {
            Issue.record("outcome \(result.outcome)")
            return
        }
        #expect(message.contains(lock) && message.contains("another git process"))
        #expect(FileManager.default.fileExists(atPath: path))
        try FileManager.default.removeItem(atPath: path)
        #expect(try Self.state(sandbox.service) == before)
        try Self.expectSettled(sandbox.service, "refused")
    }

    /// An ignored file where the upgrade adds one is not overwritten (git would, and a rollback
    /// could not bring it back): the upgrade is refused before anything changes.
    @Test func anIgnoredFileInTheWayIsNotOverwritten() throws {
        let sandbox = try Self.sandbox(conflicting: false)
        try sandbox.write(".gitignore", "added/a7.txt\n")
        try sandbox.commit("ignore a local file")
        try sandbox.write("added/a7.txt", "my local notes\n")
        let head = try sandbox.headCommit()
        #expect(throws: ScaffoldError.self) { try sandbox.upgrade(mode: .inPlace) }
        #expect(try sandbox.readFile("added/a7.txt") == "my local notes\n")
        #expect(try sandbox.headCommit() == head)
        #expect(try sandbox.statusPorcelain() == "")
        try Self.expectSettled(sandbox.service, "refused")
    }

    /// The record lives in the repository's git folder, which its owners control: one naming a
    /// path outside the work tree is refused, and nothing outside is touched.
    @Test func aPlantedRecordCannotReachOutsideTheWorkTree() throws {
        let sandbox = try Self.sandbox(conflicting: false)
        let outside = sandbox.folder + "/outside.txt"
        try "precious\n".write(toFile: outside, atomically: true, encoding: .utf8)
        let blob = try git(["hash-object", outside], in: sandbox.service).trimmingCharacters(in: .whitespacesAndNewlines)
        let head = try sandbox.headCommit()
        let record = """
            {"changes":[{"after":"\(blob)","path":"../outside.txt"}],"head":"\(head)","mergeHead":"\(head)",\
            "mergeMessage":"m","phase":"applying","reference":"refs/heads/main","reflogMessage":"m"}
            """
        try FileManager.default.createDirectory(atPath: sandbox.service + "/.git/scaffold", withIntermediateDirectories: true)
        try record.write(toFile: sandbox.service + "/.git/scaffold/in-place.json", atomically: true, encoding: .utf8)
        #expect(throws: ScaffoldError.self) { try sandbox.upgrade(mode: .inPlace) }
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "precious\n")
    }
}
