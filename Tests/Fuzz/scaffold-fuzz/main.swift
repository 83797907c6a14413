// A seeded mutation fuzzer for the two parsers that read input a user (or a hostile repository)
// controls: the template language (lex, parse, render, with the sandbox's limits) and the YAML
// decoder. Seeds are the conformance cases' templates and contexts; each input is a seed mutated
// by byte edits and by splicing in tokens, some repeated thousands of times (deep nesting).
//
//   scaffold-fuzz [--seed N] [--seconds S] [--cases DIR] [--last FILE]
//
// An input must end in a result or a located error; a crash ends the process (so `make test`
// fails) with the input left in FILE (default: .build/fuzz-last-input) to add as a regression case.
import Foundation
import TemplateLanguage
import TestSupport
import YAMLKit

var seed: UInt64 = 1
var seconds = 20.0
var casesFolder = "Tests/Conformance/cases"
var lastInput = ".build/fuzz-last-input"
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { FileHandle.standardError.write(Data("\(flag) needs a value\n".utf8)); exit(2) }
    switch flag {
    case "--seed": seed = UInt64(value) ?? 1
    case "--seconds": seconds = Double(value) ?? 20
    case "--cases": casesFolder = value
    case "--last": lastInput = value
    default: FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8)); exit(2)
    }
}

// Seeds: every template and context of the conformance cases.
var templates: [String] = []
var documents: [String] = []
for name in ((try? FileManager.default.contentsOfDirectory(atPath: casesFolder)) ?? []).sorted() where name.hasSuffix(".json") {
    guard let data = FileManager.default.contents(atPath: casesFolder + "/" + name) else { continue }
    let text = String(decoding: data, as: UTF8.self)
    documents.append(text)
    guard let cases = (try? YAML.parseDocument(text, file: name))?.sequence else { continue }
    for item in cases {
        if let template = item["template"]?.scalar?.value { templates.append(template) }
        if let context = item["context"], let yaml = try? YAML.emit(context) { documents.append(yaml) }
    }
}
guard !templates.isEmpty else { FileHandle.standardError.write(Data("no seeds in \(casesFolder)\n".utf8)); exit(2) }

let templateTokens = ["{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", "if ", "endif", "for x in ", "endfor", "macro m()", "endmacro",
                      "call ", "endcall", "set ", "filter upper", "endfilter", "include 'x'", "(", ")", "[", "]", "{", "}", "|", "~",
                      "*", "**", "//", "%", "'", "\"", ",", ":", ".", "not ", " is ", "range(", "loop.", "caller()", "\n", "\t", "é",
                      "\u{0}", "9999999999999999999", "-1", "1e308", "{{ m() }}", "x.__class__", "|replace('a', 'aaaa')",
                      "|center(99999999)", "|indent(99999999)", "'%99999999s' % 1", "|join(',')"]
let yamlTokens = ["[", "]", "{", "}", ":", "- ", "? ", "&a ", "*a", "<<: ", "!!str ", "!!binary ", "|", ">", "'", "\"", "\n", "  ", "#",
                  "---\n", "...\n", "\\u", "\u{FEFF}", "~", "null", "0x", "1e999", "\t"]

func mutate(_ text: String, tokens: [String], using random: inout SeededRandom) -> String {
    var bytes = Array(text.utf8)
    for _ in 0..<Int.random(in: 1...6, using: &random) {
        let at = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0 where !bytes.isEmpty && at < bytes.count: bytes.remove(at: at)
        case 1 where !bytes.isEmpty && at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 2:  // a token repeated until it nests deeper than any limit
            let token = tokens.randomElement(using: &random)!
            bytes.insert(contentsOf: Array(String(repeating: token, count: Int.random(in: 100...3000, using: &random)).utf8), at: at)
        case 3 where bytes.count > 2:  // duplicate a slice
            let start = Int.random(in: 0..<bytes.count, using: &random)
            let end = min(bytes.count, start + Int.random(in: 1...64, using: &random))
            bytes.insert(contentsOf: bytes[start..<end], at: at)
        default:
            bytes.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: at)
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

let context = ValueDict([("x", .list([.int(1), .string("a")])), ("name", .string("payments")), ("n", .int(3)),
                         ("d", .dict(ValueDict([("k", .string("v"))])))])
let environment = Environment(options: TemplateOptions(limits: Limits(maxLoopIterations: 100_000, maxOutputBytes: 1 << 20,
                                                                      maxRangeLength: 10_000, maxCalls: 10_000)))
var random = SeededRandom(seed: seed)
let deadline = Date().addingTimeInterval(seconds)
var inputs = 0
var located = 0
while Date() < deadline {
    let isTemplate = Bool.random(using: &random)
    let input = isTemplate ? mutate(templates.randomElement(using: &random)!, tokens: templateTokens, using: &random)
                           : mutate(documents.randomElement(using: &random)!, tokens: yamlTokens, using: &random)
    try? Data((isTemplate ? "template\n" : "yaml\n").utf8 + Data(input.utf8)).write(to: URL(fileURLWithPath: lastInput))
    inputs += 1
    if isTemplate {
        do {
            _ = try environment.renderString(input, name: "fuzz.j2", context: context)
        } catch {
            if error.location != nil { located += 1 } else {
                FileHandle.standardError.write(Data("an error without a location: \(error)\n".utf8))
                exit(1)
            }
        }
    } else {
        do { _ = try YAML.parse(input, file: "fuzz.yaml") } catch { located += 1 }
    }
}
try? FileManager.default.removeItem(atPath: lastInput)
print("fuzz-parsers: \(inputs) inputs (seed \(seed), \(Int(seconds)) s), \(located) located errors, no crash")
