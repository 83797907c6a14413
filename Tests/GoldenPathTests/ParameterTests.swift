import Testing
@testable import GoldenPath
import TemplateLanguage
import YAMLKit

@Suite struct ParameterTests {
    func node(_ yaml: String) throws -> YAMLNode { try YAML.parseDocument(yaml, file: "t") }

    func check(_ p: Parameter, yaml: String) throws -> String {
        switch p.validated(yaml: try node(yaml)) {
        case .success(let v): return v.debugText
        case .failure(let e): return "error: \(e.message)"
        }
    }

    func check(_ p: Parameter, text: String) -> String {
        switch p.validated(text: text) {
        case .success(let v): return v.debugText
        case .failure(let e): return "error: \(e.message)"
        }
    }

    @Test func stringFromYAMLMustBeAString() throws {
        let p = Parameter(name: "s", type: .string)
        #expect(try check(p, yaml: "hello") == "'hello'")
        #expect(try check(p, yaml: "'8080'") == "'8080'")
        #expect(try check(p, yaml: "8080") == "error: expected a string, got the integer 8080 (quote it to make it a string: '8080')")
        #expect(try check(p, yaml: "[a]") == "error: expected a string, got a list")
        #expect(check(p, text: "012") == "'012'")
    }

    @Test func integer() throws {
        let p = Parameter(name: "port", type: .integer, min: 1024, max: 65535)
        #expect(try check(p, yaml: "8080") == "8080")
        #expect(try check(p, yaml: "'8080'") == "error: expected an integer, got the string '8080'")
        #expect(try check(p, yaml: "80") == "error: must be at least 1024")
        #expect(try check(p, yaml: "70000") == "error: must be at most 65535")
        #expect(try check(p, yaml: "8080.5") == "error: expected an integer, got the number 8080.5")
        #expect(check(p, text: "8080") == "8080")
        #expect(check(p, text: "0x1F90") == "8080")
        #expect(check(p, text: "eighty") == "error: expected an integer, got 'eighty'")
    }

    @Test func number() throws {
        let p = Parameter(name: "ratio", type: .number, min: 0, max: 1)
        #expect(try check(p, yaml: "0.5") == "0.5")
        #expect(try check(p, yaml: "1") == "1")
        #expect(try check(p, yaml: "1.5") == "error: must be at most 1")
        #expect(try check(p, yaml: ".nan") == "error: expected a number, got the number .nan")
        #expect(check(p, text: "0.25") == "0.25")
        #expect(check(p, text: "x") == "error: expected a number, got 'x'")
    }

    @Test func boolean() throws {
        let p = Parameter(name: "flag", type: .boolean)
        #expect(try check(p, yaml: "true") == "true")
        #expect(try check(p, yaml: "yes") == "error: expected true or false, got the string 'yes'")
        #expect(check(p, text: "yes") == "true")
        #expect(check(p, text: "False") == "false")
        #expect(check(p, text: "maybe") == "error: expected true or false, got 'maybe'")
    }

    @Test func choice() throws {
        let p = Parameter(name: "db", type: .choice, choices: ["none", "postgres", "redis"])
        #expect(try check(p, yaml: "postgres") == "'postgres'")
        #expect(try check(p, yaml: "postgress") == "error: 'postgress' is not one of 'none', 'postgres', 'redis'; did you mean 'postgres'?")
        #expect(check(p, text: "mysql") == "error: 'mysql' is not one of 'none', 'postgres', 'redis'")
    }

    @Test func multichoice() throws {
        let p = Parameter(name: "features", type: .multichoice, choices: ["grpc", "http", "metrics"], maxLength: 2)
        #expect(try check(p, yaml: "[grpc, http]") == "['grpc', 'http']")
        #expect(try check(p, yaml: "[grpc, grpc]") == "error: lists 'grpc' twice")
        #expect(try check(p, yaml: "[grpc, http, metrics]") == "error: must have at most 2 items")
        #expect(try check(p, yaml: "grpc") == "error: expected a list of choices, got the string 'grpc'")
        #expect(check(p, text: "grpc,metrics") == "['grpc', 'metrics']")
        #expect(check(p, text: "[http]") == "['http']")
        #expect(check(p, text: "soap") == "error: 'soap' is not one of 'grpc', 'http', 'metrics'")
        #expect(check(p, text: "") == "[]")
    }

