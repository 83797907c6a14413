import Testing
@testable import GoldenPath

@Suite struct QuantityTests {
    static let canonical: [(String, String)] = [
        ("500m", "500m"), ("0.5", "500m"), ("1000m", "1"), ("1", "1"), ("2000", "2k"), ("1500", "1500"),
        ("1e3", "1k"), ("1E3", "1k"), ("1.5G", "1500M"), ("512Mi", "512Mi"), ("1024Mi", "1Gi"), ("1Gi", "1Gi"),
        ("1.5Gi", "1536Mi"), ("0.5Ki", "512"), ("1024", "1024"), ("250m", "250m"), ("0.25", "250m"),
        ("100M", "100M"), ("1e-3", "1m"), ("+1", "1"), ("0", "0"), ("0.000", "0"), (".5", "500m"), ("5.", "5"),
        ("1000Ki", "1000Ki"), ("2048Ki", "2Mi"), ("1u", "1u"), ("1000000n", "1m"), ("12e6", "12M"),
    ]

    @Test(arguments: canonical)
    func canonicalForm(_ input: String, _ expected: String) throws {
        #expect(try Quantity(parsing: input).description == expected)
    }

    @Test(arguments: ["", "m", "Mi", "1mi", "1KB", "1.2.3", "abc", "1 Gi", "--1", "1e", "1e3.5", "0x10", "1Gib"])
    func rejectsNonQuantities(_ input: String) {
        #expect(throws: ValueProblem.self) { try Quantity(parsing: input) }
    }

    @Test func rejectsOverflow() {
        #expect(throws: ValueProblem.self) { try Quantity(parsing: "16Ei") }
        #expect(throws: ValueProblem.self) { try Quantity(parsing: "1e40") }
    }

    @Test func comparesExactly() throws {
        func q(_ s: String) throws -> Quantity { try Quantity(parsing: s) }
        #expect(try q("500m") == q("0.5"))
        #expect(try q("1Gi") == q("1024Mi"))
        #expect(try q("1G") < q("1Gi"))
        #expect(try q("999m") < q("1"))
        #expect(try q("-1") < q("0"))
        #expect(try q("1E") > q("1P"))
        #expect(try !(q("256Mi") < q("256Mi")))
    }

    @Test func milliValue() throws {
        #expect(try Quantity(parsing: "0.5").milliValue == 500)
        #expect(try Quantity(parsing: "0.0005").milliValue == nil)
        #expect(try Quantity(parsing: "2").milliValue == 2000)
    }
}
