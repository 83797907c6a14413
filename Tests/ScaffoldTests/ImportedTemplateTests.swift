import Foundation
import TestSupport
import Testing
import GoldenPath

/// cookiecutter templates in the catalog and used directly, through the built binary, with the git
/// CLI as the oracle. (Tests/Imported/differential.py compares the trees with cookiecutter's own.)
@Suite struct ImportedTemplateTests {
    static let fixture = packageRoot.appendingPathComponent("Tests/Imported/cookiecutter/service").path
    static let author = ["GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com",
                         "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com"]

    /// A catalog with the fixture as `svc` 1.0.0 and 1.1.0, 1.1.0 adding a footer line.
    static func catalog(in folder: String) throws -> String {
        let root = folder + "/catalog"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/svc", withIntermediateDirectories: true)
        for version in ["1.0.0", "1.1.0"] { try fm.copyItem(atPath: fixture, toPath: root + "/svc/" + version) }
        let footer = root + "/svc/1.1.0/{{cookiecutter.project_slug}}/partials/footer.md"
        try (String(contentsOfFile: footer, encoding: .utf8) + "new in 1.1.0\n").write(toFile: footer, atomically: true, encoding: .utf8)
        for version in ["1.0.0", "1.1.0"] {
            try "id {{ uuid4() }} {{ random_ascii_string(20) }}\n".write(
                toFile: root + "/svc/\(version)/{{cookiecutter.project_slug}}/ids.txt", atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func upgradesKeepTheTeamsEditsAndTheRecordedRandomValues() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = try Self.catalog(in: dir)
        let made = try Authoring.run(["new", "svc", "--catalog", catalog, "--version", "1.0.0", "--no-input", "--set", "project_name=Orders API"],
                                     in: dir, environment: Self.author)
        #expect(made.status == 0, "\(made.standardError)")
        let service = dir + "/orders-api"  // named by the template's project folder
        #expect(try gitOutput(["status", "--porcelain"], in: service) == "")
        let ids = try String(contentsOfFile: service + "/ids.txt", encoding: .utf8)
        #expect(ids.count == "id ".count + 36 + 1 + 20 + 1)

        try "team note\n".write(toFile: service + "/NOTES.md", atomically: true, encoding: .utf8)
        let readme = try String(contentsOfFile: service + "/README.md", encoding: .utf8)
        try ("Edited by the team\n" + readme).write(toFile: service + "/README.md", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: service)
        try git(["commit", "-qm", "team edits"], in: service)

        let upgraded = try Authoring.run(["upgrade", "--catalog", catalog, "--to", "1.1.0", "--no-input", "--in-place"], in: service,
                                         environment: Self.author)
        #expect(upgraded.status == 0, "\(upgraded.standardError)")
        #expect(try String(contentsOfFile: service + "/partials/footer.md", encoding: .utf8).hasSuffix("new in 1.1.0\n"))
        #expect(try String(contentsOfFile: service + "/README.md", encoding: .utf8).hasPrefix("Edited by the team\n# Orders API\n"))
        #expect(FileManager.default.fileExists(atPath: service + "/NOTES.md"))
        // The old version re-rendered with the recorded seed gives the same values: no change, no conflict.
        #expect(try String(contentsOfFile: service + "/ids.txt", encoding: .utf8) == ids)
        #expect(try gitOutput(["status", "--porcelain"], in: service) == "")
        #expect(try gitOutput(["diff", "--name-only", "HEAD~1", "HEAD"], in: service).split(separator: "\n").sorted()
                == [".scaffold.yaml", "README.md", "partials/footer.md"])
        try git(["fsck", "--strict"], in: service)
    }

    /// A catalog entry that is a template's git repository: its version tags are its versions.
    @Test func aCatalogEntryMayBeATemplateRepository() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let repository = dir + "/catalog/svc"
        try FileManager.default.createDirectory(atPath: dir + "/catalog", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: repository)
        try git(["init", "-q", "-b", "main"], in: repository)
        try git(["add", "-A"], in: repository)
        try git(["commit", "-qm", "1.0.0"], in: repository)
        try git(["tag", "v1.0.0"], in: repository)
        let footer = repository + "/{{cookiecutter.project_slug}}/partials/footer.md"
        try (String(contentsOfFile: footer, encoding: .utf8) + "new in 1.1.0\n").write(toFile: footer, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", "1.1.0"], in: repository)
        try git(["tag", "1.1.0"], in: repository)
        try git(["tag", "not-a-version"], in: repository)
        let environment = Self.author.merging(["XDG_CACHE_HOME": dir + "/cache"]) { $1 }

        let listed = try Authoring.run(["list", "--catalog", dir + "/catalog"], in: dir, environment: environment)
        #expect(listed.standardOutput.contains("svc") && listed.standardOutput.contains("1.1.0, 1.0.0"), "\(listed.standardOutput)\(listed.standardError)")
        let made = try Authoring.run(["new", "svc", "--catalog", dir + "/catalog", "--version", "1.0.0", "--no-input"], in: dir, environment: environment)
        #expect(made.status == 0, "\(made.standardError)")
        let service = dir + "/payments-service"
        #expect(!(try String(contentsOfFile: service + "/partials/footer.md", encoding: .utf8)).contains("new in 1.1.0"))
        let upgraded = try Authoring.run(["upgrade", "--catalog", dir + "/catalog", "--in-place", "--no-input"], in: service, environment: environment)
        #expect(upgraded.status == 0, "\(upgraded.standardError)")
        #expect(try String(contentsOfFile: service + "/partials/footer.md", encoding: .utf8).hasSuffix("new in 1.1.0\n"))
        #expect(try gitOutput(["status", "--porcelain"], in: service) == "")

        // The same repository by URL: cloned into the workspace cache, no catalog involved.
        let byURL = try Authoring.run(["new", "file://" + repository, "--version", "1.0.0", "--no-input", "--output", "by-url"], in: dir,
                                      environment: environment.merging(["SCAFFOLD_CATALOG": dir + "/missing"]) { $1 })
        #expect(byURL.status == 0, "\(byURL.standardError)")
        #expect(try String(contentsOfFile: dir + "/by-url/README.md", encoding: .utf8) == (try git(["show", "HEAD~1:README.md"], in: service)))
    }

    @Test func aTemplateFolderNeedsNoCatalog() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let made = try Authoring.run(["new", Self.fixture, "--no-input", "--no-git", "--set", "project_name=Straße Œuvre"], in: dir,
                                     environment: ["SCAFFOLD_CATALOG": dir + "/none"])
        #expect(made.status == 0, "\(made.standardError)")
        let readme = try String(contentsOfFile: dir + "/strasse-oeuvre/README.md", encoding: .utf8)
        #expect(readme.hasPrefix("# Straße Œuvre\n\nSlug: strasse-oeuvre / strasse_oeuvre\n"))
        #expect(FileManager.default.isExecutableFile(atPath: dir + "/strasse-oeuvre/run.sh"))
        #expect(try String(contentsOfFile: dir + "/strasse-oeuvre/static/page.html", encoding: .utf8) == "{{ left as it is }}\n")

        let again = try Authoring.run(["new", Self.fixture, "--no-input", "--no-git", "--set", "project_name=Straße Œuvre"], in: dir)
        #expect(again.status == 2)
        #expect(again.standardError.contains("strasse-oeuvre"))
    }

