import Foundation
import Testing
@testable import Scaffold

/// Each parameter type and each value layer through a whole render (the unit-level rules are in GoldenPathTests).
@Suite struct ValueRulesEndToEndTests {
    static let manifest = """
        apiVersion: scaffold/v1
        kind: GoldenPath
        metadata: {name: svc, version: 1.0.0}
        spec:
          parameters:
            - {name: name, format: dns-label, required: true}
            - {name: port, type: integer, default: 8080, min: 1024, max: 65535}
            - {name: ratio, type: number, default: 0.5, min: 0, max: 1}
            - {name: debug, type: boolean, default: false}
            - {name: db, type: choice, choices: [none, postgres], default: none}
            - {name: features, type: multichoice, choices: [grpc, metrics], default: []}
            - {name: hosts, type: list, default: [], max_length: 2}
            - {name: code, type: string, default: ab, pattern: "^[a-z]+$", min_length: 2, max_length: 4}
            - {name: db_name, type: string, default: "{{ name }}_db", when: "db == 'postgres'"}
          defaults:
            resources: {requests: {cpu: 100m, memory: 128Mi}}
            replicas: 2
            autoscaling: {enabled: false}

        """

    static let template = """
        {{ name }} {{ port }} {{ ratio }} {{ debug }} {{ db }} {{ features | join(',') }} {{ hosts | join(',') }} {{ code }}\
        {% if db_name is defined %} {{ db_name }}{% endif %} {{ defaults.resources.requests.memory }} {{ defaults.replicas }}

        """

    private func render(_ sets: [String], values: String? = nil, platform: String? = nil) throws -> String {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var files = ["svc/1.0.0/golden-path.yaml": Self.manifest, "svc/1.0.0/template/out.txt": Self.template]
        if let values { files["values.yaml"] = values }
        if let platform { files["platform.yaml"] = platform }
        try Authoring.write(files, under: root)
        let result = try PreviewGoldenPath.run(.init(goldenPath: "svc", values: ValueArguments(
            valuesFiles: values == nil ? [] : [root + "/values.yaml"], sets: ["name=demo"] + sets)), catalog: Authoring.catalog(root))
        return String(decoding: try #require(result.tree["out.txt"]).bytes, as: UTF8.self)
    }

    @Test func defaultsOfEveryType() throws {
        #expect(try render([]) == "demo 8080 0.5 False none   ab 128Mi 2\n")
    }

    @Test func everyTypeFromSet() throws {
        let out = try render(["port=9000", "ratio=0.25", "debug=true", "db=postgres", "features=[grpc, metrics]",
                              "hosts=[a, b]", "code=xyz"])
        #expect(out == "demo 9000 0.25 True postgres grpc,metrics a,b xyz demo_db 128Mi 2\n")
    }

    @Test(arguments: [
        ("port=80", "`port: 80` (from --set port=80)"),
        ("ratio=2", "`ratio: 2` (from --set ratio=2)"),
        ("debug=maybe", "`debug: maybe` (from --set debug=maybe)"),
        ("db=mysql", "`db: mysql` (from --set db=mysql)"),
        ("features=[rest]", "features"),
        ("hosts=[a, b, c]", "hosts"),
        ("code=ABC", "`code: ABC` (from --set code=ABC)"),
        ("code=a", "`code: a` (from --set code=a)"),
        ("name=Not_A_Label", "`name: Not_A_Label` (from --set name=Not_A_Label)"),
    ])
    func invalidValuesNameTheKeyAndTheLayer(_ set: String, _ expected: String) throws {
        let error = #expect(throws: ScaffoldError.self) { try render([set]) }
        #expect(error?.location?.file == "--set")
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func layersApplyLowestToHighest() throws {
        let platform = "defaults:\n  replicas: 5\n  resources: {requests: {memory: 64Mi}}\n"
        // The golden path's own defaults sit above platform.yaml.
        #expect(try render([], platform: platform).hasSuffix(" 128Mi 2\n"))
        // A values file sits above both; --set above the values file.
        #expect(try render([], values: "replicas: 3\nport: 9001\n", platform: platform).contains("demo 9001 ") == true)
        #expect(try render(["replicas=4", "port=9002"], values: "replicas: 3\nport: 9001\n").hasSuffix(" 128Mi 4\n"))
        #expect(try render(["port=9002"], values: "port: 9001\n").hasPrefix("demo 9002 "))
        #expect(try render(["resources.requests.memory=1Gi"]).hasSuffix(" 1Gi 2\n"))
    }

    @Test func aValuesFileErrorNamesItsLine() throws {
        let error = #expect(throws: ScaffoldError.self) { try render([], values: "port: 9000\nratio: high\n") }
        #expect(error?.location?.file.hasSuffix("values.yaml") == true)
        #expect(error?.location?.line == 2)
        #expect(error?.description.contains("values.yaml:2:8): expected a number") == true, "\(String(describing: error))")
    }
}
