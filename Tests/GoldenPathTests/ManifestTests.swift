import Testing
@testable import GoldenPath
import YAMLKit

@Suite struct ManifestTests {
    @Test func decodesTheContractExample() throws {
        let m = try loadExample()
        #expect(m.metadata.name == "go-microservice")
        #expect(m.metadata.version == SemanticVersion("1.1.0"))
        #expect(m.metadata.tags == ["go", "http"])
        #expect(m.spec.language == "go")
        #expect(m.spec.labels == [Manifest.Label(key: "tier", value: "backend")])
        #expect(m.spec.parameters.map(\.name) == ["name", "owner", "port", "module_path", "database", "db_name"])
        #expect(m.spec.parameters[2].type == .integer)
        #expect(m.spec.parameters[2].min == 1024)
        #expect(m.spec.parameters[3].templatedDefault == "example.com/{{ owner }}/{{ name }}")
        #expect(m.spec.parameters[4].choices == ["none", "postgres", "redis"])
        #expect(m.spec.parameters[5].when == "database == 'postgres'")
        #expect(m.spec.cicd?.stages.map(\.name) == ["build", "test", "lint"])
        #expect(m.spec.cicd?.requiredChecks == ["build", "test", "lint"])
        #expect(m.spec.cicd?.coverageRule == CoverageRule(inclusive: false, threshold: 80))
        #expect(m.spec.files.executable == ["scripts/*.sh"])
        #expect(m.spec.templateOptions.undefined == .strict)
        #expect(m.spec.nextSteps.map(\.template) == ["cd {{ name }} && make test"])
        #expect(m.spec.migrations.first?.rename.first?.from == "team")
        #expect(m.hasPlatformOutputs)
    }

    @Test func nameMustMatchFolder() {
        #expect { try Manifest.load(exampleManifest, file: "gp.yaml", folderName: "python-service", folderVersion: "1.1.0") } throws: { e in
            (e as? GoldenPathError)?.description == "gp.yaml:4:9: metadata.name: 'go-microservice' must equal the golden path's folder name 'python-service'"
        }
    }

    @Test func versionMustMatchFolder() {
        #expect { try Manifest.load(exampleManifest, file: "gp.yaml", folderName: nil, folderVersion: "1.0.0") } throws: { e in
            (e as? GoldenPathError)?.description.hasPrefix("gp.yaml:5:12: metadata.version: '1.1.0' must equal the version folder name '1.0.0'") == true
        }
    }

    @Test func unknownKeySuggestsTheRightOne() {
        let text = exampleManifest.replacingOccurrences(of: "  parameters:", with: "  parametres:")
        #expect { try loadExample(text) } throws: { e in
            let error = e as? GoldenPathError
            return error?.location?.line == 13 && error?.location?.column == 3 && error?.keyPath == "spec.parametres"
                && error?.message == "unknown key 'parametres'; did you mean 'parameters'?"
        }
    }

    @Test func minimalManifest() throws {
        let m = try Manifest.load("apiVersion: scaffold/v1\nkind: GoldenPath\nmetadata: {name: x, version: 0.1.0}\nspec: {}\n",
                                  file: "m.yaml", folderName: "x", folderVersion: "0.1.0")
        #expect(m.spec.parameters.isEmpty)
        #expect(!m.hasPlatformOutputs)
        #expect(m.spec.templateOptions.undefined == .strict)
    }

}

@Suite struct SemanticVersionTests {
    @Test(arguments: ["1.0.0", "0.1.2", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha+build.5", "1.0.0+x"])
    func valid(_ text: String) {
        #expect(SemanticVersion(text)?.description == text)
    }

    @Test(arguments: ["1.0", "1", "01.0.0", "1.0.0-", "1.0.0-01", "v1.0.0", "1.0.0.0", "", "a.b.c", "1.0.0+"])
    func invalid(_ text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test func ordering() throws {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "2.0.0"]
        let versions = ordered.compactMap(SemanticVersion.init)
        #expect(versions.count == ordered.count)
        #expect(versions.shuffled().sorted() == versions)
        #expect(SemanticVersion("1.0.0+a") == SemanticVersion("1.0.0+b"))
    }
}
