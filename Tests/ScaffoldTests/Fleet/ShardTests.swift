import Foundation
@testable import Scaffold
import Testing

@Suite struct ShardTests {
    let names = (0..<300).map { "team-\($0 % 7)/service-\($0)" }

    private func locations(_ names: [String]) -> [ServiceLocation] {
        names.map { ServiceLocation(path: "/fleet/" + $0, relativePath: $0) }
    }

    @Test func slicesPartitionTheFleet() throws {
        let all = locations(names)
        var seen: [String] = []
        for index in 1...4 {
            let slice = try FleetShard(index: index, count: 4).select(all)
            #expect(!slice.isEmpty)
            seen += slice.map(\.relativePath)
        }
        #expect(seen.sorted() == names.sorted())
    }

    @Test func addingARepositoryMovesNoOther() throws {
        let before = locations(names)
        let after = locations(names + ["team-new/late-service"])
        for index in 1...5 {
            let shard = try FleetShard(index: index, count: 5)
            let old = Set(shard.select(before).map(\.relativePath))
            let new = Set(shard.select(after).map(\.relativePath))
            #expect(new.subtracting(["team-new/late-service"]) == old)
        }
    }

    /// Repositories listed by URL are sliced by their URL, so shards agree whatever machine (and
    /// workspace folder) each runs on, and together cover the list once.
    @Test func urlsAreShardedByTheURLWhereverTheWorkspaceIs() throws {
        let urls = (1...40).map { "https://github.com/acme/service-\($0).git" }
        let file = NSTemporaryDirectory() + "shard-\(UUID().uuidString).txt"
        try urls.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        var slices: [[String]] = []
        for workspace in ["/cache/a", "/elsewhere/b"] {
            var covered: [String] = []
            for index in 1...3 {
                let selection = FleetSelection(roots: [], reposFile: file, shard: try FleetShard(index: index, count: 3),
                                               workspace: Workspace(root: workspace))
                let slice = try selection.locations()
                #expect(slice.allSatisfy { $0.path.hasPrefix(workspace + "/github.com/acme/") && $0.remote != nil })
                covered += slice.compactMap(\.remote)
                slices.append(slice.compactMap(\.remote).sorted())
            }
            #expect(covered.sorted() == urls.sorted())
        }
        #expect(Array(slices[0..<3]) == Array(slices[3..<6]))
    }

    @Test func hashIsFNV1a() {
        // Reference values of FNV-1a 64: the empty string is the offset basis.
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func parsesExplicitAndAuto() throws {
        #expect(try FleetShard.parse("2/8", environment: [:]) == FleetShard(index: 2, count: 8))
        let auto = try FleetShard.parse("auto", environment: ["JOB_COMPLETION_INDEX": "0", "SCAFFOLD_SHARDS": "3"])
        #expect(auto == (try FleetShard(index: 1, count: 3)))
        #expect(throws: ScaffoldError.self) { try FleetShard.parse("auto", environment: ["JOB_COMPLETION_INDEX": "1"]) }
        #expect(throws: ScaffoldError.self) { try FleetShard.parse("auto", environment: ["SCAFFOLD_SHARDS": "3"]) }
        #expect(throws: ScaffoldError.self) {
            try FleetShard.parse("auto", environment: ["JOB_COMPLETION_INDEX": "3", "SCAFFOLD_SHARDS": "3"])
        }
        for bad in ["0/4", "5/4", "1/0", "x", "1/2/3", "a/b"] {
            #expect(throws: ScaffoldError.self) { try FleetShard.parse(bad, environment: [:]) }
        }
    }
}
