/// A three-way merge of YAML documents by key path rather than by line, for the files a line
/// merge conflicts on although the two sides changed different keys.
///
/// The result is ours' text with only the spans theirs changed edited: a changed scalar is
/// replaced in place (its line's comment kept), a key or identity-keyed list item theirs added is
/// inserted after its base neighbour in theirs' text (re-indented, with ours' line endings), one
/// theirs deleted is removed. Mappings merge by key, sequences of mappings by their `name` (an
/// item's identity), other sequences and scalars as whole values. The result is parsed again and
/// must equal the merged value; anything the merge cannot represent faithfully (anchors, aliases,
/// merge keys, tags, flow collections, differing document counts, a path both sides changed
/// differently) gives nil, and the caller keeps the line merge.
public enum StructuralMerge {
    public enum Outcome: Equatable, Sendable {
        case merged(String)
        /// Everything merged but these key paths, which both sides changed differently: the text
        /// has git-style markers around each one's lines (ours, then theirs) and nowhere else.
        case partial(String, conflicts: [String])
        /// Both sides changed these key paths differently (`a.b[name=app].c`) in a way the merge
        /// cannot mark on its own (a deletion against a change).
        case conflicts([String])
        /// A file this merge does not handle: keep the line merge.
        case unsupported
    }

    /// `labels`: what the markers name (ours, theirs). `json`: the texts are JSON, merged the
    /// same way (a multi-line object or array is edited by lines, as a block collection is), with
    /// the commas put right afterwards and the result checked to be JSON; a JSON file with keys
    /// that truly conflict keeps the line merge (markers inside JSON would be another format).
    public static func merge(base: String, ours: String, theirs: String, file: String,
                             labels: (ours: String, theirs: String) = ("ours", "theirs"), json: Bool = false) -> Outcome {
        guard let baseDocs = SpanTree.parse(base, file: file, json: json), let ourDocs = SpanTree.parse(ours, file: file, json: json),
              let theirDocs = SpanTree.parse(theirs, file: file, json: json),
              baseDocs.roots.count == ourDocs.roots.count, ourDocs.roots.count == theirDocs.roots.count else { return .unsupported }
        var merger = Merger(ours: ourDocs, theirs: theirDocs)
        var expected: [Canonical] = []
        for k in ourDocs.roots.indices {
            guard let value = merger.merge(baseDocs.roots[k], ourDocs.roots[k], theirDocs.roots[k], path: "", keyColumn: nil) else {
                return merger.conflicts.isEmpty ? .unsupported : .conflicts(merger.conflicts)
            }
            expected.append(value)
        }
        var result = merger.apply()
        if json {
            let repaired = JSONText.repairingCommas(Array(result.utf8))
            guard JSONText.isValid(repaired) else { return .unsupported }
            result = String(decoding: repaired, as: UTF8.self)
        }
        // Never a wrong file: the text must read back as exactly the merged value (ours' where
        // both sides changed a key; the markers then go around those).
        guard let reread = try? YAML.parse(result, file: file), reread.map(Canonical.init) == expected else { return .unsupported }
        if merger.regions.isEmpty { return .merged(result) }
        if json { return .conflicts(merger.conflicts) }
        return .partial(merger.apply(markers: labels), conflicts: merger.conflicts)
    }
}

/// A value compared as YAML means it: mappings by key (order aside), scalars by resolved value.
indirect enum Canonical: Equatable {
    case scalar(ResolvedScalar)
    case mapping([String: Canonical])
    case sequence([Canonical])

    init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let s): self = .scalar(s.resolved)
        case .sequence(let items): self = .sequence(items.map(Canonical.init))
        case .mapping(let pairs):
            var d: [String: Canonical] = [:]
            for p in pairs { d[p.key.scalar?.value ?? ""] = Canonical(p.value) }
            self = .mapping(d)
        }
    }

    init(_ node: SpanNode) {
        switch node.content {
        case .scalar(let s): self = .scalar(s.resolved)
        case .sequence(let items): self = .sequence(items.map(Canonical.init))
        case .mapping(let pairs):
            var d: [String: Canonical] = [:]
            for p in pairs { d[p.key] = Canonical(p.value) }
            self = .mapping(d)
        }
    }
}

