import Foundation
import Testing
@testable import Scaffold

@Suite struct LintTests {
    @Test(arguments: ["go-microservice", "python-service"])
    func shippedGoldenPathsAreClean(_ name: String) throws {
        let report = try LintGoldenPath.run(name, version: nil) { () throws(ScaffoldError) in Authoring.shippedCatalog }
        #expect(report.versions.count >= 2)
        #expect(report.findings.map(\.description) == [])
        #expect(!report.unreadable)
    }

    @Test func reportsEveryFindingSortedAndLocated() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - name: name
                      required: true
                    - name: unused
                      default: x
                    - name: db
                      default: "{{ port }}-db"
                    - name: port
                      type: integer
                      default: 8080
                  files:
                    exclude: ["a**/b", "nothing/*.x", "[abc"]
                  next_steps: ["cd {{ nmae }}"]

                """,
            "svc/1.0.0/template/README.md": "{{ name }} {{ db }}\n{{ defaults.resources.request.cpu }} {{ cicd.provider }}\n",
            "svc/1.0.0/template/bad.txt": "{{ name | shout }}\n",
            "svc/1.0.0/template/{{ '.git' }}/config": "x\n",
        ], under: root)
        let report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        let manifest = root + "/svc/1.0.0/golden-path.yaml"
        let template = root + "/svc/1.0.0/template/"
        // bad.txt does not parse, so which parameters it reads is unknown: 'unused' is not called unused.
        #expect(report.findings.map(\.description) == [
            "\(manifest):11:20: 'port' is declared after 'db': defaults and conditions see only earlier parameters",
            "\(manifest):16:15: spec.files.exclude[0]: '**' spans folders only as a whole path segment (like 'a/**/b'); in 'a**/b' it acts as '*'",
            "\(manifest):16:24: warning: spec.files.exclude[1]: 'nothing/*.x' matches no file of the template or of the platform outputs",
            "\(manifest):16:39: spec.files.exclude[2]: '[' in '[abc' has no closing ']', so it matches a literal '['",
            "\(manifest):17:23: 'nmae' is undefined: no parameter, platform default or built-in has this name; did you mean 'name'?",
            "\(template)README.md:2:4: 'defaults.resources.request' does not exist; did you mean 'requests'?",
            "\(template)README.md:2:41: 'cicd' is defined only when the manifest has spec.cicd",
            "\(template)bad.txt:1:11: no filter named 'shout'",
            "\(template){{ '.git' }}/config:1:1: file name lands in a .git folder, which scaffold never writes",
        ])
        #expect(!report.unreadable)
    }

    @Test func includedPartialsMayReadTheIncludersNames() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - {name: name, required: true}
                  files: {exclude: ["_partials/**"]}

                """,
            "svc/1.0.0/template/README.md":
                "{% for item in ['a'] %}{% set title = name ~ item %}{% include './_partials/header.j2' %}{% endfor %}\n",
            "svc/1.0.0/template/_partials/header.j2": "# {{ title }} {{ item }} {{ loop.index }} {{ titel }}\n",
            "svc/1.0.0/template/_partials/unused.j2": "{{ title }}\n",
        ], under: root)
        let report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        let partials = root + "/svc/1.0.0/template/_partials/"
        // The includer binds title, item and loop; a typo is still a finding, and a partial
        // nobody includes gets no such allowance.
        #expect(report.findings.map(\.description) == [
            "\(partials)header.j2:1:46: 'titel' is undefined: no parameter, platform default or built-in has this name; did you mean 'title'?",
            "\(partials)unused.j2:1:4: 'title' is undefined: no parameter, platform default or built-in has this name",
        ])
    }

    @Test func aManifestThatIsNotYAMLIsUnreadable() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write(["svc/1.0.0/golden-path.yaml": "spec: [unclosed\n", "svc/1.0.0/template/a": "{{ x }}\n"], under: root)
        let report = try LintGoldenPath.run(root + "/svc/1.0.0", version: nil, catalog: Authoring.noCatalog)
        #expect(report.unreadable)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.description.hasPrefix(root + "/svc/1.0.0/golden-path.yaml:2:1: ") == true)
    }

    @Test func theCommandExitsOneOnFindingsAndZeroWhenClean() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manifest = "apiVersion: scaffold/v1\nkind: GoldenPath\nmetadata: {name: svc, version: 1.0.0}\nspec:\n  parameters:\n    - {name: name, required: true}\n"
        try Authoring.write(["svc/1.0.0/golden-path.yaml": manifest, "svc/1.0.0/template/a.txt": "{{ name }}\n"], under: root)
        let clean = try Authoring.run(["lint", "svc"], in: root)
        #expect(clean.status == 0, "\(clean.standardOutput)\(clean.standardError)")
        #expect(clean.standardOutput.isEmpty)
        try Authoring.write(["svc/1.0.0/template/b.txt": "{{ nme }}\n"], under: root)
        let dirty = try Authoring.run(["lint", "svc"], in: root)
        #expect(dirty.status == 1)
        #expect(dirty.standardOutput.hasPrefix("./svc/1.0.0/template/b.txt:1:4: 'nme' is undefined"), "\(dirty.standardOutput)")
    }
}

