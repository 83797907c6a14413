import Locations
import Testing
@testable import GoldenPath
import TemplateLanguage
import YAMLKit

@Suite struct ValueLayerTests {
    @Test func defaultsAndTemplatedDefaults() throws {
        let m = try loadExample()
        let v = try resolve(m, ValueInputs(sets: ["name=payments"]))
        #expect(Value.dict(v.answerDict).debugText == "{'name': 'payments', 'owner': 'platform', 'port': 8080, 'module_path': 'example.com/platform/payments', 'database': 'none'}")
        #expect(v.answers.first { $0.name == "name" }?.source == .set(argument: "name=payments"))
        #expect(v.answers.first { $0.name == "port" }?.source == .goldenPathDefault)
    }

    @Test func whenTrueMakesParameterPresent() throws {
        let v = try resolve(try loadExample(), ValueInputs(sets: ["name=payments", "database=postgres"]))
        #expect(v.answerDict["db_name"]?.stringValue == "payments_db")
    }

    @Test func valueForInactiveParameterIsDropped() throws {
        let v = try resolve(try loadExample(), ValueInputs(valuesFiles: [try values("name: payments\ndb_name: x\n")]))
        #expect(v.answerDict["db_name"] == nil)
        #expect(!v.explicitAnswers.names.contains("db_name"))
    }

    @Test func precedenceValuesFilesThenSet() throws {
        let m = try loadExample()
        let first = try values("name: one\nport: 9000\nowner: a\n", path: "a.yaml")
        let second = try values("port: 9001\n", path: "b.yaml")
        let v = try resolve(m, ValueInputs(valuesFiles: [first, second], sets: ["owner=b"]))
        let byName = Dictionary(uniqueKeysWithValues: v.answers.map { ($0.name, $0) })
        #expect(byName["name"]?.source == .valuesFile(Locations.SourceLocation(file: "a.yaml", line: 1, column: 7)))
        #expect(byName["port"]?.value.debugText == "9001")
        #expect(byName["port"]?.source == .valuesFile(Locations.SourceLocation(file: "b.yaml", line: 1, column: 7)))
        #expect(byName["owner"]?.value.stringValue == "b")
        #expect(byName["module_path"]?.value.stringValue == "example.com/b/one")
    }

    @Test func answersFileIsALayerBelowValuesFiles() throws {
        let m = try loadExample()
        var entries = AnswerEntries()
        entries["name"] = .string("recorded")
        entries["port"] = .plain("9100")
        let answers = AnswersFile(goldenPath: "go-microservice", version: SemanticVersion(major: 1, minor: 0, patch: 0), source: "golden-paths",
                                  created: "2026-11-28", answers: entries, defaults: AnswerEntries())
        let v = try resolve(m, ValueInputs(answersFile: (answers, ".scaffold.yaml"), valuesFiles: [try values("port: 9200\n")]))
        #expect(v.answerDict["name"]?.stringValue == "recorded")
        #expect(v.answers.first { $0.name == "name" }?.source == .answersFile(path: ".scaffold.yaml"))
        #expect(v.answerDict["port"]?.debugText == "9200")
    }

    @Test func platformLayersPrecedence() throws {
        let m = try loadExample()
        let platform = try PlatformFile.load("defaults:\n  resources: {cpu: 100m, memory: 128Mi}\n  replicas: 1\n", path: "golden-paths/platform.yaml")
        let v = try resolve(m, ValueInputs(platform: platform, valuesFiles: [try values("name: x\nresources:\n  limits: {memory: 1Gi}\n")],
                                           sets: ["resources.requests.memory=0.5Gi", "autoscaling.max_replicas=20"]))
        #expect(v.platform.requestsCPU?.value.description == "250m")
        #expect(v.platform.requestsCPU?.source == .goldenPathDefault)
        #expect(v.platform.requestsMemory?.value.description == "512Mi")
        #expect(v.platform.requestsMemory?.source == .set(argument: "resources.requests.memory=0.5Gi"))
        #expect(v.platform.limitsMemory?.source == .valuesFile(Locations.SourceLocation(file: "values.yaml", line: 3, column: 20)))
        #expect(v.platform.maxReplicas?.value == 20)
        #expect(v.platform.replicas?.value == 3)
    }