/// A parsed node with where it is in its text: byte offsets and lines (0-based).
struct SpanNode {
    enum Content {
        case scalar(YAMLScalar)
        case sequence([SpanNode])
        case mapping([(key: String, keyNode: SpanNode, value: SpanNode)])
    }
    var content: Content
    var start: Int
    var end: Int
    var line: Int
    var column: Int
    /// The last line holding any of the node's text.
    var lastLine: Int
    /// A flow collection (`{}`, `[a, b]`): merged only as a whole value.
    var isFlow = false
}

/// The documents of a text as span nodes, and the text's lines; nil for what the merge refuses.
struct SpanTree {
    let bytes: [UInt8]
    /// Byte offset where each line starts.
    let lineStarts: [Int]
    var roots: [SpanNode]
    var json = false

    /// `json`: multi-line flow collections (JSON's objects and arrays) are read as block ones,
    /// merged inside and edited by lines; one-line ones stay whole values.
    static func parse(_ text: String, file: String, json: Bool = false) -> SpanTree? {
        let bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        var tree = SpanTree(bytes: bytes, lineStarts: starts, roots: [], json: json)
        let reader = EventReader(text: text, file: file)
        do {
            while true {
                let event = try reader.next()
                switch event.kind {
                case .streamStart, .documentEnd: continue
                case .streamEnd: return tree
                case .documentStart:
                    guard let root = try tree.node(reader.next(), reader) else { return nil }
                    tree.roots.append(root)
                default: return nil
                }
            }
        } catch {
            return nil
        }
    }

    /// The byte offset of a mark (columns count characters).
    func offset(_ mark: Mark) -> Int {
        let line = min(max(mark.line - 1, 0), lineStarts.count - 1)
        var i = lineStarts[line]
        var column = 1
        while column < mark.column && i < bytes.count && bytes[i] != 0x0A {
            i += 1
            while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return i
    }

    func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    private func node(_ event: ParserEvent, _ reader: EventReader) throws(YAMLError) -> SpanNode? {
        let start = offset(event.mark)
        switch event.kind {
        case .scalar(let scalar, let anchor):
            guard anchor == nil, scalar.tag == nil else { return nil }
            let end = offset(event.end)
            return SpanNode(content: .scalar(scalar), start: start, end: end, line: event.mark.line - 1, column: event.mark.column - 1,
                            lastLine: line(of: max(end - 1, start)))
        case .sequenceStart(let anchor):
            guard anchor == nil else { return nil }
            var items: [SpanNode] = []
            var close = event.end
            while true {
                let next = try reader.next()
                if case .sequenceEnd = next.kind { close = next.end; break }
                guard let item = try node(next, reader) else { return nil }
                items.append(item)
            }
            return collection(.sequence(items), event, close: close, children: items)
        case .mappingStart(let anchor):
            guard anchor == nil else { return nil }
            var pairs: [(key: String, keyNode: SpanNode, value: SpanNode)] = []
            var close = event.end
            while true {
                let next = try reader.next()
                if case .mappingEnd = next.kind { close = next.end; break }
                guard let key = try node(next, reader), case .scalar(let k) = key.content,
                      !(k.style == .plain && k.value == "<<"), !pairs.contains(where: { $0.key == k.value }),
                      let value = try node(reader.next(), reader) else { return nil }
                pairs.append((k.value, key, value))
            }
            return collection(.mapping(pairs), event, close: close, children: pairs.flatMap { [$0.keyNode, $0.value] })
        default:
            return nil  // aliases, and anything else this merge does not rewrite
        }
    }

    /// A collection's span: a flow one to its closing bracket, a block one to its last child.
    private func collection(_ content: SpanNode.Content, _ start: ParserEvent, close: Mark, children: [SpanNode]) -> SpanNode {
        let from = offset(start.mark)
        let end = start.isFlow ? offset(close) : (children.last?.end ?? from)
        let last = start.isFlow ? line(of: max(end - 1, from)) : (children.map(\.lastLine).max() ?? start.mark.line - 1)
        var node = SpanNode(content: content, start: from, end: end, line: start.mark.line - 1, column: start.mark.column - 1, lastLine: last)
        node.isFlow = start.isFlow && !(json && node.lastLine > node.line)
        return node
    }
}

/// Walks base, ours and theirs together, collecting edits to ours' text.
private struct Merger {
    let ours: SpanTree
    let theirs: SpanTree
    private(set) var conflicts: [String] = []
    /// Ours' lines and theirs' (re-indented) for each key both sides changed, to be marked.
    /// Ours' lines (a half-open range; empty where ours deleted the key) and theirs' lines.
    private(set) var regions: [(ours: Range<Int>, theirs: [UInt8])] = []
    /// Set by a value conflict the caller can mark (the whole pair or item is the region).
    private var markable = false
    /// Byte range of ours' text and its replacement, non-overlapping; in the order made, which
    /// for insertions at one place is the order they appear in.
    private var edits: [(range: Range<Int>, text: [UInt8], order: Int)] = []
    /// Ours' line ending, used for every inserted line.
    private let newline: [UInt8]

