import CGit2
import Foundation

extension Repository {
    /// Writes `bytes` as a blob straight into the object database (no work tree, no index).
    public func writeBlob(_ bytes: [UInt8]) throws(GitError) -> OID {
        var oid = git_oid()
        let result = bytes.withUnsafeBytes { buffer in
            writeBlob(&oid, buffer)
        }
        try check(result, "write blob")
        return OID(oid)
    }

    /// Writes `data` as a blob straight into the object database.
    public func writeBlob(_ data: Data) throws(GitError) -> OID {
        var oid = git_oid()
        let result = data.withUnsafeBytes { buffer in
            writeBlob(&oid, buffer)
        }
        try check(result, "write blob")
        return OID(oid)
    }

    private func writeBlob(_ oid: inout git_oid, _ buffer: UnsafeRawBufferPointer) -> Int32 {
        // An empty Array/Data may have no base address; libgit2 wants a pointer even for length 0.
        if let base = buffer.baseAddress {
            return git_blob_create_from_buffer(&oid, pointer, base, buffer.count)
        }
        var byte: UInt8 = 0
        return git_blob_create_from_buffer(&oid, pointer, &byte, 0)
    }

    /// The content of the blob `oid`.
    public func blob(_ oid: OID) throws(GitError) -> [UInt8] {
        try withObject(oid, GIT_OBJECT_BLOB, "look up blob \(oid)") { blob in
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }

    /// Whether git would treat the blob as binary (NUL bytes or too many control characters).
    public func blobIsBinary(_ oid: OID) throws(GitError) -> Bool {
        try withObject(oid, GIT_OBJECT_BLOB, "look up blob \(oid)") { blob in
            git_blob_is_binary(blob) == 1
        }
    }
}
