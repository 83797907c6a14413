#if canImport(Glibc)
import Glibc

/// glibc's `pthread_getattr_np` is a GNU extension the Glibc module does not export.
@_silgen_name("pthread_getattr_np")
private func pthreadGetAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures how much of the current thread's stack is left, so deep recursion (macros,
/// includes, nested expressions) ends in a `.limit` error instead of a crash even on threads
/// with small stacks, whatever `Limits.maxRecursionDepth` says.
struct StackGuard {
    /// The lowest usable address of the stack of the thread that created the guard.
    private let low: UInt

    /// Stop when less than this is left: enough for the deepest non-recursive call chain.
    private static let reserve: UInt = 96 * 1024

    init() {
        var low: UInt = 0
        #if canImport(Glibc)
        var attributes = pthread_attr_t()
        if pthreadGetAttributes(pthread_self(), &attributes) == 0 {
            var address: UnsafeMutableRawPointer?
            var size = 0
            if pthread_attr_getstack(&attributes, &address, &size) == 0, let address {
                low = UInt(bitPattern: address)
            }
            pthread_attr_destroy(&attributes)
        }
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        low = top - UInt(pthread_get_stacksize_np(pthread_self()))
        #endif
        self.low = low
    }

    /// True when the stack is nearly exhausted (or unknown bounds say nothing: then false).
    var isExhausted: Bool {
        guard low != 0 else { return false }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < low || here - low < StackGuard.reserve
    }
}
