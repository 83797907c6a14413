import TemplateLanguage
import YAMLKit

/// A validated value together with where it was written.
public struct Sourced<T: Sendable>: Sendable {
    public var value: T
    public var source: ValueSource
    public var file: String
    public var mark: Mark
    /// The dotted key as written (`resources.memory` stays shorthand).
    public var keyPath: String
    /// The value as written, for messages.
    public var written: String
}

/// The platform defaults after layering and validation: resources as Kubernetes quantities, replica
/// counts and autoscaling, each remembering its layer.
public struct PlatformDefaults: Sendable {
    public var requestsCPU: Sourced<Quantity>?
    public var requestsMemory: Sourced<Quantity>?
    public var limitsCPU: Sourced<Quantity>?
    public var limitsMemory: Sourced<Quantity>?
    public var replicas: Sourced<Int>?
    public var autoscalingEnabled: Sourced<Bool>?
    public var minReplicas: Sourced<Int>?
    public var maxReplicas: Sourced<Int>?
    public var targetCPU: Sourced<Int>?

    /// HPA's own default target when a golden path enables autoscaling without one.
    public static let defaultTargetCPU = 80

    public var autoscaling: Bool { autoscalingEnabled?.value ?? false }

    /// Validates the winning setting of each key (settings are given lowest layer first). Without
    /// `crossChecks` only each value is checked (one layer alone, as in a manifest, may rely on others).
    init(settings: [PlatformSetting], crossChecks: Bool = true) throws(GoldenPathError) {
        var winner: [PlatformKey: PlatformSetting] = [:]
        for s in settings { winner[s.key] = s }
        requestsCPU = try winner[.requestsCPU].map(Self.cpu)
        limitsCPU = try winner[.limitsCPU].map(Self.cpu)
        requestsMemory = try winner[.requestsMemory].map(Self.memory)
        limitsMemory = try winner[.limitsMemory].map(Self.memory)
        replicas = try winner[.replicas].map { s throws(GoldenPathError) in try Self.integer(s, in: 1...10_000) }
        autoscalingEnabled = try winner[.autoscalingEnabled].map(Self.boolean)
        minReplicas = try winner[.minReplicas].map { s throws(GoldenPathError) in try Self.integer(s, in: 1...10_000) }
        maxReplicas = try winner[.maxReplicas].map { s throws(GoldenPathError) in try Self.integer(s, in: 1...10_000) }
        targetCPU = try winner[.targetCPU].map { s throws(GoldenPathError) in try Self.integer(s, in: 1...100) }
        guard crossChecks else { return }
        try checkLimits(requestsCPU, limitsCPU)
        try checkLimits(requestsMemory, limitsMemory)
        try checkAutoscaling()
    }

    private func checkLimits(_ request: Sourced<Quantity>?, _ limit: Sourced<Quantity>?) throws(GoldenPathError) {
        guard let request, let limit, limit.value < request.value else { return }
        throw Self.error(limit, "the limit is below the request \(request.value) (`\(request.keyPath)` \(request.source))")
    }

    private func checkAutoscaling() throws(GoldenPathError) {
        if let minReplicas, let maxReplicas, minReplicas.value > maxReplicas.value {
            throw Self.error(maxReplicas, "max_replicas must be at least min_replicas (\(minReplicas.value), \(minReplicas.source))")
        }
        guard let enabled = autoscalingEnabled, enabled.value else { return }
        if maxReplicas == nil {
            throw Self.error(enabled, "autoscaling is enabled but autoscaling.max_replicas is not set")
        }
        if requestsCPU == nil {
            throw Self.error(enabled, "autoscaling is enabled but resources.requests.cpu is not set; a HorizontalPodAutoscaler scales on CPU utilisation of the request and does nothing without one")
        }
    }

