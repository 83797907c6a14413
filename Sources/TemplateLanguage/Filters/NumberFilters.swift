import Foundation

/// Jinja2's numeric filters with Python's conversions and rounding.
extension Filters {
    static let numberFilters: [String: FilterFunction] = [
        "abs": { i, v, a throws(TemplateError) in
            _ = try a.bind("abs", [])
            switch try i.defined(v) {
            case .int(let n):
                guard n != .min else { throw Operators.overflow() }
                return .int(abs(n))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .float(abs(d))
            default: throw TemplateError(.type, "bad operand type for abs(): '\(v.typeName)'")
            }
        },
        "int": { i, v, a throws(TemplateError) in
            let args = try a.bind("int", ["default", "base"])
            let fallback = args[0] ?? .int(0)
            let base = try int(args[1], "int", default: 10)
            switch try i.defined(v) {
            case .int: return v
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d):
                guard d.isFinite else { return fallback }
                guard let n = Int(exactly: d.rounded(.towardZero)) else { throw Operators.overflow() }
                return .int(n)
            case .string(let s):
                if let n = pythonInt(s, base: base) { return .int(n) }
                if let d = pythonFloat(s), d.isFinite {
                    guard let n = Int(exactly: d.rounded(.towardZero)) else { throw Operators.overflow() }
                    return .int(n)
                }
                return fallback
            default: return fallback
            }
        },
        "float": { i, v, a throws(TemplateError) in
            let args = try a.bind("float", ["default"])
            let fallback = args[0] ?? .float(0)
            switch try i.defined(v) {
            case .float: return v
            case .int(let n): return .float(Double(n))
            case .bool(let b): return .float(b ? 1 : 0)
            case .string(let s): return pythonFloat(s).map(Value.float) ?? fallback
            default: return fallback
            }
        },
        "round": { i, v, a throws(TemplateError) in
            let args = try a.bind("round", ["precision", "method"])
            let precision = try int(args[0], "round", default: 0)
            let method = try args[1].map { (m) throws(TemplateError) in try i.string(m) } ?? "common"
            guard ["common", "ceil", "floor"].contains(method) else {
                throw TemplateError(.value, "method must be common, ceil or floor")
            }
            let value = try i.defined(v)
            guard let d = value.numericValue else { throw TemplateError(.type, "type \(value.typeName) doesn't define __round__ method") }
            if method == "common" {
                if case .float = value { return .float(pythonRound(d, precision)) }
                // Python rounds ints to ints (negative precision rounds to tens, hundreds...).
                if precision >= 0 { return .int(Int(d)) }
                return .int(Int(pythonRound(d, precision)))
            }
            let scale = Foundation.pow(10.0, Double(precision))
            let scaled = method == "ceil" ? (d * scale).rounded(.up) : (d * scale).rounded(.down)
            return .float(scaled / scale)
        },
        "filesizeformat": { i, v, a throws(TemplateError) in
            let args = try a.bind("filesizeformat", ["binary"])
            let binary = bool(args[0])
            let value = try i.defined(v)
            let bytes: Double
            if case .string(let s) = value, let d = pythonFloat(s) { bytes = d } else if let d = value.numericValue { bytes = d } else {
                throw TemplateError(.type, "filesizeformat: expected a number")
            }
            let base: Double = binary ? 1024 : 1000
            let prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
            if bytes == 1 { return .string("1 Byte") }
            if bytes < base { return .string("\(Int(bytes)) Bytes") }
            var unit = base
            for (index, prefix) in prefixes.enumerated() {
                unit = Foundation.pow(base, Double(index + 2))
                if bytes < unit || index == prefixes.count - 1 {
                    return .string(PythonFormat.cFormat(base * bytes / unit, type: "f", precision: 1) + " " + prefix)
                }
            }
            return .string("")
        },
    ]

    /// Python's `round(x, n)`: correctly rounded on the exact binary value, ties to even.
    static func pythonRound(_ d: Double, _ digits: Int) -> Double {
        guard d.isFinite else { return d }
        if digits >= 0 {
            guard digits < 300 else { return d }
            // Fast path when the scaled value is clearly not a tie: rounding it is then exact,
            // and dividing two exactly representable integers is correctly rounded.
            if digits <= 8 {
                let scale = Foundation.pow(10.0, Double(digits))
                let scaled = d * scale
                if abs(scaled) < 1e6 {
                    let fraction = abs(scaled - scaled.rounded(.towardZero))
                    if abs(fraction - 0.5) > 1e-6 { return scaled.rounded(.toNearestOrEven) / scale }
                }
            }
            return Double(formatDouble("%.\(digits)f", d)) ?? d
        }
        let scale = Foundation.pow(10.0, Double(-digits))
        let scaled = d / scale
        return scaled.rounded(.toNearestOrEven) * scale
    }

    /// Python's `int(s, base)`: surrounding whitespace, `_` separators, optional sign and prefix.
    static func pythonInt(_ s: String, base: Int) -> Int? {
        var text = PythonString.strip(s, nil, leading: true, trailing: true)
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("+") { negative = text.hasPrefix("-"); text.removeFirst() }
        var radix = base
        let lower = text.lowercased()
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) && (base == r || base == 0) {
            radix = r
            text.removeFirst(2)
            if text.hasPrefix("_") { text.removeFirst() }
        }
        if radix == 0 { radix = 10 }
        guard !text.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__"), (2...36).contains(radix) else { return nil }
        guard let n = Int(text.replacingOccurrences(of: "_", with: ""), radix: radix) else { return nil }
        return negative ? -n : n
    }

    /// Python's `float(s)`: whitespace, `_` between digits, `inf`/`nan` spellings.
    static func pythonFloat(_ s: String) -> Double? {
        let text = PythonString.strip(s, nil, leading: true, trailing: true).lowercased()
        var body = Substring(text)
        if body.hasPrefix("+") || body.hasPrefix("-") { body = body.dropFirst() }
        if ["inf", "infinity", "nan"].contains(String(body)) {
            let negative = text.hasPrefix("-")
            if body == "nan" { return .nan }
            return negative ? -.infinity : .infinity
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || ".e+-_".contains($0)) }) else { return nil }
        if text.contains("_") {
            let scalars = Array(text)
            for (k, c) in scalars.enumerated() where c == "_" {
                guard k > 0, k + 1 < scalars.count, scalars[k - 1].isNumber, scalars[k + 1].isNumber else { return nil }
            }
        }
        return Double(text.replacingOccurrences(of: "_", with: ""))
    }
}
