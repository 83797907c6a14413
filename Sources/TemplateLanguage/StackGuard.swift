import Foundation
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
    /// Stop when less than this is left: enough for the deepest non-recursive call chain,
    /// even with the large frames of unoptimized builds.
    private static let reserve: UInt = 192 * 1024
    /// Nesting below this never needs a look at the stack.
    private static let unchecked = 2
    /// Finding the main thread's bounds is slow (glibc reads /proc/self/maps), and they never
    /// change: computed once, on the main thread (the only place this is read).
    private static let mainThreadLow = queryStackLow()

    /// The lowest usable address of the stack, found on first need (0 when unknown).
    private var low: UInt?

    /// True when the stack is nearly exhausted. `depth` is the caller's nesting level.
    mutating func isExhausted(depth: Int) -> Bool {
        guard depth >= StackGuard.unchecked else { return false }
        let low = self.low ?? StackGuard.stackLow()
        self.low = low
        guard low != 0 else { return false }
        var marker: UInt8 = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here < low || here - low < StackGuard.reserve
    }

    private static func stackLow() -> UInt {
        Thread.isMainThread ? mainThreadLow : queryStackLow()
    }

    private static func queryStackLow() -> UInt {
        #if canImport(Glibc)
        var attributes = pthread_attr_t()
        guard pthreadGetAttributes(pthread_self(), &attributes) == 0 else { return 0 }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return 0 }
        return UInt(bitPattern: address)
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        return top - UInt(pthread_get_stacksize_np(pthread_self()))
        #else
        return 0
        #endif
    }
}
