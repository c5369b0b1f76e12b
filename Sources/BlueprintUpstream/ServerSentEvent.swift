/// One event of a `text/event-stream` body, as `ServerSentEventParser` dispatches it.
public struct ServerSentEvent: Sendable, Equatable {
    /// The `event:` field, or `message` when the event named none.
    public var type: String
    /// The `data:` lines joined with LF, as bytes (usually JSON, ready for `JSONParser`).
    public var data: [UInt8]
    /// The last `id:` field seen so far in the stream, if any.
    public var lastEventID: String?

    /// Creates an event.
    public init(type: String = "message", data: [UInt8], lastEventID: String? = nil) {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }

    /// Whether the data is exactly `[DONE]`, OpenAI's end-of-stream marker.
    public var isDone: Bool {
        data == Self.doneMarker
    }

    private static let doneMarker: [UInt8] = Array("[DONE]".utf8)
}
