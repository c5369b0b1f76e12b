/// A complete HTTP request: the head and the whole body (bodies are read fully, within the configured limit).
public struct HTTPRequest: Sendable {
    /// The request method.
    public var method: HTTPMethod
    /// The request target exactly as sent (origin-form: path plus optional query).
    public var target: String
    /// The protocol version from the request line.
    public var version: HTTPVersion
    /// The header fields, in order.
    public var headers: HTTPHeaders
    /// The body bytes (empty when the request has none).
    public var body: [UInt8]

    /// Creates a request.
    public init(
        method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The target without its query string.
    public var path: Substring {
        // Scanning UTF-8 bytes, not Characters: this runs several times per request.
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target[...] }
        return target[..<mark]
    }

    /// Whether the path is `/v1` or below it: the OpenAI API, where auth and rate limits apply.
    public var isAPIRequest: Bool {
        // On the target's bytes: `/v1`, then the end of the path (end, `/` or the query's `?`).
        target.withContiguousUTF8 { bytes in
            bytes.count >= 3 && bytes[0] == UInt8(ascii: "/") && bytes[1] == UInt8(ascii: "v")
                && bytes[2] == UInt8(ascii: "1")
                && (bytes.count == 3 || bytes[3] == UInt8(ascii: "/") || bytes[3] == UInt8(ascii: "?"))
        }
    }

    /// The query string after `?`, if any.
    public var query: Substring? {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return target[target.utf8.index(after: mark)...]
    }

    /// Whether the client asked to keep the connection open (RFC 9112 §9.3): HTTP/1.1 unless `Connection: close`,
    /// HTTP/1.0 only with `Connection: keep-alive`.
    public var wantsKeepAlive: Bool {
        // Fast path: most requests have no Connection field at all.
        guard headers.contains("connection") else { return version != .http1_0 }
        let tokens = HTTPRequest.connectionTokens(headers)
        if version == .http1_0 { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    static func connectionTokens(_ headers: HTTPHeaders) -> [String] {
        headers.values(for: "connection").flatMap { value in
            value.split(separator: ",").map { $0.trimmingASCIIWhitespace().lowercased() }
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (HTTP's OWS, RFC 9110 §5.6.3).
    func trimmingASCIIWhitespace() -> Substring {
        var result = Substring(self)
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
