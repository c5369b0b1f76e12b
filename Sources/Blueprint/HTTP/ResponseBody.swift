/// A response body: fixed bytes, sent with `Content-Length`, or a producer that streams with chunked encoding.
public struct ResponseBody: Sendable {
    enum Storage: Sendable {
        case bytes([UInt8])
        case stream(
            @Sendable (any ResponseBodyWriter) async throws -> Void,
            recover: (@Sendable (any Error) -> HTTPResponse?)?)
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
    ///
    /// The response head is sent with the first write, not before. If the closure throws before writing anything,
    /// `recover` (when given) turns the error into the response that is sent instead, so a failure at the start of
    /// a stream is still a proper HTTP error; the streamed response's own headers are kept on it unless `recover`
    /// sets them. `recover` returning nil drops the connection instead. Once bytes have been written, an error ends the connection without completing the body.
    public static func stream(
        recover: (@Sendable (any Error) -> HTTPResponse?)? = nil,
        _ produce: @escaping @Sendable (any ResponseBodyWriter) async throws -> Void
    ) -> ResponseBody {
        ResponseBody(storage: .stream(produce, recover: recover))
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
