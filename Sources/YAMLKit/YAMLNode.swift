/// A YAML node after anchors, aliases and merge keys are resolved: what a document means,
/// with the source position of every node kept for error messages.
public struct YAMLNode: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// Pairs in source order; keys are unique.
        case mapping([YAMLPair])
    }

    public var content: Content
    public var mark: Mark

    public init(_ content: Content, mark: Mark = .none) {
        self.content = content
        self.mark = mark
    }

    public var scalar: YAMLScalar? { if case .scalar(let s) = content { return s } else { return nil } }
    public var sequence: [YAMLNode]? { if case .sequence(let s) = content { return s } else { return nil } }
    public var mapping: [YAMLPair]? { if case .mapping(let m) = content { return m } else { return nil } }

    /// The value under a scalar key of a mapping.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.value == key }?.value
    }

    /// A string scalar: whatever its text, it reads back as this string.
    public static func string(_ value: String, mark: Mark = .none) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(value, style: .doubleQuoted)), mark: mark)
    }

    /// A plain scalar whose text is resolved by the core schema (`8080`, `true`, `~`).
    public static func plain(_ text: String, mark: Mark = .none) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(text, style: .plain)), mark: mark)
    }

    public static func sequence(_ items: [YAMLNode], mark: Mark = .none) -> YAMLNode {
        YAMLNode(.sequence(items), mark: mark)
    }

    public static func mapping(_ pairs: [(String, YAMLNode)], mark: Mark = .none) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { YAMLPair(key: .string($0.0), value: $0.1) }), mark: mark)
    }

    /// A short description of the node's kind for error messages ("a mapping", "the string 'x'").
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let s):
            switch s.resolved {
            case .null: return "null"
            case .bool(let b): return "the boolean \(b)"
            case .int(let i): return "the integer \(i)"
            case .float: return "the number \(s.value)"
            case .string(let v): return "the string '\(v)'"
            }
        }
    }
}

public struct YAMLPair: Sendable, Equatable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// How a scalar was written. Only `plain` scalars are resolved to null/bool/int/float;
/// every other style is a string.
public enum ScalarStyle: Sendable, Equatable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

public struct YAMLScalar: Sendable, Equatable {
    public var value: String
    public var style: ScalarStyle
    /// The explicit tag, expanded (`!!str` is `tag:yaml.org,2002:str`), or nil.
    public var tag: String?

    public init(_ value: String, style: ScalarStyle, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    /// The scalar's meaning under the YAML 1.2 core schema.
    public var resolved: ResolvedScalar { CoreSchema.resolve(self) }
}