/// A glob that matches nothing today is a warning: reported, and lint still passes.
@Suite struct LintWarningTests {
    @Test func anUnmatchedGlobWarnsWithoutFailing() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - name: name
                      required: true
                  files:
                    executable: ["scripts/*.sh"]

                """,
            "svc/1.0.0/template/README.md": "{{ name }}\n",
        ], under: root)
        let result = try Authoring.run(["lint", root + "/svc"], in: root)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains(": warning: spec.files.executable[0]: 'scripts/*.sh' matches no file"), "\(result.standardOutput)")
        #expect(result.standardError.contains("clean: svc 1.0.0 (1 warning)"), "\(result.standardError)")
    }
}

/// "Never used" is said only when every template parsed: a syntax error hides what is read.
@Suite struct LintKnockOnTests {
    @Test func unusedParametersOnlyWhenEveryTemplateParses() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let manifest = """
            apiVersion: scaffold/v1
            kind: GoldenPath
            metadata: {name: svc, version: 1.0.0}
            spec:
              parameters:
                - name: name
                  required: true
                - name: unused
                  default: x

            """
        try Authoring.write(["svc/1.0.0/golden-path.yaml": manifest, "svc/1.0.0/template/README.md": "{{ name }}\n"], under: root)
        var report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        #expect(report.findings.map(\.message) == ["parameter 'unused' is never used: no template, file name, glob, default, condition, CI step or next step reads it"])
        try Authoring.write(["svc/1.0.0/template/broken.txt": "{% if unused %}\n"], under: root)
        report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        #expect(report.findings.count == 1)
        #expect(report.findings.first?.message.contains("endif") == true, "\(report.findings)")
    }
}

/// An include or import of a file the template folder does not have is a finding at the name.
@Suite struct LintIncludeTests {
    @Test func missingIncludesAreFoundWhereTheyAreWritten() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": "apiVersion: scaffold/v1\nkind: GoldenPath\nmetadata: {name: svc, version: 1.0.0}\nspec:\n  parameters:\n    - name: name\n      required: true\n",
            "svc/1.0.0/template/README.md": "{{ name }}\n{% include \"partials/missing.md\" %}\n{% include \"there.md\" %}\n{% include \"gone.md\" ignore missing %}\n{% from 'macros.j2' import m %}\n",
            "svc/1.0.0/template/there.md": "ok\n",
        ], under: root)
        let report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        let readme = root + "/svc/1.0.0/template/README.md"
        #expect(report.findings.map(\.description) == [
            "\(readme):2:12: 'partials/missing.md' is not in the template folder: the include or import would fail at render time",
            "\(readme):5:9: 'macros.j2' is not in the template folder: the include or import would fail at render time",
        ])
    }

    /// A parameter whose `when` can be false is absent then: every read of it must sit where the
    /// condition holds. Guards are evaluated, so any condition that implies it will do.
    @Test func conditionalParametersReadOnlyWhereTheyExist() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - {name: name, required: true}
                    - {name: database, type: choice, choices: [none, postgres, redis], default: none}
                    - {name: metrics, type: boolean, default: true}
                    - {name: db_name, default: "{{ name }}", when: "database == 'postgres'"}
                    - {name: port, type: integer, default: 9090, when: metrics}
                  files: {exclude: ["_p/**"]}

                """,
            "svc/1.0.0/template/README.md": """
                {{ db_name }}
                {% if database == 'postgres' %}{{ db_name }}{% endif %}
                {% if database != 'none' and database != 'redis' %}{{ db_name }}{% endif %}
                {{ db_name | default('none') }} {% if db_name is defined %}{{ db_name }}{% endif %}
                {{ db_name if database == 'postgres' else '' }} {{ database == 'postgres' and db_name }}
                {% if database == 'postgres' %}ok{% else %}{{ db_name }}{% endif %}
                {% if metrics %}{{ port }}{% endif %} {{ port }}
                {% if database == 'postgres' %}{% include '_p/db.j2' %}{% endif %}

                """,
            "svc/1.0.0/template/NOTES.md": "{% include '_p/db.j2' %}\n",
            "svc/1.0.0/template/_p/db.j2": "db {{ db_name }}\n",
            "svc/1.0.0/template/{% if database == 'postgres' %}migrations{% endif %}/001.sql": "CREATE DATABASE {{ db_name }};\n",
        ], under: root)
        let report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        let template = root + "/svc/1.0.0/template/"
        let advice = "guard this with {% if database == 'postgres' %} or use db_name | default(…)"
        let byDefault = "it is asked only when database == 'postgres', which is false for database = 'none' (the default)"
        let expected: [String] = [
            "\(template)README.md:1:4: 'db_name' may be undefined here: \(byDefault); \(advice)",
            "\(template)README.md:6:47: 'db_name' may be undefined here: \(byDefault); \(advice)",
            "\(template)README.md:7:42: 'port' may be undefined here: it is asked only when metrics, which is false for "
                + "metrics = false; guard this with {% if metrics %} or use port | default(…)",
            "\(template)_p/db.j2:1:7: 'db_name' may be undefined here (through the include at \(template)NOTES.md:1:1): "
                + "\(byDefault); \(advice)",
        ]
        #expect(report.findings.map(\.description) == expected)
    }

    /// An include's conditions reach through the includes it leads to: a partial included by a
    /// partial that is itself included only where the parameter exists is guarded by that.
    @Test func includeConditionsReachThroughIncludesOfIncludes() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - {name: name, required: true}
                    - {name: database, type: choice, choices: [none, postgres], default: none}
                    - {name: db_name, default: "{{ name }}", when: "database == 'postgres'"}
                  files: {exclude: ["_p/**"]}

                """,
            "svc/1.0.0/template/README.md": "{% if database == 'postgres' %}{% include '_p/outer.j2' %}{% endif %}\n",
            "svc/1.0.0/template/_p/outer.j2": "{% include '_p/inner.j2' %}\n",
            "svc/1.0.0/template/_p/inner.j2": "db {{ db_name }}\n",
        ], under: root)
        let lint = { () throws -> [String] in
            try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog).findings.map(\.description)
        }
        #expect(try lint() == [])

        // A second way in, without the condition: the read is reached there.
        try Authoring.write(["svc/1.0.0/template/NOTES.md": "{% include '_p/outer.j2' %}\n"], under: root)
        let template = root + "/svc/1.0.0/template/"
        #expect(try lint() == [
            "\(template)_p/inner.j2:1:7: 'db_name' may be undefined here (through the include at \(template)_p/outer.j2:1:1): "
                + "it is asked only when database == 'postgres', which is false for database = 'none' (the default); "
                + "guard this with {% if database == 'postgres' %} or use db_name | default(…)",
        ])
    }

    /// A `when` over a string or a number is checked with the values the condition itself tells
    /// apart: the literals it writes (numbers one either side too) and the default.
    @Test func conditionsOverStringsAndNumbersAreCheckedWithTheValuesTheyCompare() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - {name: name, required: true}
                    - {name: region, default: eu-west-1}
                    - {name: workers, type: integer, default: 3, min: 1}
                    - {name: bucket, default: "{{ name }}-logs", when: "region != 'none'"}
                    - {name: max_workers, type: integer, default: 10, when: "workers > 1"}

                """,
            "svc/1.0.0/template/README.md": """
                {{ bucket }} {% if region != 'none' %}{{ bucket }}{% endif %}
                {{ max_workers }} {% if workers >= 2 %}{{ max_workers }}{% endif %}

                """,
        ], under: root)
        let report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        let readme = root + "/svc/1.0.0/template/README.md"
        #expect(report.findings.map(\.description) == [
            "\(readme):1:4: 'bucket' may be undefined here: it is asked only when region != 'none', which is false for "
                + "region = 'none'; guard this with {% if region != 'none' %} or use bucket | default(…)",
            "\(readme):2:4: 'max_workers' may be undefined here: it is asked only when workers > 1, which is false for "
                + "workers = 1; guard this with {% if workers > 1 %} or use max_workers | default(…)",
        ])
    }

    /// A partial reads the includer's scope: a name only some includers bind fails under the others.
    @Test func partialsReadingNamesOnlySomeIncludersBind() throws {
        let root = try Authoring.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Authoring.write([
            "svc/1.0.0/golden-path.yaml": """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata: {name: svc, version: 1.0.0}
                spec:
                  parameters:
                    - {name: name, required: true}
                  files: {exclude: ["_p/**"]}

                """,
            "svc/1.0.0/template/a.md": "{% for item in [name] %}{% include '_p/row.j2' %}{% endfor %}\n",
            "svc/1.0.0/template/b.md": "intro\n{% include '_p/row.j2' %}\n",
            "svc/1.0.0/template/_p/row.j2": "- {{ item }} {{ name }}\n",
            "svc/1.0.0/template/c.md": "{% for item in [name] %}{% include 'shown.md' %}{% endfor %}\n",
            "svc/1.0.0/template/shown.md": "{{ item }}\n",
        ], under: root)
        let report = try LintGoldenPath.run(root + "/svc", version: nil, catalog: Authoring.noCatalog)
        let template = root + "/svc/1.0.0/template/"
        #expect(report.findings.map(\.description) == [
            "\(template)_p/row.j2:1:6: 'item' is bound where \(template)a.md:1:25 includes this file, but the include at "
                + "\(template)b.md:2:1 does not: the render fails there",
            "\(template)shown.md:1:4: 'item' is bound where \(template)c.md:1:25 includes this file, but its own render as a "
                + "file of the service does not (exclude it with files.exclude): the render fails there",
        ])

        // And when it is rendered, the error names the include that got there.
        let service = root + "/out"
        let result = try Authoring.run(["new", "svc", "x", "--catalog", root, "--output", service, "--no-input"], in: root)
        #expect(result.status == 2)
        #expect(result.standardError.contains("_p/row.j2:1:6: 'item' is undefined; included from"), "\(result.standardError)")
        #expect(result.standardError.contains("b.md:2:1"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: service))
    }
}
