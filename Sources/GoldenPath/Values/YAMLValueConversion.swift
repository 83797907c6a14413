import TemplateLanguage
import YAMLKit

extension Value {
    /// The template value of a YAML node under the core schema: mappings keep their order.
    public init(yaml node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: self = .none
            case .bool(let b): self = .bool(b)
            case .int(let i): self = .int(i)
            case .float(let d): self = .float(d)
            case .string(let s): self = .string(s)
            }
        case .sequence(let items):
            self = .list(items.map(Value.init(yaml:)))
        case .mapping(let pairs):
            var dict = ValueDict()
            for pair in pairs { dict[Value(yaml: pair.key)] = Value(yaml: pair.value) }
            self = .dict(dict)
        }
    }
}

extension YAMLNode {
    /// The YAML for a value, such that parsing it gives the value back (strings stay strings).
    /// Undefined and host objects have no YAML form and are written as null.
    public init(value: Value) {
        switch value {
        case .undefined, .none, .object: self = .plain("null")
        case .bool(let b): self = .plain(b ? "true" : "false")
        case .int(let i): self = .plain(String(i))
        case .float(let d):
            if d.isNaN { self = .plain(".nan") } else if d.isInfinite { self = .plain(d < 0 ? "-.inf" : ".inf") } else {
                self = .plain(String(d))
            }
        case .string(let s): self = .string(s)
        case .list(let items), .tuple(let items): self = .sequence(items.map(YAMLNode.init(value:)))
        case .dict(let dict):
            self = YAMLNode(.mapping(dict.pairs.map { pair in
                let key = pair.key.stringValue.map { YAMLNode.string($0) } ?? YAMLNode(value: pair.key)
                return YAMLPair(key: key, value: YAMLNode(value: pair.value))
            }))
        }
    }
}
