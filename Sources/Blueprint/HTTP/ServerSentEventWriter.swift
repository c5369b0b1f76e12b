/// Writes a `text/event-stream` body (WHATWG HTML §9.2): `event:` names, `data:` lines, comment heartbeats.
public struct ServerSentEventWriter: Sendable {
    /// The response headers an event stream needs.
    public static let headers: HTTPHeaders = [
        "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no",
    ]

    /// Where the encoded events go.
    public let body: any ResponseBodyWriter

    /// Creates a writer over a streaming response body.
    public init(body: any ResponseBodyWriter) {
        self.body = body
    }

    /// Sends one event. `data` may contain newlines: each line becomes its own `data:` field.
    public func send(data: [UInt8], event: String? = nil) async throws {
        try await body.write(ServerSentEventWriter.encode(data: data, event: event))
    }

    /// Sends one event whose data is text.
    public func send(_ text: String, event: String? = nil) async throws {
        try await send(data: Array(text.utf8), event: event)
    }

    /// Sends a comment line (`: text`); clients ignore it, proxies see traffic (a heartbeat).
    public func comment(_ text: String = "ping") async throws {
        try await body.write(Array(": \(text)\n\n".utf8))
    }

    /// Runs `operation` while a comment (`: ping`) goes out every `interval`, so proxies and load balancers see
    /// traffic during long silences (a slow first token). The heartbeat stops when `operation` returns or throws.
    /// Writes from both are whole events on the connection's loop, so a ping never splits an event.
    public static func withHeartbeats<Result: Sendable>(
        on body: any ResponseBodyWriter, every interval: Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        _ operation: @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while true {
                    try await sleep(interval)
                    try await body.write(heartbeat)
                }
            }
            defer { group.cancelAll() }
            return try await operation()
        }
    }

    static let heartbeat: [UInt8] = Array(": ping\n\n".utf8)

    /// Encodes one event.
    public static func encode(data: [UInt8], event: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16 + (event?.utf8.count ?? 0))
        if let event {
            out.append(contentsOf: "event: ".utf8)
            out.append(contentsOf: event.utf8.filter { $0 != 0x0A && $0 != 0x0D })
            out.append(0x0A)
        }
        var lineStart = 0
        var index = 0
        while index <= data.count {
            let atEnd = index == data.count
            if atEnd || data[index] == 0x0A || data[index] == 0x0D {
                out.append(contentsOf: "data: ".utf8)
                out.append(contentsOf: data[lineStart..<index])
                out.append(0x0A)
                if !atEnd && data[index] == 0x0D && index + 1 < data.count && data[index + 1] == 0x0A { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        out.append(0x0A)
        return out
    }
}