    /// A cookiecutter replay file works as a values file: its variables, without the `_` entries.
    @Test func takesAReplayFileAsValues() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try Authoring.write(["replay.json": """
            {"cookiecutter": {"project_name": "Replayed", "project_slug": "replayed-svc", "license": "Apache-2.0",
             "_template": "/elsewhere", "_output_dir": "/tmp", "_copy_without_render": []},
             "_cookiecutter": {"project_name": "x"}}
            """], under: dir)
        let made = try Authoring.run(["new", Self.fixture, "--no-input", "--no-git", "--values", dir + "/replay.json"], in: dir)
        #expect(made.status == 0, "\(made.standardError)")
        let readme = try String(contentsOfFile: dir + "/replayed-svc/README.md", encoding: .utf8)
        #expect(readme.hasPrefix("# Replayed\n") && readme.contains("License: Apache-2.0\n"))
        #expect(try String(contentsOfFile: dir + "/replayed-svc/static/page.html", encoding: .utf8) == "{{ left as it is }}\n")
    }

    @Test func aNativeGoldenPathStillNeedsAName() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try Authoring.run(["new", "go-microservice", "--catalog", Authoring.shippedCatalog.catalog.root, "--no-input"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("missing argument NAME: golden path 'go-microservice'"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// Hooks run only with --trust, at `new` and at both renders of an upgrade, and what they
    /// leave is the pristine render the merge starts from.
    @Test func hooksRunOnlyWithTrustAndTheirTreeIsMerged() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let hooked = packageRoot.appendingPathComponent("Tests/Imported/cookiecutter/hooked").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/catalog/tool", withIntermediateDirectories: true)
        for version in ["1.0.0", "1.1.0"] { try fm.copyItem(atPath: hooked, toPath: dir + "/catalog/tool/" + version) }
        let hook = dir + "/catalog/tool/1.1.0/hooks/post_gen_project.sh"
        try (String(contentsOfFile: hook, encoding: .utf8) + "echo 'added by the 1.1.0 hook' >> GENERATED.txt\n")
            .write(toFile: hook, atomically: true, encoding: .utf8)

        let refused = try Authoring.run(["new", "tool", "--catalog", dir + "/catalog", "--version", "1.0.0", "--no-input"], in: dir, environment: Self.author)
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("only with --trust"), "\(refused.standardError)")
        #expect(!fm.fileExists(atPath: dir + "/hooked-tool"))

        let made = try Authoring.run(["new", "tool", "--catalog", dir + "/catalog", "--version", "1.0.0", "--no-input", "--trust"], in: dir,
                                     environment: Self.author)
        #expect(made.status == 0, "\(made.standardError)")
        let service = dir + "/hooked-tool"
        #expect(!fm.fileExists(atPath: service + "/REMOVE_ME.txt"))
        #expect(fm.isExecutableFile(atPath: service + "/tool.sh"))
        #expect(try gitOutput(["status", "--porcelain"], in: service) == "")
        try "Team notes\n".write(toFile: service + "/NOTES.md", atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: service)
        try git(["commit", "-qm", "notes"], in: service)

        let untrusted = try Authoring.run(["upgrade", "--catalog", dir + "/catalog", "--to", "1.1.0", "--in-place"], in: service, environment: Self.author)
        #expect(untrusted.status == 2, "\(untrusted.standardError)")
        let upgraded = try Authoring.run(["upgrade", "--catalog", dir + "/catalog", "--to", "1.1.0", "--in-place", "--trust"], in: service,
                                         environment: Self.author)
        #expect(upgraded.status == 0, "\(upgraded.standardError)")
        #expect(try String(contentsOfFile: service + "/GENERATED.txt", encoding: .utf8).hasSuffix("added by the 1.1.0 hook\n"))
        // The hooks' own files (PRE_GEN.txt, GENERATED.txt) are in both renders: only the change merges.
        #expect(try gitOutput(["diff", "--name-only", "HEAD~1", "HEAD"], in: service).split(separator: "\n").sorted()
                == [".scaffold.yaml", "GENERATED.txt"])
        #expect(fm.fileExists(atPath: service + "/NOTES.md") && !fm.fileExists(atPath: service + "/REMOVE_ME.txt"))
    }

    /// What scaffold does not run is refused before anything is written, at its place.
    @Test func refusesTemplateCodeItDoesNotRun() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let template = dir + "/tpl"
        try Authoring.write([
            "cookiecutter.json": "{\n  \"name\": \"x\",\n  \"_extensions\": [\"local_extensions.Shout\"]\n}\n",
            "{{cookiecutter.name}}/a.txt": "{{ cookiecutter.name|shout }}\n",
        ], under: template)
        var result = try Authoring.run(["new", template, "--no-input", "--no-git"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("tpl/cookiecutter.json:3:19: _extensions: extension 'local_extensions.Shout' is Python code"),
                "\(result.standardError)")

        try Authoring.write(["cookiecutter.json": "{\"name\": \"x\"}\n", "hooks/post_gen_project.py": "open('ran', 'w')\n",
                             "{{cookiecutter.name}}/a.txt": "{{ cookiecutter.name }}\n"], under: template)
        result = try Authoring.run(["new", template, "--no-input", "--no-git"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("(hooks/post_gen_project.py); scaffold runs template code only with --trust"), "\(result.standardError)")

        try Authoring.write(["hooks/pre_prompt.py": "import os\n"], under: template)
        result = try Authoring.run(["new", template, "--no-input", "--no-git", "--trust"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("hooks/pre_prompt.py"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["tpl"])
    }

    /// cookiecutter.json is JSON: what only YAML would accept is an error where JSON stops.
    @Test func cookiecutterJSONMustBeJSON() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try Authoring.write(["tpl/cookiecutter.json": "{\n  \"n\": \"x\",\n  \"bad\": \n}\n", "tpl/{{cookiecutter.n}}/a.txt": "hi\n"], under: dir)
        let result = try Authoring.run(["new", dir + "/tpl", "--no-input", "--no-git"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("tpl/cookiecutter.json:4:1: not valid JSON, as cookiecutter requires"), "\(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["tpl"])
    }

    @Test func badAnswersAreErrorsAtTheirPlace() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        var result = try Authoring.run(["new", Self.fixture, "--no-input", "--no-git", "--set", "use_docker=maybe"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("'maybe' could not be converted to a boolean"), "\(result.standardError)")
        result = try Authoring.run(["new", Self.fixture, "--no-input", "--no-git", "--set", "license=GPL"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("GPL"), "\(result.standardError)")
        result = try Authoring.run(["new", Self.fixture, "--no-input", "--no-git", "--set", "licence=MIT"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("license"), "did you mean: \(result.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}

/// The prompts of imported templates, with a scripted prompter: each tool's order, defaults that
/// follow earlier answers, Enter for the default, choices by number, re-asking after a bad answer.
@Suite struct ImportedTemplatePromptTests {
    static let copier = packageRoot.appendingPathComponent("Tests/Imported/copier/webapp").path

    final class Script: @unchecked Sendable {
        var answers: [String: [String]]
        var asked: [String] = []
        var problems: [String] = []
        init(_ answers: [String: [String]]) { self.answers = answers }
        func prompter(_ request: PromptRequest) -> String? {
            asked.append(request.parameter.name)
            if let problem = request.problem { problems.append(problem.message) }
            guard var queue = answers[request.parameter.name], !queue.isEmpty else { return "" }
            let next = queue.removeFirst()
            answers[request.parameter.name] = queue
            return next
        }
    }

    @Test func cookiecutterAsksEveryVariableInOrder() throws {
        let template = try LoadedGoldenPath(templateFolder: ImportedTemplateTests.fixture)
        let script = Script(["project_name": ["Zoë's App"], "license": ["4", "2"], "use_docker": ["perhaps", "n"]])
        let render = try template.render(inputs: ValueInputs(), source: "t", created: "2026-12-01", prompt: script.prompter)
        #expect(script.asked == ["project_name", "project_slug", "package_name", "author", "version", "ratio",
                                 "license", "license", "use_docker", "use_docker"])
        #expect(script.problems.count == 2)
        let readme = String(decoding: try #require(render.tree["README.md"]).bytes, as: UTF8.self)
        #expect(readme.hasPrefix("# Zoë's App\n\nSlug: zoe-s-app / zoe_s_app\n"))
        #expect(readme.contains("License: Apache-2.0\nDocker: no (False)"))
        #expect(render.projectFolder == "zoe-s-app")
        #expect(render.answers.answers["project_name"]?.scalar?.value == "Zoë's App")
        #expect(render.answers.defaults["project_slug"]?.scalar?.value == "zoe-s-app")
    }

    @Test func copierSkipsWhenFalseAndKeepsSecretsOut() throws {
        let template = try LoadedGoldenPath(templateFolder: Self.copier)
        let script = Script(["project_name": ["Prompted App"], "port": ["abc", "7000"], "database": ["3"],
                             "features": ["admin, auth"], "api_token": ["hunter2"]])
        let render = try template.render(inputs: ValueInputs(), source: "t", created: "2026-12-01", prompt: script.prompter)
        // `db_name` is not asked: its `when` is false once the database is none.
        #expect(!script.asked.contains("db_name"))
        #expect(script.asked.filter { $0 == "port" }.count == 2)
        let readme = String(decoding: try #require(render.tree["README.md"]).bytes, as: UTF8.self)
        #expect(readme.contains("# Prompted App (prompted-app)\n"))
        #expect(readme.contains("Port 7000 ratio 0.25"))
        #expect(!readme.contains("Database:"))
        #expect(readme.contains("Features: auth, admin [\"auth\", \"admin\"]"))  // in the choices' order
        #expect(readme.contains("Token length: 7"))
        let answers = String(decoding: try #require(render.tree[".copier-answers.yml"]).bytes, as: UTF8.self)
        #expect(!answers.contains("hunter2") && !answers.contains("api_token") && !answers.contains("db_name"))
        #expect(render.tree["migrations/001.sql"] == nil)
        let recorded = try render.answers.serialized()
        #expect(!recorded.contains("hunter2"))
    }
}
