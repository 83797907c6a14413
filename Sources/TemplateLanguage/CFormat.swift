#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// C's printf for one double (`"%.2f"`, `"%e"`...). Python's float formatting and `round()`
/// use the same correctly rounded conversions; calling vsnprintf directly avoids Foundation's
/// much slower `String(format:)`.
func formatDouble(_ spec: String, _ value: Double) -> String {
    withVaList([value]) { arguments in
        var buffer = [CChar](repeating: 0, count: 128)
        let length = Int(vsnprintf(&buffer, buffer.count, spec, arguments))
        if length < buffer.count {
            return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return withVaList([value]) { again in
            var large = [CChar](repeating: 0, count: length + 1)
            _ = vsnprintf(&large, large.count, spec, again)
            return String(decoding: large.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
