/// The keys of the built-in context entries (`defaults`, `cicd`, `golden_path`; docs/golden-paths.md),
/// so lint can tell `defaults.resources.request.cpu` is a typo before a render fails on it.
indirect enum ContextShape: Sendable {
    /// A value whose inside lint does not check (a string, a number, a list).
    case leaf
    case object([String: ContextShape])

    static let quantities: ContextShape = .object(["cpu": .leaf, "memory": .leaf])

    static let defaults: ContextShape = .object([
        "resources": .object(["requests": quantities, "limits": quantities]),
        "replicas": .leaf,
        "autoscaling": .object(["enabled": .leaf, "min_replicas": .leaf, "max_replicas": .leaf, "target_cpu": .leaf]),
    ])

    static let cicd: ContextShape = .object([
        "provider": .leaf, "stages": .leaf, "required_checks": .leaf, "coverage_threshold": .leaf, "coverage_operator": .leaf,
    ])

    static let goldenPath: ContextShape = .object(["name": .leaf, "version": .leaf, "created": .leaf, "language": .leaf])

    /// The first key of `path` this shape does not have, with its position and the keys it does have.
    func unknownKey(in path: [String]) -> (index: Int, known: [String])? {
        var shape = self
        for (i, key) in path.enumerated() {
            guard case .object(let keys) = shape else { return nil }
            guard let next = keys[key] else { return (i, keys.keys.sorted()) }
            shape = next
        }
        return nil
    }
}
