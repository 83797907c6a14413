import YAMLKit

/// The platform default keys a golden path, `platform.yaml`, a values file or `--set` may set,
/// as dotted paths. `resources.cpu` and `resources.memory` are shorthand for the requests.
public enum PlatformKey: String, Sendable, CaseIterable {
    case requestsCPU = "resources.requests.cpu"
    case requestsMemory = "resources.requests.memory"
    case limitsCPU = "resources.limits.cpu"
    case limitsMemory = "resources.limits.memory"
    case replicas
    case autoscalingEnabled = "autoscaling.enabled"
    case minReplicas = "autoscaling.min_replicas"
    case maxReplicas = "autoscaling.max_replicas"
    case targetCPU = "autoscaling.target_cpu"

    /// Top-level names that belong to platform defaults (not parameters).
    static let roots = ["resources", "replicas", "autoscaling"]

    /// The key for a dotted path, applying the requests shorthand.
    init?(path: String) {
        switch path {
        case "resources.cpu": self = .requestsCPU
        case "resources.memory": self = .requestsMemory
        default: self.init(rawValue: path)
        }
    }

    /// Every accepted dotted path, shorthand included, for "did you mean".
    static var allPaths: [String] { allCases.map(\.rawValue) + ["resources.cpu", "resources.memory"] }

    /// The keys allowed directly under `prefix` (empty prefix: the roots).
    static func children(of prefix: String) -> [String] {
        let start = prefix.isEmpty ? "" : prefix + "."
        var names: [String] = []
        for path in allPaths where path.hasPrefix(start) {
            let next = String(path.dropFirst(start.count).prefix { $0 != "." })
            if !names.contains(next) { names.append(next) }
        }
        return names
    }
}

/// One platform default as written in some layer, before validation.
struct PlatformSetting {
    var key: PlatformKey
    /// As written: a YAML scalar; `--set` values are plain scalars and read as text.
    var node: YAMLNode
    var source: ValueSource
    var file: String
    /// The dotted path as the user wrote it (shorthand kept), for messages.
    var writtenPath: String
}

enum PlatformSettings {
    /// The platform settings in a mapping of platform keys (a `defaults:` block, or the platform part of
    /// a values file), rejecting unknown keys with a suggestion.
    static func flatten(_ node: YAMLNode, prefix: String, file: String, source: (YAMLNode) -> ValueSource) throws(GoldenPathError) -> [PlatformSetting] {
        let allowed = PlatformKey.children(of: prefix)
        if let key = PlatformKey(path: prefix), allowed.isEmpty {
            guard node.scalar != nil else {
                throw GoldenPathError(file: file, mark: node.mark, keyPath: prefix, message: "expected a single value, got \(node.kindDescription)")
            }
            return [PlatformSetting(key: key, node: node, source: source(node), file: file, writtenPath: prefix)]
        }
        guard let pairs = node.mapping else {
            if node.scalar?.resolved == .null { return [] }
            throw GoldenPathError(file: file, mark: node.mark, keyPath: prefix,
                                  message: "expected a mapping with \(allowed.map { "'\($0)'" }.joined(separator: ", ")), got \(node.kindDescription)")
        }
        var settings: [PlatformSetting] = []
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            guard allowed.contains(name) else {
                throw GoldenPathError(file: file, mark: pair.key.mark, keyPath: path,
                                      message: DidYouMean.unknownMessage("key", name, among: allowed))
            }
            if pair.value.scalar?.resolved == .null { continue }
            settings += try flatten(pair.value, prefix: path, file: file, source: source)
        }
        return settings
    }
}