    init(ours: SpanTree, theirs: SpanTree) {
        self.ours = ours
        self.theirs = theirs
        let firstBreak = ours.bytes.firstIndex(of: 0x0A)
        newline = firstBreak.map { $0 > 0 && ours.bytes[$0 - 1] == 0x0D } == true ? [0x0D, 0x0A] : [0x0A]
    }

    /// The merged value at `path`, recording the edits that make ours' text say it; nil when the
    /// merge cannot (a conflict, recorded, or a shape it does not edit).
    mutating func merge(_ base: SpanNode?, _ mine: SpanNode, _ their: SpanNode, path: String, keyColumn: (Int, Int)?) -> Canonical? {
        let b = base.map(Canonical.init), o = Canonical(mine), t = Canonical(their)
        if t == b || t == o { return o }          // theirs did not change it, or changed it as ours did
        // Mappings (and identity-keyed lists) merge inside, so only the keys theirs changed are edited.
        let block = !(base?.isFlow ?? false) && !mine.isFlow && !their.isFlow
        if block, case .mapping(let bp) = base?.content, case .mapping(let op) = mine.content, case .mapping(let tp) = their.content {
            return mergeMappings(bp, op, tp, mine: mine, their: their, path: path)
        }
        if block, let base, case .sequence(let bi) = base.content, case .sequence(let oi) = mine.content, case .sequence(let ti) = their.content,
           let bk = Self.identities(bi), let ok = Self.identities(oi), let tk = Self.identities(ti) {
            return mergeIdentityLists(bi, bk, oi, ok, ti, tk, mine: mine, their: their, path: path)
        }
        if o == b {                                // ours did not change it: take theirs' value here
            return takeTheirs(mine, their, path: path, keyColumn: keyColumn) ? t : nil
        }
        conflicts.append(path.isEmpty ? "(document)" : path)
        markable = !path.isEmpty
        return nil
    }