    /// The `defaults` entry of the render context.
    public var contextValue: Value {
        var requests = ValueDict()
        if let requestsCPU { requests["cpu"] = .string(requestsCPU.value.description) }
        if let requestsMemory { requests["memory"] = .string(requestsMemory.value.description) }
        var limits = ValueDict()
        if let limitsCPU { limits["cpu"] = .string(limitsCPU.value.description) }
        if let limitsMemory { limits["memory"] = .string(limitsMemory.value.description) }
        var dict = ValueDict()
        dict["resources"] = .dict([("requests", .dict(requests)), ("limits", .dict(limits))])
        if let replicas { dict["replicas"] = .int(replicas.value) }
        var scaling = ValueDict()
        scaling["enabled"] = .bool(autoscaling)
        if autoscaling {
            scaling["min_replicas"] = .int(minReplicas?.value ?? 1)
            if let maxReplicas { scaling["max_replicas"] = .int(maxReplicas.value) }
            scaling["target_cpu"] = .int(targetCPU?.value ?? Self.defaultTargetCPU)
        }
        dict["autoscaling"] = .dict(scaling)
        return .dict(dict)
    }

    // MARK: - Per-key validation

    private static func text(_ s: PlatformSetting) throws(GoldenPathError) -> String {
        guard let scalar = s.node.scalar, scalar.resolved != .null else {
            throw error(s, "expected a single value, got \(s.node.kindDescription)")
        }
        if case .bool = scalar.resolved, scalar.style == .plain, !isFromText(s) {
            throw error(s, "expected a quantity, got \(s.node.kindDescription)")
        }
        return scalar.value
    }

    private static func quantity(_ s: PlatformSetting) throws(GoldenPathError) -> Quantity {
        do {
            let q = try Quantity(parsing: try text(s))
            if q.isNegative { throw ValueProblem("must not be negative") }
            return q
        } catch let problem as ValueProblem {
            throw error(s, problem.message)
        } catch let e as GoldenPathError {
            throw e
        } catch {
            throw Self.error(s, "\(error)")
        }
    }

    private static func cpu(_ s: PlatformSetting) throws(GoldenPathError) -> Sourced<Quantity> {
        let q = try quantity(s)
        guard q.milliValue != nil else {
            throw error(s, "CPU cannot be finer than 1m (a thousandth of a core)")
        }
        return sourced(s, q)
    }

    private static func memory(_ s: PlatformSetting) throws(GoldenPathError) -> Sourced<Quantity> {
        let q = try quantity(s)
        if q.writtenSuffix == "m" {
            let bytes = q.milliValue.map { Parameter.number(Double($0) / 1000) } ?? "a fraction of a"
            throw error(s, "memory takes binary suffixes like \(s.written.dropLast())Mi; \(s.written) means \(bytes) bytes")
        }
        guard q.isWhole else { throw error(s, "memory must be a whole number of bytes (use suffixes like 512Mi or 1Gi)") }
        return sourced(s, q)
    }

    private static func integer(_ s: PlatformSetting, in range: ClosedRange<Int>) throws(GoldenPathError) -> Sourced<Int> {
        let resolved = isFromText(s) ? CoreSchema.resolvePlain(s.written) : s.node.scalar?.resolved
        guard case .int(let i)? = resolved else { throw error(s, "expected an integer, got \(s.node.kindDescription)") }
        guard range.contains(i) else {
            throw error(s, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return sourced(s, i)
    }

    private static func boolean(_ s: PlatformSetting) throws(GoldenPathError) -> Sourced<Bool> {
        guard case .bool(let b)? = s.node.scalar?.resolved else { throw error(s, "expected true or false, got \(s.node.kindDescription)") }
        return sourced(s, b)
    }

    private static func isFromText(_ s: PlatformSetting) -> Bool {
        if case .set = s.source { return true }
        return false
    }

    private static func sourced<T>(_ s: PlatformSetting, _ v: T) -> Sourced<T> {
        Sourced(value: v, source: s.source, file: s.file, mark: s.node.mark, keyPath: s.writtenPath, written: s.written)
    }

    private static func error(_ s: PlatformSetting, _ message: String) -> GoldenPathError {
        GoldenPathError(file: s.file, mark: s.node.mark, keyPath: s.writtenPath, message: message, value: s.written, source: s.source)
    }

    private static func error<T>(_ s: Sourced<T>, _ message: String) -> GoldenPathError {
        GoldenPathError(file: s.file, mark: s.mark, keyPath: s.keyPath, message: message, value: s.written, source: s.source)
    }
}

extension PlatformSetting {
    /// The value as written, for messages.
    var written: String { node.scalar?.value ?? node.kindDescription }
}
