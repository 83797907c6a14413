import Foundation
import GoldenPath
import Scaffold
import TestSupport
import Testing

/// Values on upgrade: `--set` and `--values` are validated against the target (the newest unless
/// `--to`), a new required parameter can be given or is listed as missing, the fleet takes them
/// for every service and per service (`--values-dir`), and defaults that move are in the
/// pull-request description.
@Suite struct UpgradeValuesTests {
    static let versions = [
        "1.0.0": TemplateVersion(files: ["port.txt": .text("port {{ port }}\n")],
                                 parameters: "    - name: port\n      type: integer\n      default: 3000\n"),
        "1.1.0": TemplateVersion(files: ["port.txt": .text("port {{ port }}\n"), "cost.txt": .text("{{ cost_center }}\n")],
                                 parameters: "    - name: port\n      type: integer\n      default: 8080\n"
                                     + "    - name: cost_center\n      type: string\n      required: true\n"),
    ]

    static func upgrade(_ sandbox: ServiceSandbox, to version: String? = nil, values: ValueArguments) throws -> UpgradeResult {
        try ServiceUpgrade.run(path: sandbox.service, catalog: sandbox.catalogContext,
                               options: ServiceUpgrade.Options(to: version, values: values, environment: Isolation.environment))
    }

    @Test func aNewRequiredParameterIsListedThenTakenFromSetOrValues() throws {
        let sandbox = try ServiceSandbox(Self.versions)
        let missing = #expect(throws: ScaffoldError.self) { try Self.upgrade(sandbox, values: ValueArguments()) }
        #expect(missing?.message.contains("cost_center") == true, "\(missing?.message ?? "")")

        // --set without --to is validated against the newest version, and upgrades to it.
        let result = try Self.upgrade(sandbox, values: ValueArguments(sets: ["cost_center=cc-42"]))
        #expect(result.outcome == .upgraded)
        #expect(result.to?.description == "1.1.0")
        #expect(try sandbox.show(ServiceSandbox.upgradeBranch, "cost.txt") == "cc-42\n")
        #expect(try sandbox.show(ServiceSandbox.upgradeBranch, ".scaffold.yaml").contains("cost_center: cc-42"))
        // The default the service never set moved: the reviewer is told.
        #expect(try sandbox.show(ServiceSandbox.upgradeBranch, "port.txt") == "port 8080\n")
        #expect(result.description?.contains("- default changed: `port`: 3000 -> 8080") == true)
        #expect(result.description?.contains("- set `cost_center=cc-42`") == true)

        try sandbox.git(["branch", "-D", ServiceSandbox.upgradeBranch])
        let file = sandbox.folder + "/values.yaml"
        try "cost_center: cc-7\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try Self.upgrade(sandbox, values: ValueArguments(valuesFiles: [file]))
        #expect(fromFile.outcome == .upgraded)
        #expect(try sandbox.show(ServiceSandbox.upgradeBranch, "cost.txt") == "cc-7\n")

        // A value the target does not accept is an error located in the file.
        try "cost_center: [not, a, string]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = #expect(throws: ScaffoldError.self) {
            try Self.upgrade(sandbox, values: ValueArguments(valuesFiles: [file]))
        }
        #expect(bad?.location?.file == file)
    }

    /// The fleet: `--values` for all, `--values-dir` per service name, and a service still lacking
    /// a value is a failed row that names it; the others are upgraded.
    @Test func theFleetTakesValuesForAllAndPerService() throws {
        let root = try Isolation.temporaryDirectory("fleet-values")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let catalog = try TestCatalog(Self.versions, in: root)
        for name in ["alpha", "beta", "gamma"] {
            _ = try NewService.run(NewService.Request(goldenPath: TestCatalog.goldenPath, name: name, version: "1.0.0",
                                                      output: root + "/services/" + name),
                                   catalog: CatalogContext(catalog: Catalog(root: catalog.root), origin: .flag,
                                                           sourceLabel: catalog.root),
                                   environment: Isolation.environment)
        }
        let folder = root + "/values"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "cost_center: cc-alpha\n".write(toFile: folder + "/alpha.yaml", atomically: true, encoding: .utf8)
        try "{\"cost_center\": \"cc-beta\", \"port\": 9000}\n".write(toFile: folder + "/beta.json", atomically: true, encoding: .utf8)
        let run = try ScaffoldProcess.run(["upgrade", "--all", root + "/services", "--values-dir", folder,
                                           "--catalog", catalog.root, "--json"])
        #expect(run.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let services = try #require(report["services"] as? [[String: Any]])
        let outcomes = Dictionary(uniqueKeysWithValues: services.map { ($0["service"] as? String ?? "", $0["outcome"] as? String ?? "") })
        #expect(outcomes == ["alpha": "upgraded", "beta": "upgraded", "gamma": "failed"])
        let gamma = try #require(services.first { $0["service"] as? String == "gamma" })
        #expect((gamma["reason"] as? String)?.contains("cost_center") == true)
        let branch = ServiceSandbox.upgradeBranch
        #expect(try git(["show", "\(branch):cost.txt"], in: root + "/services/alpha") == "cc-alpha\n")
        #expect(try git(["show", "\(branch):port.txt"], in: root + "/services/beta") == "port 9000\n")

        // --set applies to every service, under the per-service files.
        let all = try ScaffoldProcess.run(["upgrade", "--all", root + "/services/gamma", "--set", "cost_center=cc-all",
                                           "--catalog", catalog.root])
        #expect(all.status == 0, "\(all.standardError)")
        #expect(try git(["show", "\(branch):cost.txt"], in: root + "/services/gamma") == "cc-all\n")
    }

    /// A `sticky` parameter is resolved once and recorded as an answer: an upgrade to a version
    /// whose default differs keeps the service's value, also for a service made before the
    /// parameter became sticky.
    @Test func stickyParametersDoNotMove() throws {
        let sandbox = try ServiceSandbox([
            "1.0.0": TemplateVersion(files: ["module.txt": .text("{{ module }}\n")],
                                     parameters: "    - name: module\n      type: string\n      default: \"example.com/{{ name }}\"\n"),
            "1.1.0": TemplateVersion(files: ["module.txt": .text("{{ module }}\n")],
                                     parameters: "    - name: module\n      type: string\n      default: \"corp.example/{{ name }}\"\n"
                                         + "      sticky: true\n"),
        ])
        #expect(try sandbox.readFile(".scaffold.yaml").contains("defaults:\n  module: example.com/svc\n"))
        let result = try sandbox.upgrade()
        #expect(result.outcome == .upgraded)
        #expect(try sandbox.show(ServiceSandbox.upgradeBranch, "module.txt") == "example.com/svc\n")
        #expect(try sandbox.show(ServiceSandbox.upgradeBranch, ".scaffold.yaml").contains("answers:\n  name: svc\n  module: example.com/svc\n"))
        #expect(result.description?.contains("default changed") == false)

        let fresh = try ServiceSandbox([
            "1.1.0": TemplateVersion(files: ["module.txt": .text("{{ module }}\n")],
                                     parameters: "    - name: module\n      type: string\n      default: \"corp.example/{{ name }}\"\n"
                                         + "      sticky: true\n"),
        ], from: "1.1.0")
        #expect(try fresh.readFile(".scaffold.yaml").contains("answers:\n  name: svc\n  module: corp.example/svc\n"))
    }
}