    private mutating func mergeMappings(_ bp: [(key: String, keyNode: SpanNode, value: SpanNode)],
                                        _ op: [(key: String, keyNode: SpanNode, value: SpanNode)],
                                        _ tp: [(key: String, keyNode: SpanNode, value: SpanNode)],
                                        mine: SpanNode, their: SpanNode, path: String) -> Canonical? {
        var result: [String: Canonical] = [:]
        let baseKeys = Dictionary(uniqueKeysWithValues: bp.map { ($0.key, $0.value) })
        let theirKeys = Dictionary(uniqueKeysWithValues: tp.map { ($0.key, $0.value) })
        let ourKeys = Dictionary(uniqueKeysWithValues: op.map { ($0.key, $0.value) })
        let columns = (op.first?.keyNode.column ?? 0, tp.first?.keyNode.column ?? 0)
        for pair in op {
            let sub = Self.join(path, pair.key)
            let baseValue = baseKeys[pair.key]
            if let theirValue = theirKeys[pair.key] {
                guard let merged = merge(baseValue, pair.value, theirValue, path: sub, keyColumn: columns) else {
                    // Both changed this key's value: ours stays, marked against theirs.
                    guard markable, let theirPair = tp.first(where: { $0.key == pair.key }) else { return nil }
                    markable = false
                    mark(pair.keyNode.line...max(pair.keyNode.lastLine, pair.value.lastLine),
                         against: theirPair.keyNode.line...max(theirPair.keyNode.lastLine, theirPair.value.lastLine),
                         shift: columns.0 - columns.1)
                    result[pair.key] = Canonical(pair.value)
                    continue
                }
                result[pair.key] = merged
            } else if let baseValue {
                // Theirs deleted it: gone if ours left it as it was; ours changed it: ours' lines
                // marked against nothing (theirs' side of the markers is empty).
                guard Canonical(baseValue) == Canonical(pair.value) else {
                    conflicts.append(sub)
                    regions.append((pair.keyNode.line..<(max(pair.keyNode.lastLine, pair.value.lastLine) + 1), []))
                    result[pair.key] = Canonical(pair.value)
                    continue
                }
                removeLines(pair.keyNode.line, max(pair.keyNode.lastLine, pair.value.lastLine))
            } else {
                result[pair.key] = Canonical(pair.value)  // ours added it
            }
        }
        // Keys theirs added, each after its nearest preceding key in theirs that ours has.
        for (index, pair) in tp.enumerated() where ourKeys[pair.key] == nil {
            if baseKeys[pair.key] != nil { continue }  // ours deleted it: stays deleted unless theirs changed it
            let previous = tp[..<index].reversed().first { ourKeys[$0.key] != nil }
            let anchorLine: Int
            if let previous, var j = op.firstIndex(where: { $0.key == previous.key }) {
                // After the neighbour, and after keys ours added right behind it: ours' insertion comes first.
                while j + 1 < op.count, baseKeys[op[j + 1].key] == nil, theirKeys[op[j + 1].key] == nil { j += 1 }
                anchorLine = max(op[j].keyNode.lastLine, op[j].value.lastLine) + 1
            } else if let first = op.first {
                anchorLine = first.keyNode.line
            } else {
                return nil
            }
            insertLines(lines: pair.keyNode.line...max(pair.keyNode.lastLine, pair.value.lastLine),
                        before: anchorLine, shift: columns.0 - pair.keyNode.column)
            result[pair.key] = Canonical(pair.value)
        }
        // A key ours deleted that theirs changed: nothing on ours' side of the markers, theirs'
        // lines on the other, where the key was (after its nearest base neighbour ours kept).
        for (index, pair) in bp.enumerated() where ourKeys[pair.key] == nil {
            guard let theirPair = tp.first(where: { $0.key == pair.key }), Canonical(theirPair.value) != Canonical(pair.value) else { continue }
            conflicts.append(Self.join(path, pair.key))
            let previous = bp[..<index].reversed().first { ourKeys[$0.key] != nil }
            let line: Int
            if let previous, let ourPair = op.first(where: { $0.key == previous.key }) {
                line = max(ourPair.keyNode.lastLine, ourPair.value.lastLine) + 1
            } else if let first = op.first {
                line = first.keyNode.line
            } else {
                return nil
            }
            regions.append((line..<line, theirLines(theirPair.keyNode.line...max(theirPair.keyNode.lastLine, theirPair.value.lastLine),
                                                    shift: columns.0 - columns.1)))
        }
        return .mapping(result)
    }

    private mutating func mergeIdentityLists(_ bi: [SpanNode], _ bk: [String], _ oi: [SpanNode], _ ok: [String],
                                             _ ti: [SpanNode], _ tk: [String], mine: SpanNode, their: SpanNode,
                                             path: String) -> Canonical? {
        // The merged list in ours' order: slot k holds what is inserted before ours' item k.
        var merged: [Canonical?] = Array(repeating: nil, count: oi.count)
        var slots: [[Canonical]] = Array(repeating: [], count: oi.count + 1)
        for (index, item) in oi.enumerated() {
            let name = ok[index]
            let sub = path + "[\(name)]"
            let baseItem = bk.firstIndex(of: name).map { bi[$0] }
            if let t = tk.firstIndex(of: name) {
                guard let value = merge(baseItem, item, ti[t], path: sub, keyColumn: nil) else {
                    guard markable else { return nil }
                    markable = false
                    mark(item.line...item.lastLine, against: ti[t].line...ti[t].lastLine, shift: (oi.first?.column ?? 0) - (ti.first?.column ?? 0))
                    merged[index] = Canonical(item)
                    continue
                }
                merged[index] = value
            } else if let baseItem {
                guard Canonical(baseItem) == Canonical(item) else { conflicts.append(sub); return nil }
                removeLines(item.line, item.lastLine)
            } else {
                merged[index] = Canonical(item)
            }
        }
        for (index, item) in ti.enumerated() where !ok.contains(tk[index]) && !bk.contains(tk[index]) {
            let previous = tk[..<index].reversed().first { ok.contains($0) }
            let anchorLine: Int
            let slot: Int
            if let previous, var o = ok.firstIndex(of: previous) {
                while o + 1 < oi.count, !bk.contains(ok[o + 1]), !tk.contains(ok[o + 1]) { o += 1 }
                (anchorLine, slot) = (oi[o].lastLine + 1, o + 1)
            }
            else if let first = oi.first { (anchorLine, slot) = (first.line, 0) } else { return nil }
            let shift = (oi.first?.column ?? 0) - (ti.first?.column ?? 0)
            insertLines(lines: item.line...item.lastLine, before: anchorLine, shift: shift)
            slots[slot].append(Canonical(item))
        }
        for (index, item) in bi.enumerated() where !ok.contains(bk[index]) {
            if let t = tk.firstIndex(of: bk[index]), Canonical(ti[t]) != Canonical(item) {
                conflicts.append(path + "[\(bk[index])]")
                return nil
            }
        }
        var result = slots[0]
        for k in oi.indices {
            if let value = merged[k] { result.append(value) }
            result += slots[k + 1]
        }
        return .sequence(result)
    }

