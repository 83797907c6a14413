import Locations
import TemplateLanguage
import YAMLKit

/// An explicit parameter value from some layer, not yet validated.
struct ExplicitValue {
    enum Written {
        /// From YAML: the node's YAML type must match the parameter type.
        case yaml(YAMLNode)
        /// From `--set`: text read as the parameter type.
        case text(String)
    }

    var written: Written
    var source: ValueSource
    /// Nil for a value with no file to point at (the NAME argument): the message names it instead.
    var file: String?
    var mark: Mark

    func validate(_ p: Parameter) throws(GoldenPathError) -> Value {
        switch written {
        case .yaml(let node):
            return try p.validated(yaml: node).get(file: file, mark: mark, keyPath: p.name, value: node.scalar?.value, source: source)
        case .text(let text):
            return try p.validated(text: text).get(file: file, mark: mark, keyPath: p.name, value: text, source: source)
        }
    }
}

/// Collects every layer's settings: parameter values (highest layer wins) and platform settings
/// (kept in layer order; validation picks the last of each key).
struct Layers {
    let manifest: Manifest
    var parameterValues: [String: ExplicitValue] = [:]
    var platformSettings: [PlatformSetting] = []

    /// Names that take values besides the parameters (cookiecutter's dict and `__` variables).
    private let extraNames: [String]

    init(manifest: Manifest, extraNames: [String] = []) {
        self.manifest = manifest
        self.extraNames = extraNames
    }

    private var parameterNames: [String] { manifest.spec.parameters.map(\.name) + extraNames }

    mutating func collect(_ inputs: ValueInputs) throws(GoldenPathError) {
        if let platform = inputs.platform, let defaults = platform.defaults {
            platformSettings += try PlatformSettings.flatten(defaults, prefix: "", file: platform.path) { _ in .platform(file: platform.path) }
        }
        if let defaults = manifest.spec.defaults {
            platformSettings += try PlatformSettings.flatten(defaults, prefix: "", file: manifest.file) { _ in .goldenPathDefault }
        }
        if let (answers, path) = inputs.answersFile {
            try addMapping(answers.answers.node, file: path) { _ in .answersFile(path: path) }
        }
        for values in inputs.valuesFiles {
            if values.node.scalar?.resolved == .null { continue }
            try addMapping(values.node, file: values.path) { node in
                .valuesFile(SourceLocation(file: values.path, line: node.mark.line, column: node.mark.column))
            }
        }
        for argument in inputs.arguments where parameterNames.contains(argument.parameter) {
            parameterValues[argument.parameter] = ExplicitValue(written: .text(argument.value), source: .argument(label: argument.label),
                                                                file: nil, mark: .none)
        }
        for (i, argument) in inputs.sets.enumerated() {
            try addSet(try SetArgument.parse(argument, ordinal: i + 1))
        }
    }

    /// A values-file-shaped mapping: parameter names and platform roots at the top level.
    private mutating func addMapping(_ node: YAMLNode, file: String, source: (YAMLNode) -> ValueSource) throws(GoldenPathError) {
        guard let pairs = node.mapping else {
            throw GoldenPathError(file: file, mark: node.mark, message: "expected a mapping of parameter names and platform defaults, got \(node.kindDescription)")
        }
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            if parameterNames.contains(key) {
                parameterValues[key] = ExplicitValue(written: .yaml(pair.value), source: source(pair.value), file: file, mark: pair.value.mark)
            } else if PlatformKey.roots.contains(key) {
                let wrapper = YAMLNode(.mapping([pair]), mark: node.mark)
                platformSettings += try PlatformSettings.flatten(wrapper, prefix: "", file: file, source: source)
            } else {
                throw GoldenPathError(file: file, mark: pair.key.mark, keyPath: key,
                                      message: DidYouMean.unknownMessage("parameter or platform default", key, among: parameterNames + PlatformKey.roots))
            }
        }
    }

    private mutating func addSet(_ set: SetArgument) throws(GoldenPathError) {
        let source = ValueSource.set(argument: set.argument)
        let root = String(set.key.prefix { $0 != "." })
        if parameterNames.contains(root) {
            guard root == set.key else {
                throw GoldenPathError(file: SetArgument.file, mark: set.mark, keyPath: set.key,
                                      message: "parameter '\(root)' has no keys below it", source: source)
            }
            if let given = parameterValues[root], case .argument(let label) = given.source, case .text(let text) = given.written,
               text != set.value {
                throw GoldenPathError(file: SetArgument.file, mark: set.mark,
                                      message: "--set \(set.argument) disagrees with \(label) '\(text)': give \(root) once")
            }
            parameterValues[root] = ExplicitValue(written: .text(set.value), source: source, file: SetArgument.file, mark: set.mark)
        } else if let key = PlatformKey(path: set.key) {
            platformSettings.append(PlatformSetting(key: key, node: .plain(set.value, mark: set.mark), source: source,
                                                    file: SetArgument.file, writtenPath: set.key))
        } else {
            throw GoldenPathError(file: SetArgument.file, mark: set.mark, keyPath: set.key,
                                  message: DidYouMean.unknownMessage("parameter or platform default", set.key, among: parameterNames + PlatformKey.allPaths),
                                  source: source)
        }
    }
}
