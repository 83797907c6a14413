import CGit2

/// A `Key: value` line in the last paragraph of a commit message, e.g.
/// `Scaffold-Template: go-microservice 1.1.0`.
public struct Trailer: Hashable, Sendable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// The trailers of `message`, in order, by git's rules (`git_message_trailers`).
    public static func parse(_ message: String) -> [Trailer] {
        Git.initialize()
        var array = git_message_trailer_array()
        guard message.withCString({ git_message_trailers(&array, $0) }) == 0 else { return [] }
        defer { git_message_trailer_array_free(&array) }
        guard let trailers = array.trailers else { return [] }
        return (0..<array.count).map { index in
            Trailer(key: String(gitString: trailers[index].key) ?? "",
                    value: String(gitString: trailers[index].value) ?? "")
        }
    }
}
