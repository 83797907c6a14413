import CYAML

/// One libyaml parser event, copied out of C memory.
struct ParserEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias(anchor: String)
        case scalar(YAMLScalar, anchor: String?)
        case sequenceStart(anchor: String?)
        case sequenceEnd
        case mappingStart(anchor: String?)
        case mappingEnd
    }

    var kind: Kind
    var mark: Mark
    /// Where the event's text ends (after a scalar's last character; for a collection's end,
    /// where the next token starts).
    var end: Mark = .none
    /// A flow collection (`[a, b]`, `{a: 1}`) rather than a block one.
    var isFlow = false
}

/// Pulls events from libyaml. The parser struct lives at a fixed address because libyaml keeps
/// pointers into it; the input bytes are owned here for the parser's lifetime.
final class EventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCount: Int
    private let file: String

    init(text: String, file: String) {
        self.file = file
        let bytes = Array(text.utf8)
        inputCount = bytes.count
        input = .allocate(capacity: max(bytes.count, 1))
        input.initialize(from: bytes, count: bytes.count)
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    func next() throws(YAMLError) -> ParserEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw parserError() }
        defer { yaml_event_delete(&event) }
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        var parsed = try kind(of: event, at: mark)
        parsed.end = Mark(line: Int(event.end_mark.line) + 1, column: Int(event.end_mark.column) + 1)
        switch event.type {
        case YAML_SEQUENCE_START_EVENT: parsed.isFlow = event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
        case YAML_MAPPING_START_EVENT: parsed.isFlow = event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
        default: break
        }
        return parsed
    }

    private func kind(of event: yaml_event_t, at mark: Mark) throws(YAMLError) -> ParserEvent {
        switch event.type {
        case YAML_STREAM_START_EVENT: return ParserEvent(kind: .streamStart, mark: mark)
        case YAML_STREAM_END_EVENT: return ParserEvent(kind: .streamEnd, mark: mark)
        case YAML_DOCUMENT_START_EVENT: return ParserEvent(kind: .documentStart, mark: mark)
        case YAML_DOCUMENT_END_EVENT: return ParserEvent(kind: .documentEnd, mark: mark)
        case YAML_ALIAS_EVENT:
            return ParserEvent(kind: .alias(anchor: Self.string(event.data.alias.anchor) ?? ""), mark: mark)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let value = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            let scalar = YAMLScalar(value, style: Self.style(s.style), tag: Self.string(s.tag))
            return ParserEvent(kind: .scalar(scalar, anchor: Self.string(s.anchor)), mark: mark)
        case YAML_SEQUENCE_START_EVENT:
            return ParserEvent(kind: .sequenceStart(anchor: Self.string(event.data.sequence_start.anchor)), mark: mark)
        case YAML_SEQUENCE_END_EVENT: return ParserEvent(kind: .sequenceEnd, mark: mark)
        case YAML_MAPPING_START_EVENT:
            return ParserEvent(kind: .mappingStart(anchor: Self.string(event.data.mapping_start.anchor)), mark: mark)
        case YAML_MAPPING_END_EVENT: return ParserEvent(kind: .mappingEnd, mark: mark)
        default:
            throw YAMLError(file: file, mark: mark, message: "unexpected YAML event")
        }
    }

    private func parserError() -> YAMLError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        var mark = Mark(line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1)
        var message = Self.readable(problem)
        if problem.contains("cannot start any token"), p.problem_mark.index < inputCount, input[p.problem_mark.index] == 9 {
            message = "tabs are not allowed here; indent with spaces"
        }
        if let context = p.context.map({ String(cString: $0) }) {
            let at = Mark(line: Int(p.context_mark.line) + 1, column: Int(p.context_mark.column) + 1)
            message += " (\(context) starting at \(at.line):\(at.column))"
        }
        if mark.line == 0 { mark = Mark(line: 1, column: 1) }
        return YAMLError(file: file, mark: mark, message: message)
    }

    /// libyaml's problem texts, phrased for people who wrote the file.
    private static func readable(_ problem: String) -> String {
        switch problem {
        case "mapping values are not allowed in this context": return "mapping values are not allowed here"
        case "did not find expected key":
            return "did not find expected key (is the indentation consistent?)"
        case "did not find expected '-' indicator": return "did not find expected '-' (is the indentation consistent?)"
        default: return problem
        }
    }

    private static func style(_ s: yaml_scalar_style_t) -> ScalarStyle {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    private static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: $0) }
    }
}
