import Foundation

/// One file of a test template.
enum TemplateFile: Equatable {
    case text(String)
    case executable(String)
    case binary([UInt8])
    /// A link whose target is the string (relative, inside the template).
    case symlink(String)
}

/// One version of the test golden path `demo`: its files and manifest additions.
struct TemplateVersion {
    var files: [String: TemplateFile]
    /// YAML list items appended after the required `name` parameter.
    var parameters = ""
    /// YAML list items of `spec.migrations`.
    var migrations = ""
    var changelog: String?
}

/// A catalog with the golden path `demo` in a temporary folder, versions written as given.
struct TestCatalog {
    static let goldenPath = "demo"
    let root: String

    init(_ versions: [String: TemplateVersion], changelog: String? = nil, in folder: String) throws {
        root = folder + "/catalog"
        let fm = FileManager.default
        for (version, content) in versions {
            let dir = "\(root)/\(Self.goldenPath)/\(version)"
            try fm.createDirectory(atPath: dir + "/template", withIntermediateDirectories: true)
            var manifest = """
                apiVersion: scaffold/v1
                kind: GoldenPath
                metadata:
                  name: \(Self.goldenPath)
                  version: \(version)

                """
            if let inline = content.changelog { manifest += "  changelog: \"\(inline)\"\n" }
            manifest += """
                spec:
                  parameters:
                    - name: name
                      type: string
                      required: true

                """
            manifest += content.parameters
            if !content.migrations.isEmpty { manifest += "  migrations:\n" + content.migrations }
            try manifest.write(toFile: dir + "/golden-path.yaml", atomically: true, encoding: .utf8)
            for (path, file) in content.files {
                try Self.write(file, to: dir + "/template/" + path)
            }
        }
        if let changelog {
            try changelog.write(toFile: "\(root)/\(Self.goldenPath)/CHANGELOG.md", atomically: true, encoding: .utf8)
        }
    }

    static func write(_ file: TemplateFile, to path: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? fm.removeItem(atPath: path)
        switch file {
        case .text(let text):
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        case .executable(let text):
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        case .binary(let bytes):
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        case .symlink(let target):
            try fm.createSymbolicLink(atPath: path, withDestinationPath: target)
        }
    }
}

/// Ten numbered lines, the usual material for line-level merges.
func numberedLines(_ count: Int = 10, prefix: String = "line") -> String {
    (1...count).map { "\(prefix) \($0)\n" }.joined()
}

func replacing(_ text: String, _ old: String, _ new: String) -> String {
    text.replacingOccurrences(of: old, with: new)
}
