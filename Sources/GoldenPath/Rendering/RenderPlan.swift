/// What the renderer needs from a manifest: which files to skip, copy verbatim or mark
/// executable, how templates are parsed, and whether the engine adds its platform outputs.
/// Kept separate from the manifest model so rendering can be tested without one.
public struct RenderPlan: Sendable {
    public var exclude: [String] = []
    public var copyWithoutRender: [String] = []
    public var executable: [String] = []
    public var trimBlocks = false
    public var lstripBlocks = false
    public var lenientUndefined = false
    /// When non-empty, only files ending with it are rendered (and lose it); others are copied.
    public var suffix = ""
    /// Render the built-in Kubernetes manifests and CI pipeline (manifest has defaults and cicd).
    public var platformOutputs = false

    public init() {}
}
