/// Jinja2's filters over lists and dicts: sorting, grouping, selecting, mapping, slicing.
/// Where Jinja2 returns a generator, these return a list (same items, same order).
extension Filters {
    static let sequenceFilters: [String: FilterFunction] = [
        "length": length, "count": length,
        "list": { i, v, a throws(TemplateError) in _ = try a.bind("list", []); return .list(try i.iterate(v)) },
        "first": { i, v, a throws(TemplateError) in
            _ = try a.bind("first", [])
            return try i.iterate(v).first ?? .undefined("No first item, sequence was empty.")
        },
        "last": { i, v, a throws(TemplateError) in
            _ = try a.bind("last", [])
            return try i.iterate(v).last ?? .undefined("No last item, sequence was empty.")
        },
        "reverse": { i, v, a throws(TemplateError) in
            _ = try a.bind("reverse", [])
            if case .string(let s) = v { return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed()))) }
            return .list(try i.iterate(v).reversed())
        },
        "join": { i, v, a throws(TemplateError) in
            let args = try a.bind("join", ["d", "attribute"])
            let separator = try args[0].map { (s) throws(TemplateError) in try i.string(s) } ?? ""
            let getter = attributeGetter(i, args[1])
            var out = ""
            for (k, item) in try i.iterate(v).enumerated() {
                let piece = try i.string(try getter(item))
                try i.limits.checkString(out.utf8.count + piece.utf8.count + (k > 0 ? separator.utf8.count : 0), "join")
                if k > 0 { out += separator }
                out += piece
            }
            return .string(out)
        },
        "default": defaultFilter, "d": defaultFilter,
        "items": { i, v, a throws(TemplateError) in
            _ = try a.bind("items", [])
            if case .undefined = v { return .list([]) }
            guard case .dict(let d) = v else { throw TemplateError(.type, "Can only get item pairs from a mapping.") }
            return .list(zip(d.keys, d.values).map { .tuple([$0, $1]) })
        },
        "dictsort": dictsort,
        "sort": sort,
        "unique": unique,
        "min": { i, v, a throws(TemplateError) in try minMax(i, v, a, "min") },
        "max": { i, v, a throws(TemplateError) in try minMax(i, v, a, "max") },
        "sum": { i, v, a throws(TemplateError) in
            let args = try a.bind("sum", ["attribute", "start"])
            let getter = attributeGetter(i, args[0])
            var total = args[1] ?? .int(0)
            for item in try i.iterate(v) {
                total = try Operators.binary(.add, total, try i.defined(try getter(item)), limits: i.limits)
            }
            return total
        },
        "batch": { i, v, a throws(TemplateError) in
            let args = try a.bind("batch", ["linecount", "fill_with"], required: 1)
            let size = try int(args[0], "batch", default: 1)
            guard size > 0 else { throw TemplateError(.value, "batch: linecount must be positive") }
            var out: [Value] = []
            var current: [Value] = []
            for item in try i.iterate(v) {
                if current.count == size { out.append(.list(current)); current = [] }
                current.append(item)
            }
            if !current.isEmpty {
                if let fill = args[1], !(fill == .none) {
                    current += Array(repeating: fill, count: size - current.count)
                }
                out.append(.list(current))
            }
            return .list(out)
        },
        "slice": { i, v, a throws(TemplateError) in
            let args = try a.bind("slice", ["slices", "fill_with"], required: 1)
            let slices = try int(args[0], "slice", default: 1)
            guard slices > 0 else { throw TemplateError(.value, "slice: slices must be positive") }
            let seq = try i.iterate(v)
            let perSlice = seq.count / slices, withExtra = seq.count % slices
            var offset = 0
            var out: [Value] = []
            for n in 0..<slices {
                let start = offset + n * perSlice
                if n < withExtra { offset += 1 }
                let end = offset + (n + 1) * perSlice
                var part = Array(seq[start..<end])
                if let fill = args[1], !(fill == .none), n >= withExtra { part.append(fill) }
                out.append(.list(part))
            }
            return .list(out)
        },
        "groupby": groupby,
        "map": map,
        "select": { i, v, a throws(TemplateError) in try selectOrReject(i, v, a, byAttribute: false, keep: true) },
        "reject": { i, v, a throws(TemplateError) in try selectOrReject(i, v, a, byAttribute: false, keep: false) },
        "selectattr": { i, v, a throws(TemplateError) in try selectOrReject(i, v, a, byAttribute: true, keep: true) },
        "rejectattr": { i, v, a throws(TemplateError) in try selectOrReject(i, v, a, byAttribute: true, keep: false) },
        "attr": { i, v, a throws(TemplateError) in
            let args = try a.bind("attr", ["name"], required: 1)
            let name = try i.string(args[0]!)
            switch v {
            case .dict, .list, .tuple, .string:
                return Methods.has(v, name) ? .object(BoundMethod(receiver: v, name: name)) : .undefined("'\(v.typeName) object' has no attribute '\(name)'")
            default:
                return try i.attribute(v, name)
            }
        },
    ]

    private static let length: FilterFunction = { i, v, a throws(TemplateError) in
        _ = try a.bind("length", [])
        switch v {
        case .string(let s): return .int(s.unicodeScalars.count)
        case .list(let l), .tuple(let l): return .int(l.count)
        case .dict(let d): return .int(d.count)
        case .undefined: return .int(try i.iterate(v).count)
        default: throw TemplateError(.type, "object of type '\(v.typeName)' has no len()")
        }
    }

    private static let defaultFilter: FilterFunction = { _, v, a throws(TemplateError) in
        let args = try a.bind("default", ["default_value", "boolean"])
        if v.isUndefined || (bool(args[1]) && !v.isTruthy) { return args[0] ?? .string("") }
        return v
    }

    private static let dictsort: FilterFunction = { i, v, a throws(TemplateError) in
        let args = try a.bind("dictsort", ["case_sensitive", "by", "reverse"])
        guard case .dict(let d) = try i.defined(v) else { throw TemplateError(.type, "dictsort: expected a mapping, got '\(v.typeName)'") }
        let by = try args[1].map { (b) throws(TemplateError) in try i.string(b) } ?? "key"
        guard by == "key" || by == "value" else { throw TemplateError(.value, "You can only sort by either \"key\" or \"value\"") }
        let caseSensitive = bool(args[0]), reverse = bool(args[2])
        // Sort keys are computed once per item, as Python's `key=` does.
        let decorated = zip(d.keys, d.values).map { (k, v) in
            (sortKey: caseSensitive ? (by == "key" ? k : v) : ignoreCase(by == "key" ? k : v), pair: Value.tuple([k, v]))
        }
        let sorted = try stableSort(decorated) { (x, y) throws(TemplateError) in
            reverse ? try pythonCompare(y.sortKey, x.sortKey) < 0 : try pythonCompare(x.sortKey, y.sortKey) < 0
        }
        return .list(sorted.map(\.pair))
    }

    private static let sort: FilterFunction = { i, v, a throws(TemplateError) in
        let args = try a.bind("sort", ["reverse", "case_sensitive", "attribute"])
        let reverse = bool(args[0]), caseSensitive = bool(args[1])
        var getters: [(Value) throws(TemplateError) -> Value] = []
        if let attribute = args[2], case .string(let spec) = attribute {
            for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
                getters.append(attributeGetter(i, .string(String(part))))
            }
        } else {
            getters = [attributeGetter(i, args[2])]
        }
        let keyed = try i.iterate(v).map { (item) throws(TemplateError) -> (Value, Value) in
            var keys: [Value] = []
            for getter in getters {
                // A missing attribute is only an error once it is compared (Jinja's sorted() of a
                // single item never compares).
                let k = try getter(item)
                keys.append(caseSensitive ? k : ignoreCase(k))
            }
            return (.list(keys), item)
        }
        let sorted = try stableSort(keyed) { (x, y) throws(TemplateError) in
            reverse ? try pythonCompare(y.0, x.0) < 0 : try pythonCompare(x.0, y.0) < 0
        }
        return .list(sorted.map { $0.1 })
    }

    private static let unique: FilterFunction = { i, v, a throws(TemplateError) in
        let args = try a.bind("unique", ["case_sensitive", "attribute"])
        let caseSensitive = bool(args[0])
        let getter = attributeGetter(i, args[1])
        var seen = ValueDict()
        var out: [Value] = []
        for item in try i.iterate(v) {
            var key = try getter(item)
            if !caseSensitive { key = ignoreCase(key) }
            guard ValueDict.isHashable(key) else { throw TemplateError(.type, "unhashable type: '\(key.typeName)'") }
            if seen[key] == nil {
                seen[key] = Value.none
                out.append(item)
            }
        }
        return .list(out)
    }

    private static func minMax(_ i: Interpreter, _ v: Value, _ a: CallArguments, _ name: String) throws(TemplateError) -> Value {
        let args = try a.bind(name, ["case_sensitive", "attribute"])
        let caseSensitive = bool(args[0])
        let getter = attributeGetter(i, args[1])
        let items = try i.iterate(v)
        guard var best = items.first else { return .undefined("No aggregated item, sequence was empty.") }
        func key(_ x: Value) throws(TemplateError) -> Value {
            let k = try i.defined(try getter(x))
            return caseSensitive ? k : ignoreCase(k)
        }
        var bestKey = try key(best)
        for item in items.dropFirst() {
            let k = try key(item)
            let c = try pythonCompare(k, bestKey)
            if name == "min" ? c < 0 : c > 0 { best = item; bestKey = k }
        }
        return best
    }

    private static let groupby: FilterFunction = { i, v, a throws(TemplateError) in
        let args = try a.bind("groupby", ["attribute", "default", "case_sensitive"], required: 1)
        let caseSensitive = bool(args[2])
        let getter = attributeGetter(i, args[0])
        func rawKey(_ item: Value) throws(TemplateError) -> Value {
            var k = try getter(item)
            if let d = args[1], !(d == .none), k.isUndefined { k = d }
            return k  // undefined keys fail when compared, as in Jinja
        }
        func key(_ item: Value) throws(TemplateError) -> Value {
            let k = try rawKey(item)
            return caseSensitive ? k : ignoreCase(k)
        }
        let keyed = try i.iterate(v).map { (item) throws(TemplateError) in (try key(item), item) }
        let sorted = try stableSort(keyed) { (x, y) throws(TemplateError) in try pythonCompare(x.0, y.0) < 0 }
        var groups: [Value] = []
        var currentKey: Value?
        var current: [Value] = []
        for (k, item) in sorted {
            if let ck = currentKey, try sameGroup(ck, k) {
                current.append(item)
            } else {
                if currentKey != nil { groups.append(.tuple([try rawKey(current[0]), .list(current)])) }
                currentKey = k
                current = [item]
            }
        }
        if currentKey != nil { groups.append(.tuple([try rawKey(current[0]), .list(current)])) }
        return .list(groups)
    }

    /// Python's `==` between two group keys; an undefined key cannot be compared.
    private static func sameGroup(_ a: Value, _ b: Value) throws(TemplateError) -> Bool {
        if case .undefined(let message) = a { throw TemplateError(.undefined, message.isEmpty ? "value is undefined" : message) }
        if case .undefined(let message) = b { throw TemplateError(.undefined, message.isEmpty ? "value is undefined" : message) }
        return a == b
    }

    private static let map: FilterFunction = { i, v, a throws(TemplateError) in
        // Jinja2 maps over nothing when the value is falsy (`none|map(...)` is empty).
        let items = try i.truthy(v) ? try i.iterate(v) : []
        if a.positional.isEmpty {
            let args = try a.bind("map", ["attribute", "default"])
            guard let attribute = args[0] else { throw TemplateError(.type, "map: expected a filter name or attribute=") }
            let getter = attributeGetter(i, attribute)
            return .list(try items.map { (item) throws(TemplateError) in
                let value = try getter(item)
                if value.isUndefined, let d = args[1] { return d }
                return value
            })
        }
        let name = try i.string(a.positional[0])
        guard let filter = Filters.lookup(name) else { throw TemplateError(.unknown, "no filter named '\(name)'") }
        let rest = CallArguments(Array(a.positional.dropFirst()), keywords: a.keywords)
        return .list(try items.map { (item) throws(TemplateError) in try filter(i, item, rest) })
    }

    private static func selectOrReject(_ i: Interpreter, _ v: Value, _ a: CallArguments, byAttribute: Bool, keep: Bool) throws(TemplateError) -> Value {
        var positional = a.positional
        var getter: (Value) throws(TemplateError) -> Value = { x in x }
        if byAttribute {
            guard !positional.isEmpty else { throw TemplateError(.type, "missing attribute name") }
            getter = attributeGetter(i, positional.removeFirst())
        }
        var test: TestFunction?
        if !positional.isEmpty {
            let name = try i.string(positional.removeFirst())
            guard let t = Tests.lookup(name) else { throw TemplateError(.unknown, "no test named '\(name)'") }
            test = t
        }
        let rest = CallArguments(positional, keywords: a.keywords)
        var out: [Value] = []
        // Like Jinja2, a falsy value selects nothing without being iterated.
        guard try i.truthy(v) else { return .list([]) }
        for item in try i.iterate(v) {
            let value = try getter(item)
            let passes: Bool
            if let test { passes = try test(i, value, rest) } else { passes = try i.truthy(value) }
            if passes == keep { out.append(item) }
        }
        return .list(out)
    }
}
