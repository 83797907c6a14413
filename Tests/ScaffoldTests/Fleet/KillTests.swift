import Foundation
import TestSupport
import Testing

/// `scaffold upgrade --all` killed with SIGKILL at random points, several times, then run to the
/// end: every repository stays valid (`git fsck`), no checked-out branch moves, and the result is
/// the same as one uninterrupted run.
@Suite(.serialized) struct KillTests {
    /// What a run may change in one repository, and what it must not.
    struct RepositoryState: Equatable {
        var head: String
        var headCommit: String
        /// Every local branch with its commit's tree (commit ids differ between runs; trees must not).
        var branchTrees: String
        var status: String
    }

    static func state(of root: String, repositories: [String]) throws -> [String: RepositoryState] {
        var states: [String: RepositoryState] = [:]
        for name in repositories {
            let path = root + "/" + name
            states[name] = RepositoryState(
                head: try git(["symbolic-ref", "HEAD"], in: path),
                headCommit: try git(["rev-parse", "HEAD"], in: path),
                branchTrees: try git(["for-each-ref", "--format=%(refname) %(tree)", "refs/heads"], in: path),
                status: try git(["status", "--porcelain"], in: path))
        }
        return states
    }

    /// The generated fleet with `extraServices` more services (each with a team edit), a copy of it
    /// to run uninterrupted as the reference, and the repositories to compare (all but the corrupt one).
    static func fleetWithReference(extraServices: Int) throws -> (GeneratedFleet, String, [String]) {
        let fleet = try GeneratedFleet()
        for index in 0..<extraServices {
            let service = try FleetFixture.service("team-d/svc-\(index)", in: fleet.root)
            try FleetFixture.commitEdit(service, file: "Dockerfile") { "# team \(index)\n" + $0 }
        }
        let repositories = try fleet.locations().map(\.relativePath).filter { $0 != "team-c/corrupt" }
        let reference = fleet.root + "-reference"
        _ = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: ["-a", fleet.root, reference]).waitUntilExit()
        return (fleet, reference, repositories)
    }

    @Test func killedRunsLeaveEveryRepositoryValidAndFinishLikeOneRun() throws {
        let (fleet, reference, repositories) = try Self.fleetWithReference(extraServices: 12)
        defer { fleet.remove(); FleetFixture.remove(reference) }
        let before = try Self.state(of: fleet.root, repositories: repositories)

        let started = DispatchTime.now().uptimeNanoseconds
        let uninterrupted = try ScaffoldProcess.start(["upgrade", "--all", reference, "--jobs", "2"])
        uninterrupted.waitUntilExit()
        // Kills land inside a run of this length (fixed delays stop interrupting anything once
        // the upgrade gets faster than them).
        let runMicroseconds = max(UInt32((DispatchTime.now().uptimeNanoseconds - started) / 1000), 10_000)
        #expect(uninterrupted.terminationStatus == 1)
        let proposed = try Self.state(of: reference, repositories: repositories)
        #expect(proposed["team-d/svc-0"]?.branchTrees.contains("refs/heads/scaffold/upgrade-go-microservice-2.0.0 ") == true)

        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        var attempts = 0
        while interrupted < 3 && attempts < 12 {
            attempts += 1
            let run = try ScaffoldProcess.start(["upgrade", "--all", fleet.root, "--jobs", "2"])
            usleep(UInt32.random(in: runMicroseconds / 20...runMicroseconds * 4 / 5, using: &generator))
            kill(run.processIdentifier, SIGKILL)
            run.waitUntilExit()
            if run.terminationReason == .uncaughtSignal { interrupted += 1 }
            let now = try Self.state(of: fleet.root, repositories: repositories)
            for name in repositories {
                #expect(try git(["fsck", "--no-dangling", "--no-progress"], in: fleet.root + "/" + name).isEmpty, "fsck \(name)")
                #expect(now[name]?.head == before[name]?.head, "\(name): HEAD still on its branch")
                #expect(now[name]?.headCommit == before[name]?.headCommit, "\(name): the current branch did not move")
                #expect(now[name]?.status == before[name]?.status, "\(name): work tree untouched")
            }
        }
        #expect(interrupted > 0, "at least one run was killed before it finished")
        let final = try ScaffoldProcess.start(["upgrade", "--all", fleet.root, "--jobs", "2"])
        final.waitUntilExit()
        #expect(final.terminationStatus == 1)
        #expect(try Self.state(of: fleet.root, repositories: repositories) == (try Self.state(of: reference, repositories: repositories)))
    }

    /// Two fleet runs started together over one fleet: they take turns per repository, every ref
    /// stays valid, and a run after them ends as one uninterrupted run does.
    @Test func concurrentRunsLeaveEveryRefValid() throws {
        let (fleet, reference, repositories) = try Self.fleetWithReference(extraServices: 8)
        defer { fleet.remove(); FleetFixture.remove(reference) }
        let once = try ScaffoldProcess.start(["upgrade", "--all", reference, "--jobs", "2"])
        once.waitUntilExit()

        let runs = try (0..<3).map { _ in try ScaffoldProcess.start(["upgrade", "--all", fleet.root, "--jobs", "2"]) }
        runs.forEach { $0.waitUntilExit() }
        for name in repositories {
            #expect(try git(["fsck", "--no-dangling", "--no-progress"], in: fleet.root + "/" + name).isEmpty, "fsck \(name)")
        }
        let final = try ScaffoldProcess.start(["upgrade", "--all", fleet.root, "--jobs", "2"])
        final.waitUntilExit()
        #expect(try Self.state(of: fleet.root, repositories: repositories) == (try Self.state(of: reference, repositories: repositories)))
    }
}
