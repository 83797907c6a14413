import Testing
@testable import YAMLKit

@Suite struct CoreSchemaTests {
    static let table: [(String, ResolvedScalar)] = [
        ("", .null), ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("yes", .string("yes")), ("on", .string("on")), ("tRUE", .string("tRUE")),
        ("0", .int(0)), ("-12", .int(-12)), ("+7", .int(7)), ("012", .int(12)),
        ("0o17", .int(15)), ("0x1F", .int(31)), ("0x", .string("0x")), ("0o8", .string("0o8")),
        ("1_000", .string("1_000")),
        ("1.5", .float(1.5)), ("-.5", .float(-0.5)), ("1e3", .float(1000)), ("1.", .float(1)),
        ("2E-2", .float(0.02)), (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)),
        ("1.2.3", .string("1.2.3")), (".", .string(".")), ("e3", .string("e3")), ("1e", .string("1e")),
        ("512Mi", .string("512Mi")), ("hello world", .string("hello world")),
        ("99999999999999999999", .float(1e20)),
    ]

    @Test(arguments: table)
    func plainResolution(text: String, expected: ResolvedScalar) {
        #expect(CoreSchema.resolvePlain(text) == expected)
    }

    @Test func nanResolves() {
        guard case .float(let d) = CoreSchema.resolvePlain(".nan") else { Issue.record("not a float"); return }
        #expect(d.isNaN)
    }

    @Test func quotedScalarsAreStrings() throws {
        let doc = try YAML.parseDocument("a: 'true'\nb: \"1\"\nc: |\n  null\n", file: "t")
        #expect(doc["a"]?.scalar?.resolved == .string("true"))
        #expect(doc["b"]?.scalar?.resolved == .string("1"))
        #expect(doc["c"]?.scalar?.resolved == .string("null\n"))
    }
}
