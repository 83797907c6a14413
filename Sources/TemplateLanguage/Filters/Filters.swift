/// The filter registry and helpers shared by the filter files. Filters are grouped by theme:
/// StringFilters, SequenceFilters, NumberFilters, JSONFilters, ScaffoldingFilters.
enum Filters {
    static func lookup(_ name: String) -> FilterFunction? { table[name] }

    static let table: [String: FilterFunction] = {
        var t: [String: FilterFunction] = [:]
        t.merge(stringFilters) { a, _ in a }
        t.merge(sequenceFilters) { a, _ in a }
        t.merge(numberFilters) { a, _ in a }
        t.merge(jsonFilters) { a, _ in a }
        t.merge(scaffoldingFilters) { a, _ in a }
        t.merge(ansibleFilters) { a, _ in a }
        return t
    }()

    /// Jinja's `make_attrgetter`: `"a.b.0"` walks items (then attributes), digits as indices.
    static func attributeGetter(_ interpreter: Interpreter, _ attribute: Value?) -> (Value) throws(TemplateError) -> Value {
        guard let attribute, !(attribute == .none) else { return { v in v } }
        let parts: [Value]
        if case .string(let path) = attribute {
            parts = path.split(separator: ".", omittingEmptySubsequences: false).map { part in
                if !part.isEmpty, part.utf8.allSatisfy(isDigit), let i = Int(part) { return .int(i) }
                return .string(String(part))
            }
        } else {
            parts = [attribute]
        }
        return { item throws(TemplateError) in
            var value = item
            for part in parts { value = try interpreter.item(value, part) }
            return value
        }
    }

    /// Jinja's `ignore_case`: lowercases strings, leaves everything else.
    static func ignoreCase(_ v: Value) -> Value {
        if case .string(let s) = v { return .string(s.lowercased()) }
        return v
    }

    /// A stable merge sort with a throwing comparison (Python's `sorted` is stable; so is this).
    static func stableSort<T>(_ items: [T], _ less: (T, T) throws(TemplateError) -> Bool) throws(TemplateError) -> [T] {
        if items.count < 2 { return items }
        var source = items
        var buffer = items
        var width = 1
        let n = items.count
        while width < n {
            var start = 0
            while start < n {
                let mid = min(start + width, n), end = min(start + 2 * width, n)
                var i = start, j = mid, k = start
                while i < mid && j < end {
                    if try less(source[j], source[i]) { buffer[k] = source[j]; j += 1 } else { buffer[k] = source[i]; i += 1 }
                    k += 1
                }
                while i < mid { buffer[k] = source[i]; i += 1; k += 1 }
                while j < end { buffer[k] = source[j]; j += 1; k += 1 }
                start += 2 * width
            }
            swap(&source, &buffer)
            width *= 2
        }
        return source
    }

    static func int(_ v: Value?, _ name: String, default value: Int) throws(TemplateError) -> Int {
        guard let v else { return value }
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: throw TemplateError(.type, "\(name): expected an integer, got '\(v.typeName)'")
        }
    }

    static func bool(_ v: Value?, default value: Bool = false) -> Bool { v?.isTruthy ?? value }
}
