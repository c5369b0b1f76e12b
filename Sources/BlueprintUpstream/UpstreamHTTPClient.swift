import Blueprint

/// An HTTP request to an upstream provider.
public struct UpstreamRequest: Sendable {
    /// `GET` or `POST`.
    public var method: String
    /// The absolute URL (`http://` or `https://`).
    public var url: String
    /// Header fields; names are sent as given.
    public var headers: [(name: String, value: String)]
    /// The body (JSON for every provider Blueprint speaks to).
    public var body: [UInt8]
    /// The most time to wait for the response head.
    public var timeout: Duration

    /// Creates a request.
    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        timeout: Duration = .seconds(60)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// An upstream's response: status and headers at once, the body as it arrives.
public struct UpstreamResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields with lower-cased names.
    public var headers: [String: String]
    /// The body in pieces, in order, as the network delivers them.
    public var body: AsyncThrowingStream<[UInt8], any Error>

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an upstream exchange failed before a response head arrived.
public enum UpstreamTransportError: Error, Sendable, Equatable {
    /// No connection could be made (refused, DNS, TLS).
    case connectFailed(String)
    /// No response head within the timeout.
    case timedOut
    /// The caller was cancelled.
    case cancelled
}

/// Sends requests to upstream providers. The production implementation uses FoundationNetworking's `URLSession`;
/// tests may inject their own. Cancelling the calling task cancels the request, also while the body streams.
public protocol UpstreamHTTPClient: Sendable {
    /// Sends `request` and returns once the response head has arrived.
    func send(_ request: UpstreamRequest) async throws -> UpstreamResponse
}
