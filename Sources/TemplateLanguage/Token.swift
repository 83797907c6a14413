/// The operators of Jinja's expression language.
enum Operator: String, Sendable {
    case add = "+", sub = "-", div = "/", floorDiv = "//", mul = "*", mod = "%", pow = "**"
    case tilde = "~", lbracket = "[", rbracket = "]", lparen = "(", rparen = ")"
    case lbrace = "{", rbrace = "}", eq = "==", ne = "!=", gt = ">", gteq = ">=", lt = "<"
    case lteq = "<=", assign = "=", dot = ".", colon = ":", pipe = "|", comma = ",", semicolon = ";"
}

enum TokenKind: Sendable, Equatable {
    /// Literal template text between tags (already whitespace-controlled): its byte range in
    /// the source, so text is never copied into strings at parse time.
    case data(Range<Int>)
    case variableBegin, variableEnd, blockBegin, blockEnd
    case name(String)
    case string(String)
    case integer(Int)
    case float(Double)
    case op(Operator)
    case eof
}

/// One token and the byte offset where it starts (for error locations).
struct Token: Sendable {
    let kind: TokenKind
    let offset: Int

    /// How error messages name the token: `'endif'`, `end of print statement`.
    var describe: String {
        switch kind {
        case .data: return "template data"
        case .variableBegin: return "begin of print statement"
        case .variableEnd: return "end of print statement"
        case .blockBegin: return "begin of statement block"
        case .blockEnd: return "end of statement block"
        case .name(let n): return "'\(n)'"
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .op(let o): return "'\(o.rawValue)'"
        case .eof: return "end of template"
        }
    }
}
