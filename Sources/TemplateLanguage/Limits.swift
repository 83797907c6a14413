/// What happens when a template uses a name that is not defined.
public enum UndefinedBehavior: String, Sendable, CaseIterable {
    /// Jinja2's `StrictUndefined`: any use other than `is defined` / `default` is an error.
    case strict
    /// Jinja2's default `Undefined`: prints as empty, iterates as empty, is false.
    case lenient
}

/// The sandbox's resource limits. Exceeding one is a `.limit` error at the offending spot,
/// never a hang or a crash, so a hostile or buggy golden path cannot take the machine down.
public struct Limits: Sendable {
    /// Total loop iterations over one render (all loops together).
    public var maxLoopIterations: Int
    /// Nesting of macro calls, includes, imports and parser nesting (parentheses, brackets).
    public var maxRecursionDepth: Int
    /// Size of the rendered output in UTF-8 bytes, and of every string a template builds on the
    /// way (`replace`, `join`, padding, concatenation), checked before the string is allocated.
    public var maxOutputBytes: Int
    /// Length of a single `range()`.
    public var maxRangeLength: Int
    /// Macro calls, call blocks, includes and imports over one render: with the loop limit, a
    /// bound on total work (a macro calling itself twice per level stays within the recursion
    /// limit yet would make 2^200 calls).
    public var maxCalls: Int

    public init(maxLoopIterations: Int = 10_000_000, maxRecursionDepth: Int = 200,
                maxOutputBytes: Int = 64 << 20, maxRangeLength: Int = 1_000_000, maxCalls: Int = 250_000) {
        self.maxCalls = maxCalls
        self.maxLoopIterations = maxLoopIterations
        self.maxRecursionDepth = maxRecursionDepth
        self.maxOutputBytes = maxOutputBytes
        self.maxRangeLength = maxRangeLength
    }

    public static let `default` = Limits()

    /// Throws when a string of `bytes` (computed before building it) would exceed `maxOutputBytes`.
    func checkString(_ bytes: Int, _ what: String) throws(TemplateError) {
        guard bytes > maxOutputBytes else { return }
        throw TemplateError(.limit, "\(what) would build a string of \(bytes) bytes, over the limit of \(maxOutputBytes)")
    }

    /// The UTF-8 size of `s` with every (or the first `count`) `old` replaced by `new`. Counting
    /// the occurrences scans `s`, so it is done only when the string can grow.
    static func replacedSize(_ s: String, _ old: String, _ new: String, count: Int) -> Int {
        guard new.utf8.count > old.utf8.count || old.isEmpty else { return s.utf8.count }
        let occurrences = old.isEmpty ? s.unicodeScalars.count + 1 : PythonString.count(s, old)
        let replaced = count < 0 ? occurrences : min(count, occurrences)
        let (grow, overflow) = replaced.multipliedReportingOverflow(by: new.utf8.count - old.utf8.count)
        return overflow ? Int.max : s.utf8.count + grow
    }
}

/// Per-environment switches: the ones a golden path sets in `spec.template_options`, and the
/// sandbox limits. The one options type from the manifest down to the lexer.
public struct TemplateOptions: Sendable {
    /// Jinja's `trim_blocks`: drop the first newline after a block tag.
    public var trimBlocks = false
    /// Jinja's `lstrip_blocks`: strip spaces and tabs from the start of a line up to a block tag.
    public var lstripBlocks = false
    public var undefined: UndefinedBehavior = .strict
    public var limits: Limits = .default
    /// cookiecutter's extensions (`{% now %}`, `uuid4()`, `random_ascii_string()`); nil: none.
    public var extensions: ToolExtensions?

    public init(trimBlocks: Bool = false, lstripBlocks: Bool = false,
                undefined: UndefinedBehavior = .strict, limits: Limits = .default, extensions: ToolExtensions? = nil) {
        self.trimBlocks = trimBlocks
        self.lstripBlocks = lstripBlocks
        self.undefined = undefined
        self.limits = limits
        self.extensions = extensions
    }
}
