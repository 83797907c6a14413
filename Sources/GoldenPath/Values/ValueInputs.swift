import YAMLKit

/// A `--values FILE`, parsed: a mapping of parameter names and platform default keys.
public struct ValuesFile: Sendable {
    public var path: String
    public var node: YAMLNode

    public init(path: String, node: YAMLNode) {
        self.path = path
        self.node = node
    }

    public static func load(_ text: String, path: String) throws(GoldenPathError) -> ValuesFile {
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: path) } catch { throw GoldenPathError(error) }
        try refuseOversizedIntegers(in: node, file: path)
        return ValuesFile(path: path, node: node)
    }

    /// Integers beyond 64 bits are an error where they are written, not a float in disguise.
    static func refuseOversizedIntegers(in node: YAMLNode, file: String) throws(GoldenPathError) {
        if let big = node.firstOversizedInteger {
            throw GoldenPathError(file: file, mark: big.mark, message: "\(big.scalar?.value ?? "") is beyond 64-bit integers, "
                                  + "which are the largest scaffold computes with; quote it to use it as text")
        }
    }
}

/// A catalog's `platform.yaml`: organisation-wide defaults under `defaults:`, beneath every golden path's own.
public struct PlatformFile: Sendable {
    public var path: String
    public var defaults: YAMLNode?

    public static func load(_ text: String, path: String) throws(GoldenPathError) -> PlatformFile {
        let node: YAMLNode
        do { node = try YAML.parseDocument(text, file: path) } catch { throw GoldenPathError(error) }
        if node.scalar?.resolved == .null { return PlatformFile(path: path, defaults: nil) }
        let r = try MappingReader(node, file: path, path: "", allowed: ["defaults"])
        let defaults = r.value("defaults")
        if let defaults {
            // Keys and single values are checked here so that a typo points at platform.yaml itself.
            _ = try PlatformDefaults(settings: PlatformSettings.flatten(defaults, prefix: "", file: path) { _ in .platform(file: path) },
                                     crossChecks: false)
        }
        return PlatformFile(path: path, defaults: defaults)
    }
}

/// One `--set KEY=VALUE`. The value is a YAML scalar read as the declared type of its key; an empty
/// value (`--set name=`) is the empty string, as in Helm.
public struct SetArgument: Sendable, Equatable {
    public var argument: String
    public var key: String
    public var value: String
    /// 1-based position among the --set arguments, used as the "line" in error locations.
    public var ordinal: Int

    public static let file = "--set"

    public static func parse(_ argument: String, ordinal: Int) throws(GoldenPathError) -> SetArgument {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else {
            throw GoldenPathError(file: file, line: ordinal, column: 1, keyPath: argument, message: "expected KEY=VALUE, like --set port=8080")
        }
        let key = String(argument[..<eq])
        if key.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            throw GoldenPathError(file: file, line: ordinal, column: 1, keyPath: key, message: "a dotted key cannot have empty parts")
        }
        return SetArgument(argument: argument, key: key, value: String(argument[argument.index(after: eq)...]), ordinal: ordinal)
    }

    /// Where the value starts in the argument.
    var mark: Mark { Mark(line: ordinal, column: key.count + 2) }
}

/// Everything the user and the catalog supply, besides the manifest, from lowest to highest layer.
public struct ValueInputs: Sendable {
    public var platform: PlatformFile?
    /// Recorded answers of an existing service (upgrades), already migrated; its `answers` are a layer.
    public var answersFile: (file: AnswersFile, path: String)?
    public var valuesFiles: [ValuesFile]
    /// Raw `--set` arguments, in command-line order.
    public var sets: [String]
    /// Parameters filled by positional arguments (NAME fills `name`), beneath `--set`.
    public var arguments: [(parameter: String, value: String, label: String)] = []
    /// With a prompter: ask every parameter nobody gave (making a service), not only the
    /// required ones without a value (an upgrade).
    public var asksEveryParameter = false
    /// Why nothing can be asked although asking was not turned off (`stdin is not a terminal`),
    /// said when a required value is missing.
    public var unaskedReason: String?

    public init(platform: PlatformFile? = nil, answersFile: (file: AnswersFile, path: String)? = nil,
                valuesFiles: [ValuesFile] = [], sets: [String] = []) {
        self.platform = platform
        self.answersFile = answersFile
        self.valuesFiles = valuesFiles
        self.sets = sets
    }
}
