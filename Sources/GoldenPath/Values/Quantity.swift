/// A Kubernetes resource quantity (k8s.io/apimachinery resource.Quantity): `500m`, `0.5`, `512Mi`,
/// `1Gi`, `1e3`, `1.5G`. Held exactly as `units × 10^scale` so that comparisons and the canonical
/// form never suffer from binary floating point.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether the quantity was written with a binary suffix (`Ki`..`Ei`); canonical printing keeps the base.
    public enum Base: Sendable, Hashable { case decimal, binary }

    public private(set) var units: Int
    public private(set) var scale: Int
    public let base: Base
    /// The suffix as written (`m`, `Mi`, `e3`, or empty), kept to explain errors such as `512m` memory.
    public let writtenSuffix: String

    private static let decimalSuffixes: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]
    private static let binarySuffixes: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]

    /// Parses the apimachinery grammar: `[+-]?(digits|digits.digits|digits.|.digits)(suffix)`, suffix one of
    /// the binary SI (`Ki`..`Ei`), decimal SI (`n u m k M G T P E`) or an exponent (`e3`, `E-2`).
    public init(parsing text: String) throws(ValueProblem) {
        let invalid = ValueProblem("'\(text)' is not a Kubernetes quantity (like 500m, 0.5, 512Mi, 1Gi or 1e3)")
        var chars = Substring(text)
        var negative = false
        if let f = chars.first, f == "+" || f == "-" {
            negative = f == "-"
            chars = chars.dropFirst()
        }
        let integer = chars.prefix { $0.isASCIIDigit }
        chars = chars.dropFirst(integer.count)
        var fraction: Substring = ""
        if chars.first == "." {
            chars = chars.dropFirst()
            fraction = chars.prefix { $0.isASCIIDigit }
            chars = chars.dropFirst(fraction.count)
        }
        guard !(integer.isEmpty && fraction.isEmpty) else { throw invalid }
        let suffix = String(chars)
        var exponent = -fraction.count
        var binaryPower = 0
        if let e = Self.decimalSuffixes[suffix] {
            exponent += e
        } else if let p = Self.binarySuffixes[suffix] {
            binaryPower = p
        } else if let first = suffix.first, first == "e" || first == "E",
                  let e = Int(suffix.dropFirst()), suffix.dropFirst().allSatisfy({ $0.isASCIIDigit || $0 == "-" || $0 == "+" }), abs(e) < 100 {
            exponent += e
        } else {
            throw invalid
        }
        let digits = (integer + fraction).drop { $0 == "0" }
        guard digits.count <= 18, var units = Int(digits.isEmpty ? "0" : String(digits)) else {
            throw ValueProblem("'\(text)' has more precision than a quantity can hold")
        }
        for _ in 0..<binaryPower {
            let (m, overflow) = units.multipliedReportingOverflow(by: 1024)
            guard !overflow else { throw ValueProblem("'\(text)' is too large") }
            units = m
        }
        self.units = negative ? -units : units
        self.scale = exponent
        self.base = binaryPower > 0 ? .binary : .decimal
        self.writtenSuffix = suffix
        normalize()
        guard scale <= 18, scale >= -9 else { throw ValueProblem("'\(text)' is out of range for a quantity") }
        guard exactValue(atScale: min(scale, 0)) != nil else { throw ValueProblem("'\(text)' is too large") }
    }

    private mutating func normalize() {
        if units == 0 { scale = 0; return }
        while units % 10 == 0 { units /= 10; scale += 1 }
    }

    public var isNegative: Bool { units < 0 }

    /// `units × 10^(scale - target)`, nil on overflow; target must be <= scale.
    private func exactValue(atScale target: Int) -> Int? {
        var v = units
        for _ in 0..<max(0, scale - target) {
            let (m, overflow) = v.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            v = m
        }
        return v
    }

    /// The value in thousandths, nil when finer than 1m (or too large).
    public var milliValue: Int? { scale >= -3 ? exactValue(atScale: -3) : nil }

    /// True when the quantity is a whole number (of bytes, cores).
    public var isWhole: Bool { scale >= 0 }

    /// As `kubectl` prints it: the largest suffix that keeps an integer mantissa, in the written base
    /// (`0.5` → `500m`, `1000m` → `1`, `1024Mi` → `1Gi`, `1e3` → `1k`, `1.5Gi` → `1536Mi`).
    public var description: String {
        if base == .binary, scale >= 0, let whole = exactValue(atScale: 0), whole != 0 {
            var mantissa = whole
            var power = 0
            while power < 6, mantissa % 1024 == 0 { mantissa /= 1024; power += 1 }
            return "\(mantissa)" + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power]
        }
        var e3 = Int((Double(scale) / 3).rounded(.down)) * 3
        e3 = min(max(e3, -9), 18)
        let mantissa = exactValue(atScale: e3) ?? units
        let suffix = Self.decimalSuffixes.first { $0.value == e3 }?.key ?? ""
        return "\(mantissa)\(suffix)"
    }

    public static func < (a: Quantity, b: Quantity) -> Bool {
        if a.units.signum() != b.units.signum() { return a.units.signum() < b.units.signum() }
        let common = min(a.scale, b.scale)
        switch (a.exactValue(atScale: common), b.exactValue(atScale: common)) {
        case let (x?, y?): return x < y
        // Overflow means a larger magnitude than the other side.
        case (nil, _): return a.units < 0
        case (_, nil): return b.units > 0
        }
    }

    public static func == (a: Quantity, b: Quantity) -> Bool { a.units == b.units && a.scale == b.scale }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(units)
        hasher.combine(scale)
    }
}
