import Foundation
import TestSupport
@testable import Scaffold

/// A small fleet made from the shipped golden paths, with the cases fleet commands must tell
/// apart: edits, a deleted template file, a dirty work tree, a corrupt repository, a service on a
/// version the catalog does not have, and a repository that is not a service.
struct GeneratedFleet {
    let root: String

    /// go-microservice 1.0.0, Makefile edited and README.md deleted (both committed).
    var payments: String { root + "/team-a/payments" }
    /// go-microservice 1.0.0, an edit in a file 1.1.0 does not touch.
    var billing: String { root + "/team-a/billing" }
    /// go-microservice 1.1.0, untouched.
    var orders: String { root + "/team-a/orders" }
    /// go-microservice 2.0.0: already current.
    var api: String { root + "/team-b/api" }
    /// python-service 1.0.0.
    var worker: String { root + "/team-b/worker" }
    /// go-microservice 1.0.0 with an uncommitted edit.
    var dirty: String { root + "/team-c/dirty" }
    /// HEAD is garbage.
    var corrupt: String { root + "/team-c/corrupt" }
    /// `.scaffold.yaml` says 0.9.0, which the catalog never published.
    var unknown: String { root + "/team-c/unknown" }
    /// A repository without `.scaffold.yaml`.
    var plain: String { root + "/team-c/plain" }

    init() throws {
        root = try FleetFixture.temporaryDirectory()
        try FleetFixture.service("team-a/payments", in: root)
        try FleetFixture.commitEdit(payments, file: "Makefile") { $0 + "\nfleet-check:\n\t@echo ok\n" }
        try git(["rm", "-q", "README.md"], in: payments)
        try git(["commit", "-qm", "drop README"], in: payments)
        try FleetFixture.service("team-a/billing", in: root)
        try FleetFixture.commitEdit(billing, file: "Dockerfile") { "# billing\n" + $0 }
        try FleetFixture.service("team-a/orders", in: root, version: "1.1.0")
        try FleetFixture.service("team-b/api", in: root, version: "2.0.0")
        try FleetFixture.service("team-b/worker", in: root, goldenPath: "python-service", version: "1.0.0")
        try FleetFixture.service("team-c/dirty", in: root)
        try "uncommitted\n".write(toFile: dirty + "/NOTES.md", atomically: true, encoding: .utf8)
        try FleetFixture.service("team-c/corrupt", in: root)
        try "garbage\n".write(toFile: corrupt + "/.git/HEAD", atomically: true, encoding: .utf8)
        try FleetFixture.service("team-c/unknown", in: root)
        try FleetFixture.commitEdit(unknown, file: ".scaffold.yaml") {
            $0.replacingOccurrences(of: "version: '1.0.0'", with: "version: '0.9.0'")
        }
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        try git(["init", "-q", "."], in: plain)
        try "not a service\n".write(toFile: plain + "/README.md", atomically: true, encoding: .utf8)
        try git(["add", "."], in: plain)
        try git(["commit", "-qm", "plain"], in: plain)
    }

    func remove() {
        FleetFixture.remove(root)
    }

    func locations() throws -> [ServiceLocation] {
        try FleetDiscovery.repositories(under: [root])
    }
}
