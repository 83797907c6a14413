import Testing
@testable import GoldenPath
import TemplateLanguage
import YAMLKit

@Suite struct ValueConversionTests {
    @Test func yamlToValueKeepsTypesAndOrder() throws {
        let node = try YAML.parseDocument("z: 1\na: [1.5, true, null, '2', x]\nm: {b: 0x10, a: ~}\n", file: "t")
        #expect(Value(yaml: node).debugText == "{'z': 1, 'a': [1.5, true, none, '2', 'x'], 'm': {'b': 16, 'a': none}}")
    }

    @Test func valueToYAMLReadsBackTheSame() throws {
        let value = Value.dict([
            ("int", .int(-3)), ("float", .float(1e20)), ("small", .float(0.1)), ("inf", .float(-.infinity)),
            ("bool", .bool(false)), ("none", .none), ("s", .string("true")), ("list", .list([.string("012"), .int(12)])),
            ("tuple", .tuple([.string("a")])), ("nested", .dict([("k", .string("v: w"))])),
        ])
        let text = try YAML.emit(YAMLNode(value: value))
        let back = Value(yaml: try YAML.parseDocument(text, file: "t"))
        #expect(back.debugText == "{'int': -3, 'float': 1e+20, 'small': 0.1, 'inf': -inf, 'bool': false, 'none': none, 's': 'true', 'list': ['012', 12], 'tuple': ['a'], 'nested': {'k': 'v: w'}}")
    }
}

/// An integer beyond 64 bits in a values file is an error where it is written, never a float
/// printed as `1.2345678901234568e+29` where Python would print every digit.
@Suite struct OversizedIntegerTests {
    @Test func valuesFilesRefuseThem() throws {
        let error = #expect(throws: GoldenPathError.self) {
            try ValuesFile.load("name: x\nbig: 123456789012345678901234567890\n", path: "v.yaml")
        }
        #expect(error?.location?.line == 2 && error?.location?.column == 6)
        #expect(error?.message.contains("beyond 64-bit integers") == true)
        // Quoted, it is text; within 64 bits, an integer; a float is a float.
        #expect(throws: Never.self) { try ValuesFile.load("a: '123456789012345678901234567890'\nb: 9223372036854775807\nc: 1.5e30\n", path: "v.yaml") }
    }
}
