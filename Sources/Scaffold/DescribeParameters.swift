import GoldenPath

/// `scaffold params`: a golden path version's parameters, and its values as JSON Schema.
public enum DescribeParameters {
    public struct Row: Sendable {
        public var name: String
        public var type: String
        public var defaultValue: String?
        public var rules: [String]
        public var when: String?
        public var description: String?
    }

    public static func run(_ name: String, version: String?, catalog: CatalogContext) throws(ScaffoldError) -> (manifest: Manifest, rows: [Row]) {
        let resolved = try catalog.resolve(name, version: version)
        let manifest = try catalog.goldenPath(name, version: resolved).manifest
        let rows = manifest.spec.parameters.map { p in
            var rules: [String] = []
            if p.required { rules.append("required") }
            if let choices = p.choices { rules.append("one of " + choices.joined(separator: ", ")) }
            if let pattern = p.pattern { rules.append("matches \(pattern)") }
            if p.min != nil || p.max != nil {
                rules.append("\(p.min.map(Parameter.number) ?? "…")..\(p.max.map(Parameter.number) ?? "…")")
            }
            if p.minLength != nil || p.maxLength != nil {
                rules.append("length \(p.minLength.map(String.init) ?? "0")..\(p.maxLength.map(String.init) ?? "…")")
            }
            if let format = p.format { rules.append(format.rawValue) }
            if p.sticky { rules.append("kept once made") }
            let shown = p.templatedDefault ?? p.defaultNode.flatMap { node -> String? in
                if let scalar = node.scalar { return scalar.value }
                if let items = node.sequence { return "[" + items.compactMap { $0.scalar?.value }.joined(separator: ", ") + "]" }
                return nil
            }
            return Row(name: p.name, type: p.type.rawValue, defaultValue: shown, rules: rules, when: p.when, description: p.description)
        }
        return (manifest, rows)
    }
}
