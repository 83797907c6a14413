/// Evaluated call arguments, bound to parameter names the way Python binds them.
struct CallArguments: Sendable {
    var positional: [Value]
    var keywords: [(name: String, value: Value)]

    init(_ positional: [Value] = [], keywords: [(name: String, value: Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    var isEmpty: Bool { positional.isEmpty && keywords.isEmpty }

    /// Binds to `parameters` in order: positional first, then by keyword. Unknown keywords,
    /// too many positionals, duplicates and missing required parameters are TypeErrors.
    func bind(_ function: String, _ parameters: [String], required: Int = 0) throws(TemplateError) -> [Value?] {
        // Most filter calls pass nothing: share one all-nil array instead of building one.
        if positional.isEmpty, keywords.isEmpty, required == 0, parameters.count < Self.unbound.count {
            return Self.unbound[parameters.count]
        }
        guard positional.count <= parameters.count else {
            throw TemplateError(.type, "\(function)() takes at most \(parameters.count) argument(s) (\(positional.count) given)")
        }
        var bound: [Value?] = positional.map { Optional($0) }
        bound += Array(repeating: nil, count: parameters.count - positional.count)
        for (name, value) in keywords {
            guard let i = parameters.firstIndex(of: name) else {
                throw TemplateError(.type, "\(function)() got an unexpected keyword argument '\(name)'")
            }
            if bound[i] != nil { throw TemplateError(.type, "\(function)() got multiple values for argument '\(name)'") }
            bound[i] = value
        }
        for i in 0..<required where bound[i] == nil {
            throw TemplateError(.type, "\(function)() missing required argument '\(parameters[i])'")
        }
        return bound
    }

    private static let unbound: [[Value?]] = (0..<8).map { Array(repeating: nil, count: $0) }

    /// For functions that take only positionals (`*args`).
    func onlyPositional(_ function: String) throws(TemplateError) -> [Value] {
        if let first = keywords.first {
            throw TemplateError(.type, "\(function)() got an unexpected keyword argument '\(first.name)'")
        }
        return positional
    }
}
