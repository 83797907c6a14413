/// One of N stable slices of a fleet (`--shard I/N`, I from 1 to N). A service belongs to the slice
/// chosen by a stable hash of its relative path, so adding or removing a repository never moves the
/// others from one CI job to another.
public struct FleetShard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    /// The environment variable `--shard auto` reads the number of slices from. Kubernetes exposes
    /// the index of an Indexed Job's pod (`JOB_COMPLETION_INDEX`, 0-based) but not the completion
    /// count, so the Job sets this to its `completions`.
    public static let countVariable = "SCAFFOLD_SHARDS"
    public static let indexVariable = "JOB_COMPLETION_INDEX"

    public init(index: Int, count: Int) throws(ScaffoldError) {
        guard count >= 1, (1...count).contains(index) else {
            throw ScaffoldError(message: "expected I/N with 1 <= I <= N, got \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, or `auto`: `JOB_COMPLETION_INDEX` (0-based) and `SCAFFOLD_SHARDS` from the environment.
    public static func parse(_ text: String, environment: [String: String]) throws(ScaffoldError) -> FleetShard {
        if text == "auto" {
            guard let indexText = environment[indexVariable], let zeroBased = Int(indexText), zeroBased >= 0 else {
                throw ScaffoldError(message: "'auto' needs \(indexVariable) set to a number from 0 (as a Kubernetes Indexed Job sets it)")
            }
            guard let countText = environment[countVariable], let count = Int(countText), count >= 1 else {
                throw ScaffoldError(message: "'auto' needs \(countVariable) set to the number of shards (the Job's completions)")
            }
            return try FleetShard(index: zeroBased + 1, count: count)
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ScaffoldError(message: "expected I/N (like 2/8) or 'auto', got '\(text)'")
        }
        return try FleetShard(index: index, count: count)
    }

    /// Whether the service named by `relativePath` falls in this slice.
    public func contains(_ relativePath: String) -> Bool {
        Int(StableHash.fnv1a64(relativePath) % UInt64(count)) == index - 1
    }

    public func select(_ locations: [ServiceLocation]) -> [ServiceLocation] {
        locations.filter { contains($0.relativePath) }
    }

    public var description: String { "\(index)/\(count)" }
}
