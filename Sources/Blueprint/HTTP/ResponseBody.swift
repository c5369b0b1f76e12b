/// A response body: fixed bytes, sent with `Content-Length`, or a producer that streams with chunked encoding.
public struct ResponseBody: Sendable {
    enum Storage: Sendable {
        case bytes([UInt8])
        case stream(@Sendable (any ResponseBodyWriter) async throws -> Void)
    }

    let storage: Storage

    /// No body (`Content-Length: 0`).
    public static let empty = ResponseBody(storage: .bytes([]))

    /// A body of fixed bytes.
    public static func bytes(_ bytes: [UInt8]) -> ResponseBody {
        ResponseBody(storage: .bytes(bytes))
    }

    /// A UTF-8 text body.
    public static func string(_ text: String) -> ResponseBody {
        ResponseBody(storage: .bytes(Array(text.utf8)))
    }

    /// A streamed body: the closure writes chunks as they are produced and returns when the body is complete.
    /// If the client goes away, the writer throws and the task running the closure is cancelled.
    public static func stream(_ produce: @escaping @Sendable (any ResponseBodyWriter) async throws -> Void)
        -> ResponseBody
    {
        ResponseBody(storage: .stream(produce))
    }

    /// The fixed bytes, or nil for a streamed body.
    public var fixedBytes: [UInt8]? {
        if case .bytes(let bytes) = storage { return bytes }
        return nil
    }
}

/// Where a streaming response writes its body.
public protocol ResponseBodyWriter: Sendable {
    /// Queues bytes for the client. Suspends while the client is slow to read (backpressure) and throws
    /// once the connection is gone.
    func write(_ bytes: [UInt8]) async throws
}