    @Test func platformFileAloneApplies() throws {
        let m = try Manifest.load("apiVersion: scaffold/v1\nkind: GoldenPath\nmetadata: {name: x, version: 1.0.0}\nspec: {}\n", file: "m", folderName: nil, folderVersion: nil)
        let platform = try PlatformFile.load("defaults:\n  resources: {cpu: 0.1}\n", path: "platform.yaml")
        let v = try resolve(m, ValueInputs(platform: platform))
        #expect(v.platform.requestsCPU?.value.description == "100m")
        #expect(v.platform.requestsCPU?.source == .platform(file: "platform.yaml"))
    }

    @Test func memoryWithMilliSuffixNamesLayer() throws {
        let m = try loadExample()
        #expect { try resolve(m, ValueInputs(sets: ["name=x", "resources.requests.memory=512m"])) } throws: { e in
            (e as? GoldenPathError)?.description
                == "--set:2:27: `resources.requests.memory: 512m` (from --set resources.requests.memory=512m): memory takes binary suffixes like 512Mi; 512m means 0.512 bytes"
        }
    }

    @Test func shorthandMemoryFromValuesFile() throws {
        let m = try loadExample()
        #expect { try resolve(m, ValueInputs(valuesFiles: [try values("name: x\nresources:\n  memory: 512m\n")])) } throws: { e in
            (e as? GoldenPathError)?.description
                == "values.yaml:3:11: `resources.memory: 512m` (from values.yaml:3:11): memory takes binary suffixes like 512Mi; 512m means 0.512 bytes"
        }
    }

    @Test func stringForIntegerInValuesFileIsAnError() throws {
        #expect { try resolve(try loadExample(), ValueInputs(valuesFiles: [try values("name: x\nport: \"8080\"\n")])) } throws: { e in
            (e as? GoldenPathError)?.description == "values.yaml:2:7: `port: 8080` (from values.yaml:2:7): expected an integer, got the string '8080'"
        }
    }

    @Test func unknownValuesKeySuggests() throws {
        #expect { try resolve(try loadExample(), ValueInputs(valuesFiles: [try values("name: x\nprot: 1\n")])) } throws: { e in
            (e as? GoldenPathError)?.description == "values.yaml:2:1: prot: unknown parameter or platform default 'prot'; did you mean 'port'?"
        }
    }

    @Test func unknownSetKeySuggests() throws {
        #expect { try resolve(try loadExample(), ValueInputs(sets: ["resources.request.cpu=1"])) } throws: { e in
            (e as? GoldenPathError)?.message.contains("did you mean 'resources.requests.cpu'?") == true
        }
    }

    @Test func malformedSetArgument() throws {
        #expect { try resolve(try loadExample(), ValueInputs(sets: ["name"])) } throws: { e in
            (e as? GoldenPathError)?.message == "expected KEY=VALUE, like --set port=8080"
        }
    }

    @Test func emptySetIsEmptyString() throws {
        let v = try resolve(try loadExample(), ValueInputs(sets: ["name=x", "owner=", "module_path=example.com/x"]))
        #expect(v.answerDict["owner"]?.stringValue == "")
        #expect { try resolve(try loadExample(), ValueInputs(sets: ["name="])) } throws: { e in
            (e as? GoldenPathError)?.message == "is required and must not be empty"
        }
    }

    @Test func missingRequiredListsAll() throws {
        let text = exampleManifest.replacingOccurrences(of: "      default: platform\n", with: "      required: true\n")
        let m = try loadExample(text)
        #expect { try resolve(m, ValueInputs()) } throws: { e in
            let error = e as? GoldenPathError
            return error?.message == "2 required parameters have no value (give them with --set NAME=VALUE or --values FILE):\n  name: Service name\n  owner: Owning team"
                && error?.location?.line == 14
        }
    }

    @Test func promptReasksOnInvalidAnswer() throws {
        var asked: [String] = []
        var answers = ["Bad Name", "payments"]
        let v = try resolve(try loadExample(), ValueInputs()) { request in
            asked.append(request.parameter.name + (request.problem.map { ": \($0.message)" } ?? ""))
            return answers.isEmpty ? nil : answers.removeFirst()
        }
        #expect(v.answerDict["name"]?.stringValue == "payments")
        #expect(v.answers.first?.source == .prompt)
        #expect(asked.count == 2)
        #expect(asked[1].hasPrefix("name: must be a DNS-1035 label"))
    }

    @Test func promptGivingUpLeavesMissing() throws {
        #expect(throws: GoldenPathError.self) { try resolve(try loadExample(), ValueInputs()) { _ in nil } }
    }

    @Test func templatedDefaultThatFailsValidationNamesTheManifest() throws {
        let text = exampleManifest.replacingOccurrences(of: "example.com/{{ owner }}/{{ name }}", with: "{{ owner }}/{{ name }}")
        #expect { try resolve(try loadExample(text), ValueInputs(sets: ["name=x"])) } throws: { e in
            let error = e as? GoldenPathError
            return error?.keyPath == "spec.parameters[3].default" && error?.source == .goldenPathDefault && error?.location?.line == 30
                && error?.message.hasPrefix("must be a Go module path") == true
        }
    }

    @Test func templatedDefaultRenderErrorIsReported() throws {
        let text = exampleManifest.replacingOccurrences(of: "{{ owner }}/{{ name }}", with: "{{ team }}/{{ name }}")
        #expect { try resolve(try loadExample(text), ValueInputs(sets: ["name=x"])) } throws: { e in
            (e as? GoldenPathError)?.message == "cannot render the default: 'team' is undefined"
        }
    }

    @Test func explicitAndDefaultSplitForAnswersFile() throws {
        let v = try resolve(try loadExample(), ValueInputs(sets: ["name=payments", "resources.memory=384Mi", "replicas=2"]))
        #expect(v.explicitAnswers.names == ["name", "resources", "replicas"])
        #expect(v.explicitAnswers["resources"] == .mapping([("requests", .mapping([("memory", .plain("384Mi"))]))]))
        #expect(v.defaultAnswers.names == ["owner", "port", "module_path", "database"])
    }
}