    /// Ours' value replaced by theirs: a scalar in its span, anything else as whole lines.
    private mutating func takeTheirs(_ mine: SpanNode, _ their: SpanNode, path: String, keyColumn: (Int, Int)?) -> Bool {
        // A one-line value (a scalar, a flow collection) in place, whatever follows it on its line.
        if mine.line == mine.lastLine, their.line == their.lastLine, Self.isInline(mine), Self.isInline(their) {
            edit(mine.start..<mine.end, Array(theirs.bytes[their.start..<their.end]))
            return true
        }
        // Whole values inside a mapping (a changed list, a block scalar): from the value's start to
        // the end of its last line, continuation lines shifted to ours' indentation.
        guard let (ourColumn, theirColumn) = keyColumn else { return false }
        let ourEnd = lineEnd(ours, mine.lastLine)
        let theirEnd = lineEnd(theirs, their.lastLine)
        var text = Array(theirs.bytes[their.start..<theirEnd])
        text = reindent(text, shift: ourColumn - theirColumn, skipFirst: true)
        edit(mine.start..<ourEnd, text)
        return true
    }

    /// Where `line`'s text ends, before its line break.
    private mutating func edit(_ range: Range<Int>, _ text: [UInt8]) {
        edits.append((range, text, edits.count))
    }

    private func lineEnd(_ tree: SpanTree, _ line: Int) -> Int {
        var end = line + 1 < tree.lineStarts.count ? tree.lineStarts[line + 1] - 1 : tree.bytes.count
        if end > tree.lineStarts[line] && tree.bytes[end - 1] == 0x0D { end -= 1 }
        return end
    }

    private mutating func removeLines(_ first: Int, _ last: Int) {
        let start = ours.lineStarts[first]
        let end = last + 1 < ours.lineStarts.count ? ours.lineStarts[last + 1] : ours.bytes.count
        edit(start..<end, [])
    }

    /// Theirs' `lines`, shifted by `shift` columns and with ours' line endings, inserted before ours' `line`.
    private mutating func insertLines(lines: ClosedRange<Int>, before line: Int, shift: Int) {
        var text = theirLines(lines, shift: shift)
        let at = line < ours.lineStarts.count ? ours.lineStarts[line] : ours.bytes.count
        // At the very end of a file without a final newline, the inserted lines need one before them.
        if at == ours.bytes.count, let last = ours.bytes.last, last != 0x0A { text = newline + text.dropLast(newline.count) }
        edit(at..<at, text)
    }

    private func reindent(_ text: [UInt8], shift: Int, skipFirst: Bool) -> [UInt8] {
        guard shift != 0 else { return text }
        var out: [UInt8] = []
        var atLineStart = !skipFirst
        var i = 0
        while i < text.count {
            if atLineStart {
                atLineStart = false
                if shift > 0 {
                    if text[i] != 0x0A && text[i] != 0x0D { out += [UInt8](repeating: 0x20, count: shift) }
                } else {
                    var removed = 0
                    while removed < -shift && i < text.count && text[i] == 0x20 { i += 1; removed += 1 }
                    continue
                }
            }
            out.append(text[i])
            if text[i] == 0x0A { atLineStart = true }
            i += 1
        }
        return out
    }

