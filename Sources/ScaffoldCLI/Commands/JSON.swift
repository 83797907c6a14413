import Foundation

/// A JSON value with deterministic output: keys sorted, so `--json` output diffs cleanly.
enum JSON: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([String: JSON])


    static func encode(_ object: [String: JSON]) -> String { JSON.object(object).text }

    var text: String { text(indent: "") }

    /// The value as it reads nested at `indent` (its first line not indented): for reports
    /// written a piece at a time.
    func text(indent: String) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): out += Self.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += indent + "  "
                item.write(to: &out, indent: indent + "  ")
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = fields.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += indent + "  " + Self.quote(key) + ": "
                fields[key]!.write(to: &out, indent: indent + "  ")
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

enum Paths {
    /// `./payments` rather than `/home/me/src/payments` when the path is under the current folder.
    static func relativeToCurrent(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if path == cwd { return "." }
        if path.hasPrefix(cwd + "/") { return "./" + path.dropFirst(cwd.count + 1) }
        return path
    }

    /// A service as fleet tables name it: its clone URL (and folder) for a repository listed by
    /// URL, else its path from here.
    static func service(at path: String, url: String?, folder: String) -> String {
        url.map { folder.isEmpty ? $0 : $0 + " " + folder } ?? relativeToCurrent(path)
    }
}
