import TemplateLanguage
import YAMLKit

/// A golden path version's values as JSON Schema (draft 2020-12): what a `--values` file may
/// hold, for editors and for portal forms (Backstage renders parameter forms from JSON Schema).
///
/// Parameters become properties with their type, description, literal default, choices, pattern,
/// range, length and format; the platform defaults (`resources`, `replicas`, `autoscaling`) their
/// own properties. What JSON Schema cannot say is left to scaffold: a `when` condition (such a
/// parameter is never required), templated defaults (not given), and cross-key rules such as
/// max_replicas at least min_replicas.
public enum ValuesSchema {
    public static func schema(of manifest: Manifest) -> Value {
        var properties = ValueDict()
        var required: [Value] = []
        for p in manifest.spec.parameters {
            properties[p.name] = .dict(property(p))
            if p.required, p.defaultNode == nil, p.when == nil { required.append(.string(p.name)) }
        }
        for (name, value) in platformProperties { properties[name] = value }
        var schema = ValueDict([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("\(manifest.metadata.name) \(manifest.metadata.version) values")),
        ])
        if let description = manifest.metadata.description { schema["description"] = .string(description) }
        schema["type"] = .string("object")
        schema["properties"] = .dict(properties)
        if !required.isEmpty { schema["required"] = .list(required) }
        schema["additionalProperties"] = .bool(false)
        return .dict(schema)
    }

    /// The schema as JSON text (two-space indent, a final newline).
    public static func json(of manifest: Manifest) -> String {
        ((try? PythonJSON.dumps(schema(of: manifest), indent: 2, ensureASCII: false)) ?? "{}") + "\n"
    }

    static func property(_ p: Parameter) -> ValueDict {
        var d = ValueDict()
        switch p.type {
        case .string: d["type"] = .string("string")
        case .integer: d["type"] = .string("integer")
        case .number: d["type"] = .string("number")
        case .boolean: d["type"] = .string("boolean")
        case .choice:
            d["type"] = .string("string")
            d["enum"] = .list((p.choices ?? []).map(Value.string))
        case .multichoice:
            d["type"] = .string("array")
            d["items"] = .dict(ValueDict([("enum", .list((p.choices ?? []).map(Value.string)))]))
            d["uniqueItems"] = .bool(true)
        case .list:
            d["type"] = .string("array")
        }
        if let description = p.description { d["description"] = .string(description) }
        if p.templatedDefault == nil, let node = p.defaultNode, case .success(let value) = p.validated(yaml: node) {
            d["default"] = value
        }
        if let pattern = p.pattern { d["pattern"] = .string(pattern.hasPrefix("^") ? pattern : "^(?:" + pattern + ")$") }
        if p.type == .string || p.type == .choice {
            if let n = p.minLength { d["minLength"] = .int(n) }
            if let n = p.maxLength { d["maxLength"] = .int(n) }
            if p.required && p.minLength == nil { d["minLength"] = .int(1) }
        } else if p.type == .list || p.type == .multichoice {
            if let n = p.minLength { d["minItems"] = .int(n) }
            if let n = p.maxLength { d["maxItems"] = .int(n) }
        }
        if let min = p.min { d["minimum"] = number(min) }
        if let max = p.max { d["maximum"] = number(max) }
        if let format = p.format {
            switch format {
            case .dnsLabel: d["pattern"] = .string("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")
            case .email: d["format"] = .string("email")
            case .url: d["format"] = .string("uri"); d["pattern"] = .string("^https?://[^/?#\\s]+")
            case .semver: d["pattern"] = .string("^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$")
            case .goModule: d["pattern"] = .string("^[a-z0-9][-a-z0-9.]*\\.[a-z]+(/[-A-Za-z0-9._~]+)*$")
            case .pythonPackage: d["pattern"] = .string("^[A-Za-z_][A-Za-z0-9_]*$")
            }
        }
        if let when = p.when { d["$comment"] = .string("used only when: \(when)") }
        return d
    }

    private static func number(_ d: Double) -> Value {
        d == d.rounded() && abs(d) < 1e15 ? .int(Int(d)) : .float(d)
    }

    /// The platform defaults a values file may set, as `PlatformDefaults` reads them.
    static let platformProperties: [(String, Value)] = {
        func object(_ pairs: [(String, Value)]) -> Value {
            .dict(ValueDict([("type", .string("object")), ("properties", .dict(ValueDict(pairs))), ("additionalProperties", .bool(false))]))
        }
        func integer(_ range: ClosedRange<Int>) -> Value {
            .dict(ValueDict([("type", .string("integer")), ("minimum", .int(range.lowerBound)), ("maximum", .int(range.upperBound))]))
        }
        // Kubernetes quantities, as text (`100m`, `0.5`, `512Mi`) or plain numbers.
        let cpu: Value = .dict(ValueDict([("type", .list([.string("string"), .string("number")])),
                                         ("pattern", .string("^([0-9]+m|[0-9]+(\\.[0-9]+)?)$"))]))
        let memory: Value = .dict(ValueDict([("type", .list([.string("string"), .string("integer")])),
                                            ("pattern", .string("^[0-9]+(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$"))]))
        let quantities = object([("cpu", cpu), ("memory", memory)])
        return [
            ("resources", object([("requests", quantities), ("limits", quantities), ("cpu", cpu), ("memory", memory)])),
            ("replicas", integer(1...10_000)),
            ("autoscaling", object([("enabled", .dict(ValueDict([("type", .string("boolean"))]))),
                                    ("min_replicas", integer(1...10_000)), ("max_replicas", integer(1...10_000)),
                                    ("target_cpu", integer(1...100))])),
        ]
    }()
}
