import Testing
import TestSupport
@testable import YAMLKit

/// Random block YAML documents (nested mappings, lists of `name`d items, comments), random
/// key-level edits on both sides: when no edit of one side touches a path the other side edits,
/// the structural merge must succeed, read back as YAML, and equal both sides' edits applied to
/// the base (so no developer change is ever lost); when both sides change one scalar
/// differently, it must name that path as a conflict. Each iteration is replayable by its seed.
@Suite struct StructuralMergePropertyTests {
    indirect enum Doc: Equatable {
        case scalar(String)
        case map([(String, Doc)])
        case items([(String, [(String, Doc)])])  // a list of mappings, each with its `name` first

        static func == (a: Doc, b: Doc) -> Bool { a.canonical == b.canonical }

        /// Order aside: mappings and named lists compared by key.
        var canonical: String {
            switch self {
            case .scalar(let s): return s
            case .map(let pairs): return "{" + pairs.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1.canonical)" }.joined(separator: ",") + "}"
            case .items(let items):
                return "[" + items.sorted { $0.0 < $1.0 }.map { "\($0.0):" + Doc.map($0.1).canonical }.joined(separator: ",") + "]"
            }
        }
    }

    enum Step: Equatable { case key(String), item(String) }

    struct Generator {
        var random: SeededRandom
        var counter = 0

        mutating func scalar() -> Doc {
            counter += 1
            return .scalar(["v\(counter)", "\(counter)", "\"q \(counter)\"", "x-\(counter)"][Int(random.next() % 4)])
        }

        mutating func map(depth: Int) -> [(String, Doc)] {
            (0..<Int(2 + random.next() % 4)).map { k in
                let roll = random.next() % 10
                let value: Doc
                if depth < 3 && roll < 3 { value = .map(map(depth: depth + 1)) }
                else if depth < 3 && roll < 5 {
                    value = .items((0..<Int(1 + random.next() % 3)).map { i in ("n\(depth)\(k)\(i)", map(depth: 3)) })
                } else { value = scalar() }
                return ("k\(depth)\(k)", value)
            }
        }
    }

    static func emit(_ pairs: [(String, Doc)], indent: Int, into lines: inout [String], first: String? = nil) {
        for (n, (key, value)) in pairs.enumerated() {
            let pad = n == 0 && first != nil ? first! : String(repeating: " ", count: indent)
            switch value {
            case .scalar(let s): lines.append("\(pad)\(key): \(s)" + (s.hasPrefix("v") ? "  # note on \(key)" : ""))
            case .map(let inner):
                lines.append("\(pad)\(key):")
                emit(inner, indent: indent + 2, into: &lines)
            case .items(let items):
                lines.append("\(pad)\(key):")
                for (name, rest) in items {
                    emit([("name", .scalar(name))] + rest, indent: indent + 4, into: &lines, first: String(repeating: " ", count: indent + 2) + "- ")
                }
            }
        }
    }

    static func text(_ doc: [(String, Doc)]) -> String {
        var lines: [String] = ["# generated"]
        emit(doc, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every path of a scalar leaf, and of every mapping and list (where keys and items can be added).
    static func paths(_ pairs: [(String, Doc)], _ prefix: [Step] = []) -> (leaves: [[Step]], maps: [[Step]], lists: [[Step]]) {
        var result: (leaves: [[Step]], maps: [[Step]], lists: [[Step]]) = ([], [prefix], [])
        for (key, value) in pairs {
            let path = prefix + [.key(key)]
            switch value {
            case .scalar: result.leaves.append(path)
            case .map(let inner):
                let sub = paths(inner, path)
                result.leaves += sub.leaves; result.maps += sub.maps; result.lists += sub.lists
            case .items(let items):
                result.lists.append(path)
                for (name, rest) in items {
                    let sub = paths(rest, path + [.item(name)])
                    result.leaves += sub.leaves; result.maps += sub.maps; result.lists += sub.lists
                }
            }
        }
        return result
    }

    /// `doc` with `change` applied to the mapping or list at `path` (its last step for a leaf).
    static func edit(_ pairs: [(String, Doc)], at path: ArraySlice<Step>, _ change: (inout [(String, Doc)]) -> Void) -> [(String, Doc)] {
        guard let step = path.first else { var copy = pairs; change(&copy); return copy }
        guard case .key(let key) = step, let index = pairs.firstIndex(where: { $0.0 == key }) else { return pairs }
        var copy = pairs
        switch copy[index].1 {
        case .map(let inner): copy[index].1 = .map(edit(inner, at: path.dropFirst(), change))
        case .items(var items):
            guard case .item(let name)? = path.dropFirst().first, let i = items.firstIndex(where: { $0.0 == name }) else {
                // The list itself: an item is added (as a mapping holding `name` and the rest).
                var wrapped = items.map { ($0.0, Doc.map($0.1)) }
                change(&wrapped)
                items = wrapped.map { pair in
                    if case .map(let rest) = pair.1 { return (pair.0, rest) }
                    return (pair.0, [])
                }
                copy[index].1 = .items(items)
                return copy
            }
            items[i].1 = edit(items[i].1, at: path.dropFirst(2), change)
            copy[index].1 = .items(items)
        case .scalar: change(&copy)
        }
        return copy
    }

    /// A random edit: its path (for disjointness) and the document it makes.
    static func randomEdit(_ doc: [(String, Doc)], side: String, _ g: inout Generator) -> (path: [Step], doc: [(String, Doc)]) {
        let all = paths(doc)
        switch g.random.next() % 4 {
        case 0 where !all.lists.isEmpty:
            let list = all.lists[Int(g.random.next() % UInt64(all.lists.count))]
            let name = "new-\(side)-\(g.counter)"
            let rest: [(String, Doc)] = [("v", g.scalar())]
            return (list + [.item(name)], edit(doc, at: list[...]) { items in items.append((name, .map(rest))) })
        case 1:
            let map = all.maps[Int(g.random.next() % UInt64(all.maps.count))]
            let key = "added_\(side)_\(g.counter)"
            let value = g.scalar()
            return (map + [.key(key)], edit(doc, at: map[...]) { pairs in
                pairs.insert((key, value), at: Int(g.random.next() % UInt64(pairs.count + 1)))
            })
        case 2 where all.leaves.count > 1:
            let leaf = all.leaves[Int(g.random.next() % UInt64(all.leaves.count))]
            guard case .key(let key) = leaf.last!, key != "name" else { fallthrough }
            return (leaf, edit(doc, at: leaf.dropLast()) { pairs in
                if pairs.count > 1 { pairs.removeAll { $0.0 == key } }
            })
        default:
            let leaf = all.leaves[Int(g.random.next() % UInt64(all.leaves.count))]
            guard case .key(let key) = leaf.last!, key != "name" else { return ([], doc) }
            let value = g.scalar()
            return (leaf, edit(doc, at: leaf.dropLast()) { pairs in
                if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = value }
            })
        }
    }

    static func touches(_ a: [Step], _ b: [Step]) -> Bool {
        a.isEmpty || b.isEmpty || Array(a.prefix(b.count)) == b || Array(b.prefix(a.count)) == a
    }

    /// The document YAML text reads as, in the test's own shape.
    static func reread(_ node: YAMLNode) -> Doc {
        switch node.content {
        case .scalar(let s): return .scalar(s.style == .doubleQuoted ? "\"\(s.value)\"" : s.value)
        case .mapping(let pairs): return .map(pairs.map { ($0.key.scalar?.value ?? "", reread($0.value)) })
        case .sequence(let items):
            return .items(items.map { item in
                guard case .map(let pairs) = reread(item) else { return ("?", []) }
                let name = pairs.first { $0.0 == "name" }.map { pair -> String in if case .scalar(let s) = pair.1 { return s }; return "?" } ?? "?"
                return (name, pairs.filter { $0.0 != "name" })
            })
        }
    }

    @Test(arguments: 0..<500)
    func disjointEditsMergeToBothSidesChanges(_ seed: Int) throws {
        var g = Generator(random: SeededRandom(seed: UInt64(seed) &* 7919 &+ 17))
        let base = g.map(depth: 0)
        var ours = base, theirs = base
        var ourPaths: [[Step]] = [], theirPaths: [[Step]] = []
        var expected = base
        for _ in 0..<Int(1 + g.random.next() % 3) {
            let edit = Self.randomEdit(ours, side: "ours", &g)
            guard !edit.path.isEmpty, !ourPaths.contains(where: { Self.touches($0, edit.path) }) else { continue }
            ours = edit.doc; ourPaths.append(edit.path)
        }
        for _ in 0..<Int(1 + g.random.next() % 3) {
            let edit = Self.randomEdit(theirs, side: "theirs", &g)
            guard !edit.path.isEmpty, !(ourPaths + theirPaths).contains(where: { Self.touches($0, edit.path) }) else { continue }
            theirs = edit.doc; theirPaths.append(edit.path)
        }
        // The expected merge: replay both sides' documents' differences onto the base, by path.
        expected = Self.combine(base: base, ours: ours, theirs: theirs)
        let outcome = StructuralMerge.merge(base: Self.text(base), ours: Self.text(ours), theirs: Self.text(theirs), file: "x.yaml")
        guard case .merged(let text) = outcome else {
            Issue.record("seed \(seed): \(outcome)\n--- base\n\(Self.text(base))--- ours\n\(Self.text(ours))--- theirs\n\(Self.text(theirs))")
            return
        }
        let node = try YAML.parseDocument(text, file: "merged.yaml")
        #expect(Self.reread(node) == .map(expected), "seed \(seed):\n\(text)")
        #expect(text.hasPrefix("# generated\n"))
    }

    @Test(arguments: 0..<40)
    func differentChangesToOneScalarConflictThere(_ seed: Int) {
        var g = Generator(random: SeededRandom(seed: UInt64(seed) &+ 99))
        let base = g.map(depth: 0)
        let leaves = Self.paths(base).leaves.filter { if case .key(let k) = $0.last! { return k != "name" }; return false }
        guard let leaf = leaves.first else { return }
        guard case .key(let key) = leaf.last! else { return }
        let mine = Self.edit(base, at: leaf.dropLast()) { p in if let i = p.firstIndex(where: { $0.0 == key }) { p[i].1 = .scalar("ours") } }
        let their = Self.edit(base, at: leaf.dropLast()) { p in if let i = p.firstIndex(where: { $0.0 == key }) { p[i].1 = .scalar("theirs") } }
        let expectedPath = leaf.map { step -> String in
            switch step { case .key(let k): return "." + k; case .item(let n): return "[name=\(n)]" }
        }.joined().dropFirst()
        guard case .partial(let text, let conflicts) = StructuralMerge.merge(base: Self.text(base), ours: Self.text(mine),
                                                                             theirs: Self.text(their), file: "x.yaml") else {
            Issue.record("seed \(seed): not a partial merge")
            return
        }
        #expect(conflicts == [String(expectedPath)], "seed \(seed)")
        // Ours' side of the markers is ours' document; theirs' side, theirs'.
        for (side, expected) in [(1, Self.text(mine)), (2, Self.text(their))] {
            var lines: [Substring] = []
            var at = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("<<<<<<< ") { at = 1 } else if line == "=======" { at = 2 } else if line.hasPrefix(">>>>>>> ") { at = 0 }
                else if at == 0 || at == side { lines.append(line) }
            }
            #expect(lines.joined(separator: "\n") == expected, "seed \(seed), side \(side)")
        }
    }

    /// Base with each side's changes: for every key, the side that changed it wins (they never
    /// both do here), recursively; named lists by name.
    static func combine(base: [(String, Doc)], ours: [(String, Doc)], theirs: [(String, Doc)]) -> [(String, Doc)] {
        var result: [(String, Doc)] = []
        let keys = (ours.map(\.0) + theirs.map(\.0) + base.map(\.0)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for key in keys {
            let b = base.first { $0.0 == key }?.1, o = ours.first { $0.0 == key }?.1, t = theirs.first { $0.0 == key }?.1
            if let b, o == nil || t == nil {  // deleted by one side (unchanged on the other)
                if o != nil, t == nil, o! == b { continue }
                if t != nil, o == nil, t! == b { continue }
            }
            guard let value = merged(b, o, t) else { continue }
            result.append((key, value))
        }
        return result
    }

    static func merged(_ b: Doc?, _ o: Doc?, _ t: Doc?) -> Doc? {
        guard let o else { return t.flatMap { b == nil ? $0 : nil } }
        guard let t else { return b == nil ? o : nil }
        if o == t { return o }
        guard let b else { return o }
        if o == b { return t }
        if t == b { return o }
        switch (b, o, t) {
        case (.map(let bp), .map(let op), .map(let tp)): return .map(combine(base: bp, ours: op, theirs: tp))
        case (.items(let bi), .items(let oi), .items(let ti)):
            var result: [(String, [(String, Doc)])] = []
            let names = (oi.map(\.0) + ti.map(\.0) + bi.map(\.0)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for name in names {
                let bb = bi.first { $0.0 == name }.map { Doc.map($0.1) }
                let oo = oi.first { $0.0 == name }.map { Doc.map($0.1) }
                let tt = ti.first { $0.0 == name }.map { Doc.map($0.1) }
                if bb != nil && (oo == nil || tt == nil) { continue }
                if let value = merged(bb, oo, tt), case .map(let rest) = value { result.append((name, rest)) }
            }
            return .items(result)
        default: return o
        }
    }
}
