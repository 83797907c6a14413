import CGit2

/// A git object id (SHA-1). A value type: compare, hash and sort freely, send across tasks.
public struct OID: Hashable, Comparable, Sendable, CustomStringConvertible {
    var raw: git_oid

    init(_ raw: git_oid) { self.raw = raw }

    init(_ pointer: UnsafePointer<git_oid>) { self.raw = pointer.pointee }

    /// Parses a full 40-character hexadecimal id.
    public init(hex: String) throws(GitError) {
        Git.initialize()
        guard hex.utf8.count == Int(GIT_OID_HEXSZ) else {
            throw .invalidInput("'\(hex)' is not a 40-character object id", operation: "parse object id")
        }
        var raw = git_oid()
        try check(hex.withCString { git_oid_fromstr(&raw, $0) }, "parse object id '\(hex)'")
        self.raw = raw
    }

    /// The 40-character lowercase hexadecimal form.
    public var hex: String {
        var copy = raw
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        _ = git_oid_fmt(&buffer, &copy)
        return String(decoding: buffer.prefix(Int(GIT_OID_HEXSZ)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first `length` hex digits, as git prints abbreviated ids.
    public func abbreviated(_ length: Int = 7) -> String { String(hex.prefix(length)) }

    public var description: String { hex }

    public static func == (lhs: OID, rhs: OID) -> Bool {
        withUnsafeBytes(of: lhs.raw.id) { l in withUnsafeBytes(of: rhs.raw.id) { r in l.elementsEqual(r) } }
    }

    public static func < (lhs: OID, rhs: OID) -> Bool {
        withUnsafeBytes(of: lhs.raw.id) { l in
            withUnsafeBytes(of: rhs.raw.id) { r in l.lexicographicallyPrecedes(r) }
        }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
    }

    /// The id of the empty blob (`e69de29...`): templates are full of empty files (`__init__.py`,
    /// `.gitkeep`), and libgit2 1.5's rename detection mishandles them (see `mergeTrees`).
    public static let emptyBlob: OID = hashed([], type: GIT_OBJECT_BLOB)

    /// The id of the empty tree (`4b825dc...`).
    public static let emptyTree: OID = hashed([], type: GIT_OBJECT_TREE)

    /// The id `bytes` have as an object of `type`, computed without writing anything.
    static func hashed(_ bytes: [UInt8], type: git_object_t) -> OID {
        Git.initialize()
        var raw = git_oid()
        var byte: UInt8 = 0
        _ = bytes.isEmpty ? git_odb_hash(&raw, &byte, 0, type)
            : bytes.withUnsafeBytes { git_odb_hash(&raw, $0.baseAddress, $0.count, type) }
        return OID(raw)
    }
}
