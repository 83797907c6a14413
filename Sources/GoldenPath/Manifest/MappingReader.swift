import YAMLKit

/// Reads one YAML mapping strictly: every key must be known (else "did you mean"), required keys
/// must be present, and each typed accessor names the file, position and key path on a type mismatch.
struct MappingReader {
    let node: YAMLNode
    let file: String
    let path: String
    private let byKey: [String: YAMLPair]

    init(_ node: YAMLNode, file: String, path: String, allowed: [String], required: [String] = []) throws(GoldenPathError) {
        self.node = node
        self.file = file
        self.path = path
        guard let pairs = node.mapping else {
            throw GoldenPathError(file: file, mark: node.mark, keyPath: path, message: "expected a mapping, got \(node.kindDescription)")
        }
        var byKey: [String: YAMLPair] = [:]
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            guard allowed.contains(key) else {
                throw GoldenPathError(file: file, mark: pair.key.mark, keyPath: Self.join(path, key),
                                      message: DidYouMean.unknownMessage("key", key, among: allowed))
            }
            byKey[key] = pair
        }
        self.byKey = byKey
        for key in required where byKey[key] == nil || byKey[key]?.value.scalar?.resolved == .null {
            throw GoldenPathError(file: file, mark: node.mark, keyPath: path.isEmpty ? key : path,
                                  message: "missing required key '\(key)'")
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func keyPath(_ key: String) -> String { Self.join(path, key) }

    /// The value node under `key`, nil when absent or null.
    func value(_ key: String) -> YAMLNode? {
        guard let v = byKey[key]?.value else { return nil }
        return v.scalar?.resolved == .null ? nil : v
    }

    func error(_ key: String, _ message: String, at node: YAMLNode? = nil) -> GoldenPathError {
        GoldenPathError(file: file, mark: (node ?? value(key) ?? self.node).mark, keyPath: keyPath(key), message: message)
    }

    /// A string written as a string (`version: 1.0` is a number and rejected).
    func string(_ key: String) throws(GoldenPathError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.scalar, case .string(let text) = s.resolved else {
            throw error(key, "expected a string, got \(v.kindDescription)")
        }
        return text
    }

    /// Free text: any scalar's text (`description: 2024 rewrite` and `owner: 42` are fine).
    func text(_ key: String) throws(GoldenPathError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.scalar else { throw error(key, "expected text, got \(v.kindDescription)") }
        return s.value
    }

    func bool(_ key: String) throws(GoldenPathError) -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b)? = v.scalar?.resolved else {
            throw error(key, "expected true or false, got \(v.kindDescription)")
        }
        return b
    }

    func int(_ key: String) throws(GoldenPathError) -> Int? {
        guard let v = value(key) else { return nil }
        guard case .int(let i)? = v.scalar?.resolved else {
            throw error(key, "expected an integer, got \(v.kindDescription)")
        }
        return i
    }

    func number(_ key: String) throws(GoldenPathError) -> Double? {
        guard let v = value(key) else { return nil }
        switch v.scalar?.resolved {
        case .int(let i)?: return Double(i)
        case .float(let d)? where d.isFinite: return d
        default: throw error(key, "expected a number, got \(v.kindDescription)")
        }
    }

    /// A list of strings; `[go, http]`.
    func stringList(_ key: String) throws(GoldenPathError) -> [String]? {
        guard let v = value(key) else { return nil }
        guard let items = v.sequence else { throw error(key, "expected a list of strings, got \(v.kindDescription)") }
        var result: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.scalar, case .string(let text) = s.resolved else {
                throw GoldenPathError(file: file, mark: item.mark, keyPath: "\(keyPath(key))[\(i)]",
                                      message: "expected a string, got \(item.kindDescription)")
            }
            result.append(text)
        }
        return result
    }

    /// An ordered string-to-string map, values taken as text (`{tier: backend, level: 2}`).
    func stringMap(_ key: String) throws(GoldenPathError) -> [(key: String, value: String)]? {
        guard let v = value(key) else { return nil }
        guard let pairs = v.mapping else { throw error(key, "expected a mapping, got \(v.kindDescription)") }
        var result: [(key: String, value: String)] = []
        for pair in pairs {
            let k = pair.key.scalar?.value ?? ""
            guard let s = pair.value.scalar, s.resolved != .null else {
                throw GoldenPathError(file: file, mark: pair.value.mark, keyPath: "\(keyPath(key)).\(k)",
                                      message: "expected a string, got \(pair.value.kindDescription)")
            }
            result.append((k, s.value))
        }
        return result
    }
}