/// Making a service at a terminal: every parameter asked in order, its default kept by Enter,
/// choices by number, an empty required answer asked again, and end of input stopping it all.
@Suite struct AskingEveryParameterTests {
    private func inputs() -> ValueInputs {
        var inputs = ValueInputs()
        inputs.asksEveryParameter = true
        return inputs
    }

    @Test func asksEachInOrderAndEnterKeepsTheDefault() throws {
        var asked: [String] = []
        var script = ["", "payments", "", "9090", "", "2"]  // name: empty (re-asked), then payments
        let values = try resolve(try loadExample(), inputs()) { request in
            asked.append(request.parameter.name + (request.problem.map { " (\($0.message))" } ?? ""))
            return script.isEmpty ? "" : script.removeFirst()
        }
        #expect(asked == ["name", "name (a value is required)", "owner", "port", "module_path", "database", "db_name"])
        #expect(values.answerDict["port"] == .int(9090))
        #expect(values.answerDict["database"] == .string("postgres"))  // by number
        #expect(values.answers.first { $0.name == "owner" }?.source == .goldenPathDefault)  // Enter: still a default
        #expect(values.answers.first { $0.name == "database" }?.source == .prompt)
    }

    @Test func endOfInputStops() throws {
        var answers = ["payments"]
        #expect {
            try resolve(try loadExample(), inputs()) { _ in answers.isEmpty ? nil : answers.removeFirst() }
        } throws: { e in (e as? GoldenPathError)?.message == "no answer for 'owner' (end of input): stopped, nothing was written" }
    }

    @Test func withoutATerminalTheMissingValuesSaySo() throws {
        let manifest = try loadExample(exampleManifest.replacingOccurrences(of: "      default: platform\n", with: "      required: true\n"))
        var inputs = ValueInputs()
        inputs.unaskedReason = "stdin is not a terminal"
        #expect { try resolve(manifest, inputs) } throws: { e in
            (e as? GoldenPathError)?.message.hasPrefix("2 required parameters have no value (stdin is not a terminal: pass --no-input and --set/--values):") == true
        }
    }
}
