import CGit2
import Foundation

/// C strings that must outlive a single `withCString` scope (options structs hold several at once).
/// Owns `strdup` copies and frees each exactly once.
final class CStringArray {
    private(set) var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) }
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }

    subscript(index: Int) -> UnsafePointer<CChar>? { UnsafePointer(pointers[index]) }

    /// A `git_strarray` view, valid while `self` is alive.
    func withStrArray<R>(_ body: (UnsafePointer<git_strarray>) -> R) -> R {
        pointers.withUnsafeMutableBufferPointer { buffer in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return body(&array)
        }
    }
}

extension String {
    /// A Swift string from a C string libgit2 owns, or nil for NULL.
    init?(gitString pointer: UnsafePointer<CChar>?) {
        guard let pointer else { return nil }
        self.init(cString: pointer)
    }
}
