import CYAML

extension YAML {
    /// Block-style YAML for `node` through libyaml's emitter: 2-space indent, keys in the given order,
    /// no line folding, UTF-8 unescaped.
    ///
    /// Plain scalars are written as they are (their text is their meaning, as the parser resolved it).
    /// Every other scalar is a string and is written so that it reads back as that same string under
    /// YAML 1.1 and 1.2: plain when safe, a literal block for multi-line text, quoted otherwise.
    public static func emit(_ node: YAMLNode) throws(YAMLError) -> String {
        let emitter = Emitter()
        try emitter.emit(node)
        return emitter.output()
    }
}

private final class OutputBuffer {
    var bytes: [UInt8] = []
}

private final class Emitter {
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let buffer = OutputBuffer()

    init() {
        emitter = .allocate(capacity: 1)
        yaml_emitter_initialize(emitter)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        yaml_emitter_set_output(emitter, { data, bytes, size in
            guard let data, let bytes else { return 0 }
            let buffer = Unmanaged<OutputBuffer>.fromOpaque(data).takeUnretainedValue()
            buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: size))
            return 1
        }, Unmanaged.passUnretained(buffer).toOpaque())
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    func output() -> String { String(decoding: buffer.bytes, as: UTF8.self) }

    func emit(_ node: YAMLNode) throws(YAMLError) {
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try send(&event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        try send(&event)
        try emitNode(node)
        yaml_document_end_event_initialize(&event, 1)
        try send(&event)
        yaml_stream_end_event_initialize(&event)
        try send(&event)
        yaml_emitter_flush(emitter)
    }

    private func emitNode(_ node: YAMLNode) throws(YAMLError) {
        var event = yaml_event_t()
        switch node.content {
        case .scalar(let scalar):
            try scalarEvent(scalar, &event)
        case .sequence(let items):
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, items.isEmpty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
            try send(&event)
            for item in items { try emitNode(item) }
            yaml_sequence_end_event_initialize(&event)
            try send(&event)
        case .mapping(let pairs):
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, pairs.isEmpty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
            try send(&event)
            for pair in pairs {
                try emitNode(pair.key)
                try emitNode(pair.value)
            }
            yaml_mapping_end_event_initialize(&event)
            try send(&event)
        }
    }

    private func scalarEvent(_ scalar: YAMLScalar, _ event: inout yaml_event_t) throws(YAMLError) {
        let style: yaml_scalar_style_t
        let plainImplicit: Int32
        if scalar.style == .plain {
            style = YAML_PLAIN_SCALAR_STYLE
            plainImplicit = 1
        } else if PlainScalarSafety.fitsLiteralBlock(scalar.value) {
            style = YAML_LITERAL_SCALAR_STYLE
            plainImplicit = 0
        } else if PlainScalarSafety.isPlainSafe(scalar.value) {
            style = YAML_PLAIN_SCALAR_STYLE
            plainImplicit = 1
        } else if scalar.value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F || $0.value > 0x9F && $0.value != 0x2028 && $0.value != 0x2029 && $0.value != 0xFEFF }) {
            style = YAML_SINGLE_QUOTED_SCALAR_STYLE
            plainImplicit = 0
        } else {
            style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
            plainImplicit = 0
        }
        let bytes = Array(scalar.value.utf8)
        let ok = bytes.withUnsafeBufferPointer { buf in
            yaml_scalar_event_initialize(&event, nil, nil, buf.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(bytes.count), plainImplicit, 1, style)
        }
        guard ok == 1 else { throw error("cannot emit the scalar '\(scalar.value)'") }
        try send(&event)
    }

    private func send(_ event: inout yaml_event_t) throws(YAMLError) {
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "YAML emitter failed"
            throw error(problem)
        }
    }

    private func error(_ message: String) -> YAMLError {
        YAMLError(file: "<emitted YAML>", message: message)
    }
}