    @Test func list() throws {
        let p = Parameter(name: "tags", type: .list, minLength: 1)
        #expect(try check(p, yaml: "[a, 2, true]") == "['a', 2, true]")
        #expect(try check(p, yaml: "[]") == "error: must have at least 1 items")
        #expect(try check(p, yaml: "{a: 1}") == "error: expected a list, got a mapping")
        #expect(check(p, text: "a, b") == "['a', 'b']")
        #expect(check(p, text: "[a, [b") == "error: expected a list like [a, b], got '[a, [b'")
    }

    @Test func lengthAndPattern() throws {
        let p = Parameter(name: "code", type: .string, pattern: "[A-Z]{2}[0-9]+", minLength: 3, maxLength: 5)
        #expect(check(p, text: "AB12") == "'AB12'")
        #expect(check(p, text: "AB") == "error: must be at least 3 characters long")
        #expect(check(p, text: "AB1234") == "error: must be at most 5 characters long")
        #expect(check(p, text: "ab12") == "error: must match the pattern [A-Z]{2}[0-9]+")
        #expect(check(p, text: "xAB12") == "error: must match the pattern [A-Z]{2}[0-9]+")
    }

    @Test func aPatternMatchesTheWholeValueWhateverItsAlternativesAndAnchors() {
        let p = Parameter(name: "tier", type: .string, pattern: "gold|silver")
        #expect(check(p, text: "gold") == "'gold'")
        #expect(check(p, text: "golden") == "error: must match the pattern gold|silver")
        #expect(check(p, text: "quicksilver") == "error: must match the pattern gold|silver")
        let anchored = Parameter(name: "db", type: .string, pattern: "^[a-z_][a-z0-9_]*$")
        #expect(check(anchored, text: "payments_db") == "'payments_db'")
        #expect(check(anchored, text: "payments\n") == "error: must match the pattern ^[a-z_][a-z0-9_]*$")
        let accented = Parameter(name: "city", type: .string, pattern: "[a-z\u{e9}]+")
        #expect(check(accented, text: "caf\u{e9}") == "'caf\u{e9}'")
    }

    @Test func requiredStringMustNotBeEmpty() {
        let p = Parameter(name: "name", type: .string, required: true)
        #expect(check(p, text: "") == "error: is required and must not be empty")
    }

    static let formats: [(ParameterFormat, String, Bool)] = [
        (.dnsLabel, "payments", true), (.dnsLabel, "payments-api2", true), (.dnsLabel, "Payments", false),
        (.dnsLabel, "2fa", false), (.dnsLabel, "a-", false), (.dnsLabel, "pay_ments", false),
        (.dnsLabel, String(repeating: "a", count: 63), true), (.dnsLabel, String(repeating: "a", count: 64), false), (.dnsLabel, "", false),
        (.email, "jane@example.com", true), (.email, "j.doe+x@mail.example.org", true), (.email, "jane@localhost", false),
        (.email, "jane", false), (.email, "@example.com", false), (.email, "ja..ne@example.com", false), (.email, "a@b@c.com", false),
        (.url, "https://example.com", true), (.url, "http://localhost:8080/x?y=1", true), (.url, "ftp://example.com", false),
        (.url, "https://", false), (.url, "example.com", false), (.url, "https://exa mple.com", false),
        (.semver, "1.2.3", true), (.semver, "1.2.3-rc.1", true), (.semver, "1.2", false),
        (.goModule, "example.com/team/payments", true), (.goModule, "github.com/org/repo/v2", true), (.goModule, "payments", false),
        (.goModule, "Example.com/x", false), (.goModule, "example.com//x", false), (.goModule, "example.com/x/", false),
        (.goModule, "example.com/.x", false), (.goModule, "example.com/a b", false),
        (.pythonPackage, "payments_api", true), (.pythonPackage, "_private", true), (.pythonPackage, "payments-api", false),
        (.pythonPackage, "2fa", false), (.pythonPackage, "class", false), (.pythonPackage, "", false),
    ]

    @Test(arguments: formats)
    func format(_ format: ParameterFormat, _ value: String, _ valid: Bool) {
        #expect((format.problem(with: value) == nil) == valid)
    }
}
