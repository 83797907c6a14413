// scaffold-bench: in-process timings that whole-process benchmarks cannot isolate.
//
//   scaffold-bench templates --dir Benchmarks/templates [--seconds S] [--only parse|render] NAME...
//   scaffold-bench templates --dir Benchmarks/templates --iterations N NAME...
//
// Parses and renders each named template from source in a loop (scaffolding renders each
// file once, so parse + render together is what counts) and prints JSON:
// {"NAME": {"seconds": per-iteration median, "parse_seconds": ..., "render_seconds": ...,
// "output_bytes": N}}. Benchmarks/templates/bench.py runs it next to Jinja2 and MiniJinja on the
// same inputs and prints the ratios. `--only` loops over one phase alone, for a profiler.
// `--iterations N` parses and renders each template exactly N times and prints only the output
// size: Benchmarks/instructions.sh counts its instructions under callgrind (N against 0).
import Foundation
import GoldenPath
import TemplateLanguage
import YAMLKit

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("scaffold-bench: \(message)\n".utf8))
    exit(2)
}

var args = Array(CommandLine.arguments.dropFirst())
guard args.first == "templates" else { fail("usage: scaffold-bench templates --dir DIR [--seconds S] NAME...") }
args.removeFirst()
var dir = "."
var seconds = 1.0
var names: [String] = []
var only: String?
var iterations: Int?
while !args.isEmpty {
    let arg = args.removeFirst()
    switch arg {
    case "--dir":
        guard !args.isEmpty else { fail("--dir needs a value") }
        dir = args.removeFirst()
    case "--seconds":
        guard let value = args.isEmpty ? nil : Double(args.removeFirst()) else { fail("--seconds needs a number") }
        seconds = value
    case "--iterations":
        guard let value = args.isEmpty ? nil : Int(args.removeFirst()), value >= 0 else { fail("--iterations needs a count") }
        iterations = value
    case "--only":
        guard let value = args.first, value == "parse" || value == "render" else { fail("--only needs parse or render") }
        only = args.removeFirst()
    default: names.append(arg)
    }
}

func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        fail("cannot read \(path)")
    }
    return text
}

let contextFile = dir + "/context.json"
let context: ValueDict
do {
    guard case .dict(let dict) = Value(yaml: try YAML.parseDocument(read(contextFile), file: contextFile)) else {
        fail("\(contextFile) is not a mapping")
    }
    context = dict
} catch { fail("\(error)") }

let environment = Environment()

/// Median seconds per call over 5 rounds, as bench.py measures the Python engines.
func perIteration(seconds: Double, _ body: () throws -> Int) rethrows -> Double {
    _ = try body()
    var rounds: [Double] = []
    for _ in 0..<5 {
        var n = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            _ = try body()
            n += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < seconds / 5
        rounds.append(elapsed / Double(n))
    }
    return rounds.sorted()[2]
}

if let iterations {
    var bytes = 0
    for name in names {
        let source = read(dir + "/" + name)
        do {
            for _ in 0..<iterations { bytes += try environment.render(try environment.parse(source, name: name), context: context).utf8.count }
        } catch { fail("\(error)") }
    }
    print(bytes)
    exit(0)
}

var report: [String: [String: Double]] = [:]
for name in names {
    let source = read(dir + "/" + name)
    do {
        if let only {
            let parsed = try environment.parse(source, name: name)
            let time = try perIteration(seconds: seconds) {
                only == "parse" ? try environment.parse(source, name: name).name.count
                    : try environment.render(parsed, context: context).utf8.count
            }
            report[name] = ["\(only)_seconds": time]
            continue
        }
        var bytes = 0
        let time = try perIteration(seconds: seconds) {
            let output = try environment.render(try environment.parse(source, name: name), context: context)
            bytes = output.utf8.count
            return bytes
        }
        // Where the time goes: parsing alone, and rendering an already parsed template.
        let parsed = try environment.parse(source, name: name)
        let parseTime = try perIteration(seconds: seconds / 2) { try environment.parse(source, name: name).name.count }
        let renderTime = try perIteration(seconds: seconds / 2) { try environment.render(parsed, context: context).utf8.count }
        report[name] = ["seconds": time, "parse_seconds": parseTime, "render_seconds": renderTime, "output_bytes": Double(bytes)]
    } catch { fail("\(error)") }
}
let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .prettyPrinted])
print(String(decoding: json, as: UTF8.self))
