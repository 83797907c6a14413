import Glibc

/// The Jinja2 extensions cookiecutter templates expect (cookiecutter's `StrictEnvironment` always
/// loads them): jinja2_time's `{% now %}` tag and cookiecutter's `uuid4()` and
/// `random_ascii_string()` globals. Off by default: a native golden path renders without them.
///
/// They read no clock and no randomness at render time. The time is `clock` (what the service
/// recorded as its creation) and the random values are drawn from `seed` (recorded with the
/// answers), so re-rendering an old version reproduces its bytes.
public struct ToolExtensions: Sendable, Equatable {
    /// Seconds since 1970 (UTC) that `{% now %}` reads.
    public var clock: Int64
    /// Where `uuid4()` and `random_ascii_string()` draw from; each template gets its own stream.
    public var seed: UInt64

    public init(clock: Int64, seed: UInt64) {
        self.clock = clock
        self.seed = seed
    }

    /// jinja2_time's default `datetime_format`.
    static let defaultDateFormat = "%Y-%m-%d"

    static let functions: [String: BuiltinFunction] = [
        "uuid4": BuiltinFunction("uuid4") { interpreter, args throws(TemplateError) in
            _ = try args.bind("uuid4", [])
            var bytes: [UInt8] = []
            for _ in 0..<2 {
                var word = interpreter.nextRandom()
                for _ in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: word)); word >>= 8 }
            }
            bytes[6] = bytes[6] & 0x0f | 0x40  // version 4
            bytes[8] = bytes[8] & 0x3f | 0x80  // RFC 4122 variant
            let hex = bytes.map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }
            return .string([hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-"))
        },
        "random_ascii_string": BuiltinFunction("random_ascii_string") { interpreter, args throws(TemplateError) in
            let a = try args.bind("random_ascii_string", ["length", "punctuation"], required: 1)
            guard case .int(let length) = try interpreter.defined(a[0]!) else {
                throw TemplateError(.type, "random_ascii_string: length must be an integer")
            }
            try interpreter.limits.checkString(max(length, 0), "random_ascii_string")
            // Python's string.ascii_letters, then string.punctuation.
            let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
            let corpus = (a[1]?.isTruthy ?? false) ? letters + Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8) : letters
            var out: [UInt8] = []
            for _ in 0..<max(length, 0) { out.append(corpus[Int(interpreter.nextRandom() % UInt64(corpus.count))]) }
            return .string(String(decoding: out, as: UTF8.self))
        },
    ]

    /// `{% now TIMEZONE [+|- 'days=1, hours=2'][, FORMAT] %}`, as jinja2_time's `_now` and
    /// `_datetime`: the recorded clock (every time zone reads as UTC: a render must not depend on
    /// the machine's zone), shifted, formatted with Python's `strftime`.
    static let now = BuiltinFunction("now") { interpreter, args throws(TemplateError) in
        guard let extensions = interpreter.environment.options.extensions else {
            throw TemplateError(.unknown, "the 'now' tag needs the time extension")
        }
        let values = args.positional
        _ = try interpreter.string(values[0])  // the zone: must be a string, like arrow's
        var time = extensions.clock
        if values.count == 4 {
            let sign: Int64 = try interpreter.string(values[1]) == "-" ? -1 : 1
            time = try shift(time, by: try interpreter.string(values[2]), sign: sign)
        }
        let format = values.last.flatMap { $0 == .none ? nil : $0 }
        return .string(try strftime(format.map { (f) throws(TemplateError) in try interpreter.string(f) } ?? defaultDateFormat, time))
    }

    /// arrow's `shift(**{interval: ±value})` for `'days=1, hours=2'`.
    static func shift(_ time: Int64, by offset: String, sign: Int64) throws(TemplateError) -> Int64 {
        var seconds = Double(time)
        var months = 0.0
        for part in offset.split(separator: ",") {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false)
            guard pair.count == 2, let amount = Double(pair[1].trimmingSpaces) else {
                throw TemplateError(.value, "now: cannot read the offset \(Value.string(offset).pythonRepr) (expected like 'days=1, hours=2')")
            }
            let value = amount * Double(sign)
            switch pair[0].trimmingSpaces {
            case "seconds": seconds += value
            case "minutes": seconds += value * 60
            case "hours": seconds += value * 3600
            case "days": seconds += value * 86400
            case "weeks": seconds += value * 604800
            case "months": months += value
            case "years": months += value * 12
            case let other: throw TemplateError(.value, "now: unknown interval '\(other)' (seconds, minutes, hours, days, weeks, months, years)")
            }
        }
        var shifted = Int64(seconds.rounded(.down))
        if months != 0 {
            var t = time_t(shifted), parts = tm()
            gmtime_r(&t, &parts)
            let total = Int(parts.tm_year) * 12 + Int(parts.tm_mon) + Int(months)
            parts.tm_year = Int32(total.floorDiv(12)); parts.tm_mon = Int32(total - total.floorDiv(12) * 12)
            // arrow (dateutil's relativedelta) clamps the day to the month's length.
            var probe = parts
            probe.tm_mon += 1; probe.tm_mday = 0
            var last = timegm(&probe), lastParts = tm()
            gmtime_r(&last, &lastParts)
            parts.tm_mday = min(parts.tm_mday, lastParts.tm_mday)
            shifted = Int64(timegm(&parts))
        }
        return shifted
    }

    /// Python's `datetime.strftime` for a UTC time: `%f`, `%z` and `%Z` as Python gives them for
    /// an aware UTC time, everything else by the C library in the C locale (as CPython does).
    static func strftime(_ format: String, _ time: Int64) throws(TemplateError) -> String {
        var expanded = ""
        var scalars = format.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "%" else { expanded.unicodeScalars.append(c); continue }
            guard let d = scalars.next() else { expanded += "%"; break }
            switch d {
            case "f": expanded += "000000"
            case "z": expanded += "+0000"
            case "Z": expanded += "UTC"
            case "%": expanded += "%%"
            default: expanded += "%"; expanded.unicodeScalars.append(d)
            }
        }
        var t = time_t(time), parts = tm()
        gmtime_r(&t, &parts)
        guard !expanded.isEmpty else { return "" }
        var size = 256
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let written = Glibc.strftime(&buffer, size, expanded, &parts)
            if written > 0 { return String(decoding: buffer[0..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            size *= 4
        }
        throw TemplateError(.value, "now: the format \(Value.string(format).pythonRepr) gives nothing")
    }
}

private extension Int {
    func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
