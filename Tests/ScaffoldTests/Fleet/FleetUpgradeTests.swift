import Foundation
import GitKit
@testable import Scaffold
import TestSupport
import Testing

@Suite(.serialized) struct FleetUpgradeTests {
    private func run(_ fleet: GeneratedFleet, _ options: FleetUpgrade.Options = FleetUpgrade.Options(jobs: 3),
                     locations: [ServiceLocation]? = nil) throws -> [String: UpgradeResult] {
        var options = options
        options.upgrade.environment = FleetFixture.environment
        let reports = FleetUpgrade.run(try locations ?? fleet.locations(), catalog: FleetFixture.catalog, options: options)
        return Dictionary(uniqueKeysWithValues: reports.map { ($0.location.relativePath, $0) })
    }

    private func branches(_ path: String) throws -> String {
        try git(["for-each-ref", "--format=%(refname) %(objectname)"], in: path)
    }

    @Test func everyOutcomeAndNoCurrentBranchMoves() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let heads = try [fleet.payments, fleet.billing, fleet.orders, fleet.dirty].map { try git(["rev-parse", "HEAD"], in: $0) }
        let reports = try run(fleet)
        #expect(reports.keys.sorted() == ["team-a/billing", "team-a/orders", "team-a/payments", "team-b/api",
                                          "team-b/worker", "team-c/corrupt", "team-c/dirty", "team-c/unknown"])
        #expect(reports["team-a/billing"]?.outcome == .upgraded)
        #expect(reports["team-a/orders"]?.outcome == .upgraded)
        #expect(reports["team-b/worker"]?.outcome == .upgraded)
        #expect(reports["team-b/api"]?.outcome == .alreadyCurrent)
        #expect(reports["team-a/payments"]?.outcome == .conflicts)
        #expect(reports["team-a/payments"]?.conflictedFiles == ["README.md"])
        #expect(reports["team-a/payments"]?.branch == nil)
        #expect(reports["team-c/dirty"]?.outcome == .skipped(.dirtyWorkTree(["NOTES.md"])))
        #expect(reports["team-c/corrupt"]?.outcome.key == "failed")
        #expect(reports["team-c/corrupt"]?.outcome.reason?.contains("HEAD") == true)
        #expect(reports["team-c/unknown"]?.outcome
                == .failed("HEAD:.scaffold.yaml:2:10: go-microservice 0.9.0 is not in the catalog (it has 2.0.0, 1.1.0, 1.0.0)"))

        let billing = try #require(reports["team-a/billing"])
        #expect(billing.from?.description == "1.0.0")
        #expect(billing.to?.description == "2.0.0")
        #expect(billing.branch == "scaffold/upgrade-go-microservice-2.0.0")
        #expect(billing.filesChanged.contains(".editorconfig"))
        #expect(!billing.filesChanged.contains("Dockerfile"))
        #expect(!(try git(["rev-parse", "--verify", "-q", "refs/heads/scaffold/upgrade-go-microservice-2.0.0"],
                          in: fleet.billing)).isEmpty)
        let branch = "scaffold/upgrade-go-microservice-2.0.0"
        #expect(try git(["log", "-1", "--format=%P", branch], in: fleet.billing).split(separator: " ").count == 2)
        #expect(try git(["log", "-1", "--format=%(trailers:key=Scaffold-Template,valueonly)", branch + "^2"], in: fleet.billing)
            == "go-microservice 2.0.0\n\n")
        #expect(try git(["show", branch + ":Dockerfile"], in: fleet.billing).hasPrefix("# billing\n"))
        #expect(try git(["show", branch + ":.scaffold.yaml"], in: fleet.billing).contains("version: '2.0.0'"))
        #expect(try git(["branch", "--list", "scaffold/*"], in: fleet.payments).isEmpty)
        #expect(try git(["branch", "--list", "scaffold/*"], in: fleet.dirty).isEmpty)
        #expect(try git(["rev-parse", "--abbrev-ref", "HEAD"], in: fleet.billing) == "main\n")
        let after = try [fleet.payments, fleet.billing, fleet.orders, fleet.dirty].map { try git(["rev-parse", "HEAD"], in: $0) }
        #expect(after == heads)
        #expect(try git(["status", "--porcelain"], in: fleet.billing).isEmpty)
        #expect(try git(["status", "--porcelain"], in: fleet.dirty) == "?? NOTES.md\n")
    }

    @Test func secondRunProposesNothingNew() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        _ = try run(fleet)
        let before = try branches(fleet.billing)
        let second = try run(fleet)
        #expect(second["team-a/billing"]?.outcome == .alreadyProposed)
        #expect(second["team-a/orders"]?.outcome == .alreadyProposed)
        #expect(second["team-a/billing"]?.branch == "scaffold/upgrade-go-microservice-2.0.0")
        #expect(try branches(fleet.billing) == before)

        let skipped = try run(fleet, FleetUpgrade.Options(upgrade: .init(existing: .skip), jobs: 2))
        #expect(skipped["team-a/billing"]?.outcome == .skipped(.branchExists("scaffold/upgrade-go-microservice-2.0.0")))
        #expect(try branches(fleet.billing) == before)

        let replaced = try run(fleet, FleetUpgrade.Options(upgrade: .init(existing: .replace), jobs: 2))
        #expect(replaced["team-a/billing"]?.outcome == .upgraded)
        #expect(try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0^{tree}"], in: fleet.billing)
            == (try git(["rev-parse", "\(before.split(separator: " ").last!.prefix(40))^{tree}"], in: fleet.billing)))
    }

    @Test func aBranchWithOtherChangesIsKeptUnlessReplaced() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        try git(["branch", "scaffold/upgrade-go-microservice-2.0.0"], in: fleet.orders)
        let old = try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0"], in: fleet.orders)
        let kept = try run(fleet)
        #expect(kept["team-a/orders"]?.outcome == .skipped(.branchHasOtherContent("scaffold/upgrade-go-microservice-2.0.0")))
        #expect(try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0"], in: fleet.orders) == old)
        let replaced = try run(fleet, FleetUpgrade.Options(upgrade: .init(existing: .replace), jobs: 2))
        #expect(replaced["team-a/orders"]?.outcome == .upgraded)
        #expect(try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0"], in: fleet.orders) != old)
    }

    @Test func dryRunWritesNoBranch() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let objects = try git(["count-objects", "-v"], in: fleet.billing)
        let reports = try run(fleet, FleetUpgrade.Options(upgrade: .init(mode: .dryRun), jobs: 2))
        #expect(reports["team-a/billing"]?.outcome == .upgraded)
        #expect(reports["team-a/billing"]?.branch == nil)
        #expect(try git(["branch", "--list", "scaffold/*"], in: fleet.billing).isEmpty)
        #expect(try git(["count-objects", "-v"], in: fleet.billing) == objects, "the merge stayed in memory")
    }

    @Test func filtersByGoldenPathAndTargetVersion() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let python = try run(fleet, FleetUpgrade.Options(goldenPath: "python-service", jobs: 2))
        // The corrupt repository cannot tell its golden path, so it is reported whatever the filter.
        #expect(python.keys.sorted() == ["team-b/worker", "team-c/corrupt"])
        let to11 = try run(fleet, FleetUpgrade.Options(upgrade: .init(to: "1.1.0"), goldenPath: "go-microservice", jobs: 2))
        #expect(to11["team-a/billing"]?.branch == "scaffold/upgrade-go-microservice-1.1.0")
        #expect(to11["team-a/orders"]?.outcome == .alreadyCurrent)
        #expect(to11["team-b/api"]?.outcome == .ahead, "api is on 2.0.0, newer than the target")
    }

    @Test func shardsTogetherUpgradeTheWholeFleet() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let all = try fleet.locations()
        var seen: [String] = []
        for index in 1...3 {
            let shard = try FleetShard(index: index, count: 3)
            seen += try run(fleet, locations: shard.select(all)).keys
        }
        #expect(seen.sorted() == ["team-a/billing", "team-a/orders", "team-a/payments", "team-b/api",
                                  "team-b/worker", "team-c/corrupt", "team-c/dirty", "team-c/unknown"])
    }

    @Test func pushesBranchesToLocalBareRemotes() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        for service in [fleet.billing, fleet.orders] {
            try git(["init", "-q", "--bare", service + ".remote.git"], in: fleet.root)
            try git(["remote", "add", "origin", service + ".remote.git"], in: service)
        }
        let reports = try run(fleet, FleetUpgrade.Options(upgrade: .init(push: true), jobs: 2),
                              locations: try fleet.locations().filter { $0.relativePath.hasPrefix("team-a/") })
        #expect(reports["team-a/billing"]?.pushed == true)
        #expect(reports["team-a/orders"]?.pushed == true)
        #expect(reports["team-a/payments"]?.pushed == false)
        for service in [fleet.billing, fleet.orders] {
            let local = try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0"], in: service)
            let remote = try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0"], in: service + ".remote.git")
            #expect(local == remote)
            #expect(try git(["fsck", "--strict"], in: service + ".remote.git", allowFailure: false).isEmpty)
        }
        // A re-run finds the branch on origin at that commit (the push's tracking ref says so) and
        // pushes nothing; once origin lacks it, it pushes again.
        let again = try run(fleet, FleetUpgrade.Options(upgrade: .init(push: true), jobs: 2),
                            locations: try fleet.locations().filter { $0.relativePath == "team-a/billing" })
        #expect(again["team-a/billing"]?.outcome == .alreadyProposed)
        #expect(again["team-a/billing"]?.pushed == false)
        try git(["branch", "-D", "scaffold/upgrade-go-microservice-2.0.0"], in: fleet.billing + ".remote.git")
        try git(["fetch", "-q", "--prune", "origin"], in: fleet.billing)
        let restored = try run(fleet, FleetUpgrade.Options(upgrade: .init(push: true), jobs: 2),
                               locations: try fleet.locations().filter { $0.relativePath == "team-a/billing" })
        #expect(restored["team-a/billing"]?.pushed == true)
        #expect(try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0"], in: fleet.billing + ".remote.git")
                == (try git(["rev-parse", "scaffold/upgrade-go-microservice-2.0.0"], in: fleet.billing)))
    }

    @Test func aServiceWithoutOriginFailsAlone() throws {
        let fleet = try GeneratedFleet()
        defer { fleet.remove() }
        let reports = try run(fleet, FleetUpgrade.Options(upgrade: .init(push: true), jobs: 2))
        #expect(reports["team-a/billing"]?.outcome.key == "failed")
        #expect(reports["team-a/billing"]?.outcome.reason?.contains("origin") == true)
        #expect(reports["team-b/api"]?.outcome == .alreadyCurrent)
    }
}
