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
