import Foundation
import TestSupport
import Testing

/// `scaffold new` interrupted at random points of a large render: the target is either absent or
/// a complete repository, and no staging folder is left behind (SIGINT and SIGTERM remove it; one a
/// SIGKILL leaves is swept by the next run beside the same target).
@Suite(.serialized) struct NewInterruptTests {
    static func catalog(in folder: String) throws -> TestCatalog {
        var files: [String: TemplateFile] = [:]
        for index in 0..<400 { files["src/part\(index / 100)/file\(index).txt"] = .text("{{ name }} \(index)\n" + numberedLines(40)) }
        return try TestCatalog(["1.0.0": TemplateVersion(files: files)], in: folder)
    }

    static func staging(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".svc.scaffold-") }
    }

    static func run(_ catalog: TestCatalog, in folder: String) throws -> Process {
        let process = Process()
        process.executableURL = try scaffoldExecutable()
        process.arguments = ["new", TestCatalog.goldenPath, "svc", "--catalog", catalog.root, "--no-input"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": Isolation.home, "GIT_CONFIG_NOSYSTEM": "1"]
            .merging(Isolation.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Absent, or a repository whose HEAD, index and work tree agree.
    static func expectAbsentOrComplete(_ target: String, _ note: String) throws {
        guard FileManager.default.fileExists(atPath: target) else { return }
        #expect(try git(["fsck", "--no-dangling", "--no-progress"], in: target).isEmpty, "\(note): fsck")
        #expect(try git(["status", "--porcelain"], in: target).isEmpty, "\(note): status")
        #expect(try git(["ls-files"], in: target).split(separator: "\n").count == 401, "\(note): every file")
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func caughtSignalsLeaveTheOldStateOrTheCompleteResult(_ signal: Int32) throws {
        let folder = try Isolation.temporaryDirectory("new-interrupt")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try Self.catalog(in: folder)
        let started = DispatchTime.now().uptimeNanoseconds
        let full = try Self.run(catalog, in: folder)
        full.waitUntilExit()
        #expect(full.terminationStatus == 0)
        let length = max(UInt32((DispatchTime.now().uptimeNanoseconds - started) / 1000), 10_000)
        try FileManager.default.removeItem(atPath: folder + "/svc")

        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        for attempt in 0..<8 where interrupted < 3 {
            let process = try Self.run(catalog, in: folder)
            usleep(UInt32.random(in: length / 20...length * 4 / 5, using: &generator))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            if process.terminationStatus == (signal == SIGINT ? 130 : 143) { interrupted += 1 }
            try Self.expectAbsentOrComplete(folder + "/svc", "attempt \(attempt)")
            #expect(try Self.staging(in: folder).isEmpty, "attempt \(attempt): staging left: \((try? Self.staging(in: folder)) ?? [])")
            try? FileManager.default.removeItem(atPath: folder + "/svc")
        }
        #expect(interrupted > 0, "at least one run was interrupted before it finished")
    }

    @Test func aKilledRunsStagingIsSweptByTheNextRun() throws {
        let folder = try Isolation.temporaryDirectory("new-kill")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalog = try Self.catalog(in: folder)
        // A staging folder of a process that no longer exists, as SIGKILL leaves it.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let leftover = folder + "/.svc.scaffold-\(dead.processIdentifier)-12345"
        try FileManager.default.createDirectory(atPath: leftover + "/.git", withIntermediateDirectories: true)
        // One of a live process (this one) is not touched.
        let live = folder + "/.svc.scaffold-\(getpid())-1"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        let run = try Self.run(catalog, in: folder)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(try Self.staging(in: folder) == [(live as NSString).lastPathComponent])
        try Self.expectAbsentOrComplete(folder + "/svc", "after the sweep")
    }
}