    private mutating func mark(_ mine: ClosedRange<Int>, against their: ClosedRange<Int>, shift: Int) {
        regions.append((mine.lowerBound..<(mine.upperBound + 1), theirLines(their, shift: shift)))
    }

    /// Theirs' `lines`, shifted by `shift` columns, each ended with ours' line ending.
    private func theirLines(_ lines: ClosedRange<Int>, shift: Int) -> [UInt8] {
        var text: [UInt8] = []
        for l in lines {
            let start = theirs.lineStarts[l]
            var end = l + 1 < theirs.lineStarts.count ? theirs.lineStarts[l + 1] : theirs.bytes.count
            while end > start && (theirs.bytes[end - 1] == 0x0A || theirs.bytes[end - 1] == 0x0D) { end -= 1 }
            text += reindent(Array(theirs.bytes[start..<end]), shift: shift, skipFirst: false) + newline
        }
        return text
    }

    /// Ours' text with every edit applied and, with `markers`, each conflicting region between
    /// `<<<<<<< ours`, `=======` (theirs' lines) and `>>>>>>> theirs`.
    func apply(markers: (ours: String, theirs: String)? = nil) -> String {
        var edits = self.edits
        if let markers {
            for region in regions {
                let start = region.ours.lowerBound < ours.lineStarts.count ? ours.lineStarts[region.ours.lowerBound] : ours.bytes.count
                let end = region.ours.upperBound < ours.lineStarts.count ? ours.lineStarts[region.ours.upperBound] : ours.bytes.count
                // A last line without its line break gets one before the markers that follow it.
                let lineBreak = end == ours.bytes.count && !ours.bytes.isEmpty && ours.bytes.last != 0x0A ? newline : []
                let closing: [UInt8] = Array("=======".utf8) + newline + region.theirs + Array(">>>>>>> \(markers.theirs)".utf8) + newline
                let opening = Array("<<<<<<< \(markers.ours)".utf8) + newline
                if region.ours.isEmpty {
                    edits.append((start..<start, lineBreak + opening + closing, Int.max))  // ours deleted the key: one block
                } else if !lineBreak.isEmpty {
                    edits.append((start..<start, opening, Int.max))
                    edits.append((end..<end, lineBreak + closing, Int.min))
                } else {
                    // Next to the region, whatever else is inserted at the same place (see the ordering below).
                    edits.append((start..<start, opening, Int.max))
                    edits.append((end..<end, closing, Int.min))
                }
            }
        }
        var bytes = ours.bytes
        // From the end, so offsets stay valid. At one offset, a replacement or deletion first (an
        // insertion there must not fall into its range), then the insertions, last made first, so
        // they read in the order made.
        func key(_ e: (range: Range<Int>, text: [UInt8], order: Int)) -> (Int, Int, Int) {
            (e.range.lowerBound, e.range.isEmpty ? 0 : 1, e.order)
        }
        for edit in edits.sorted(by: { key($0) > key($1) }) {
            bytes.replaceSubrange(edit.range, with: edit.text)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A scalar or a flow collection: text within a line, not lines of its own.
    static func isInline(_ node: SpanNode) -> Bool {
        if case .scalar = node.content { return true }
        return node.isFlow
    }

    /// The keys that name a list item, in order of preference: `name` (containers, env entries,
    /// ports, jobs), then a GitHub Actions step's `id` or `uses` (`- uses: actions/checkout@v5`
    /// steps have no name).
    static let identityKeys = ["name", "id", "uses"]

    /// Each item's identity (`name=app`, `uses=actions/setup-go@v6`), when every item is a
    /// mapping with one and no two share it.
    static func identities(_ items: [SpanNode]) -> [String]? {
        var names: [String] = []
        for item in items {
            guard case .mapping(let pairs) = item.content,
                  let (key, value) = identityKeys.lazy.compactMap({ key in
                      pairs.first(where: { $0.key == key }).map { (key, $0.value) }
                  }).first,
                  case .scalar(let s) = value.content, !names.contains("\(key)=\(s.value)") else { return nil }
            names.append("\(key)=\(s.value)")
        }
        return names.isEmpty ? nil : names
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
}
