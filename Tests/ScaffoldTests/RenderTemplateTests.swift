import Foundation
import Scaffold
import TemplateLanguage
import TestSupport
import Testing

/// `scaffold render`'s includes stay in the template's folder, links followed.
@Suite struct RenderTemplateTests {
    @Test func includesNeverServeAFileOutsideTheFolder() throws {
        let folder = try Isolation.temporaryDirectory("render-include")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "inside\n".write(toFile: folder + "/part.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/alias.txt", withDestinationPath: "part.txt")
        try FileManager.default.createSymbolicLink(atPath: folder + "/pw", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: folder + "/up", withDestinationPath: "..")
        let render = { (source: String) -> Result<String, ScaffoldError> in
            let template = folder + "/t.j2"
            try? source.write(toFile: template, atomically: true, encoding: .utf8)
            return Result { () throws(ScaffoldError) in
                String(decoding: try RenderTemplate.run(template: template, values: ValueArguments(), options: TemplateOptions()),
                       as: UTF8.self)
            }
        }
        #expect(try render("{% include 'alias.txt' %}").get() == "inside\n", "a link inside the folder is followed")
        for escape in ["pw", "up/etc/passwd", "/etc/passwd", "../etc/passwd"] {
            guard case .failure(let error) = render("{% include '\(escape)' %}") else {
                Issue.record("\(escape) was served")
                continue
            }
            #expect(error.message.contains("not found"), "\(escape): \(error)")
        }
    }
}

/// `scaffold render FILE --golden-path GP[@V]`: one file rendered as that golden path's would be.
@Suite struct RenderAsGoldenPathTests {
    @Test func rendersWithTheGoldenPathsValuesAndChecksThem() throws {
        let dir = try Authoring.temporaryFolder(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let catalog = Authoring.shippedCatalog.catalog.root
        let readme = catalog + "/go-microservice/2.0.0/template/README.md"
        var result = try Authoring.run(["render", readme, "--golden-path", "go-microservice@2.0.0", "--catalog", catalog, "--set", "name=payments"], in: dir)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("# payments\n"))
        // An author's scratch file sees the render context: platform values, golden_path.
        try "{{ defaults.replicas }} {{ name }} {{ golden_path.name }} {{ golden_path.version }}\n".write(
            toFile: dir + "/scratch.j2", atomically: true, encoding: .utf8)
        result = try Authoring.run(["render", dir + "/scratch.j2", "--golden-path", "go-microservice", "--catalog", catalog, "--set", "replicas=4"], in: dir)
        #expect(result.standardOutput == "4 example go-microservice 2.0.0\n", "\(result.standardError)")
        result = try Authoring.run(["render", dir + "/scratch.j2", "--golden-path", "go-microservice", "--catalog", catalog, "--set", "port=1"], in: dir)
        #expect(result.status == 2)
        #expect(result.standardError.contains("--set:1:6"), "\(result.standardError)")
    }
}
