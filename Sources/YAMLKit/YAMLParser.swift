/// Builds resolved node trees from libyaml events: anchors and aliases expanded (with a limit
/// against "billion laughs" documents), merge keys `<<` applied, duplicate keys rejected.
public enum YAML {
    /// Most nodes a document may expand to through aliases.
    public static let maxExpandedNodes = 100_000
    /// Deepest nesting of sequences and mappings. Every reader of a tree recurses, so a hostile
    /// `[[[…]]]` of a few kilobytes must be an error here, not a stack overflow later.
    public static let maxDepth = 200

    /// Every document in `text`. `file` is used in error messages, and a `.json` file may
    /// spell characters as JSON's surrogate-pair escapes (see `JSONSurrogates`).
    public static func parse(_ text: String, file: String) throws(YAMLError) -> [YAMLNode] {
        let text = file.lowercased().hasSuffix(".json") ? JSONSurrogates.normalize(text) : text
        var builder = TreeBuilder(reader: EventReader(text: text, file: file), file: file)
        return try builder.documents()
    }

    /// The single document in `text`; an empty file is `null`. More than one document is an error.
    public static func parseDocument(_ text: String, file: String) throws(YAMLError) -> YAMLNode {
        let documents = try parse(text, file: file)
        if documents.count > 1 {
            throw YAMLError(file: file, mark: documents[1].mark, message: "expected a single YAML document, found \(documents.count)")
        }
        return documents.first ?? YAMLNode.plain("", mark: Mark(line: 1, column: 1))
    }
}

private struct TreeBuilder {
    let reader: EventReader
    let file: String
    var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    var expanded = 0
    var depth = 0

    init(reader: EventReader, file: String) {
        self.reader = reader
        self.file = file
    }

    mutating func documents() throws(YAMLError) -> [YAMLNode] {
        var docs: [YAMLNode] = []
        while true {
            let event = try reader.next()
            switch event.kind {
            case .streamStart, .documentEnd: continue
            case .streamEnd: return docs
            case .documentStart:
                anchors = [:]
                expanded = 0
                let first = try reader.next()
                docs.append(try node(from: first).node)
            default:
                throw YAMLError(file: file, mark: event.mark, message: "unexpected YAML structure")
            }
        }
    }

    /// A node and how many nodes it expands to.
    private mutating func node(from event: ParserEvent) throws(YAMLError) -> (node: YAMLNode, size: Int) {
        let result: (node: YAMLNode, size: Int)
        let anchor: String?
        switch event.kind {
        case .alias(let name):
            guard let target = anchors[name] else {
                throw YAMLError(file: file, mark: event.mark, message: "unknown alias '*\(name)'")
            }
            try count(target.size, at: event.mark)
            return target
        case .scalar(let scalar, let a):
            anchor = a
            try count(1, at: event.mark)
            result = (YAMLNode(.scalar(scalar), mark: event.mark), 1)
        case .sequenceStart(let a):
            anchor = a
            try count(1, at: event.mark)
            try nest(at: event.mark)
            defer { depth -= 1 }
            var items: [YAMLNode] = []
            var size = 1
            while true {
                let next = try reader.next()
                if case .sequenceEnd = next.kind { break }
                let child = try node(from: next)
                items.append(child.node)
                size += child.size
            }
            result = (YAMLNode(.sequence(items), mark: event.mark), size)
        case .mappingStart(let a):
            anchor = a
            try count(1, at: event.mark)
            try nest(at: event.mark)
            defer { depth -= 1 }
            result = try mapping(at: event.mark)
        default:
            throw YAMLError(file: file, mark: event.mark, message: "unexpected YAML structure")
        }
        if let anchor { anchors[anchor] = result }
        return result
    }

    private mutating func nest(at mark: Mark) throws(YAMLError) {
        depth += 1
        if depth > YAML.maxDepth {
            throw YAMLError(file: file, mark: mark, message: "nested too deeply (more than \(YAML.maxDepth) levels)")
        }
    }

    private mutating func mapping(at mark: Mark) throws(YAMLError) -> (node: YAMLNode, size: Int) {
        var pairs: [YAMLPair] = []
        var merged: [YAMLPair] = []
        var seen: [String: Mark] = [:]
        var size = 1
        while true {
            let next = try reader.next()
            if case .mappingEnd = next.kind { break }
            let key = try node(from: next)
            let value = try node(from: try reader.next())
            size += key.size + value.size
            guard let keyScalar = key.node.scalar else {
                throw YAMLError(file: file, mark: key.node.mark, message: "mapping keys must be scalars, not \(key.node.kindDescription)")
            }
            if keyScalar.style == .plain && keyScalar.value == "<<" {
                merged += try mergeSources(value.node)
                continue
            }
            if let first = seen[keyScalar.value] {
                throw YAMLError(file: file, mark: key.node.mark,
                                message: "duplicate key '\(keyScalar.value)' (first defined at \(first.line):\(first.column))")
            }
            seen[keyScalar.value] = key.node.mark
            pairs.append(YAMLPair(key: key.node, value: value.node))
        }
        // Explicit keys win over merged ones; among merged mappings the first listed wins (YAML merge key spec).
        for pair in merged {
            guard let k = pair.key.scalar?.value, seen[k] == nil else { continue }
            seen[k] = pair.key.mark
            pairs.append(pair)
        }
        return (YAMLNode(.mapping(pairs), mark: mark), size)
    }

    private func mergeSources(_ value: YAMLNode) throws(YAMLError) -> [YAMLPair] {
        switch value.content {
        case .mapping(let pairs): return pairs
        case .sequence(let items):
            var all: [YAMLPair] = []
            for item in items {
                guard let pairs = item.mapping else {
                    throw YAMLError(file: file, mark: item.mark, message: "a merge key '<<' takes mappings, not \(item.kindDescription)")
                }
                all += pairs
            }
            return all
        case .scalar:
            throw YAMLError(file: file, mark: value.mark, message: "a merge key '<<' takes a mapping or a list of mappings, not \(value.kindDescription)")
        }
    }

    private mutating func count(_ n: Int, at mark: Mark) throws(YAMLError) {
        expanded += n
        if expanded > YAML.maxExpandedNodes {
            throw YAMLError(file: file, mark: mark, message: "document expands to more than \(YAML.maxExpandedNodes) nodes through aliases")
        }
    }
}
