import Glibc

/// How the HTTP server listens, what it accepts, and how long it waits.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal, or a host name.
    public var host: String
    /// The port to bind; 0 picks a free one (read it back from `HTTPServer.port`).
    public var port: Int
    /// Request size limits.
    public var limits: HTTPLimits
    /// How many event-loop threads serve connections (default: one per core).
    public var eventLoopThreads: Int
    /// The most time a client may take to send a request head once it has started one (slowloris guard).
    public var headerReadTimeout: Duration
    /// The most time a client may take to send a request body once its head is in.
    public var bodyReadTimeout: Duration
    /// How long an idle keep-alive connection stays open. Longer than clients' pool idle times (the Python SDK keeps
    /// connections 5 s, browsers up to 60 s) so the server is not the one that races a client reusing it.
    public var idleTimeout: Duration
    /// The most time a response may make no write progress (a client that stopped reading) before the connection
    /// is dropped.
    public var writeTimeout: Duration
    /// After the server half-closes a connection, how long it keeps reading and discarding what the client still
    /// sends, so that the client reads the response instead of a reset (RFC 9112 §9.6).
    public var lingerTimeout: Duration
    /// How long a connection's request task waits for the connection's next request before it ends. A busy
    /// keep-alive connection reuses one task (and its memory) for request after request; an idle one holds none.
    public var workerIdleTimeout: Duration
    /// How long graceful shutdown lets running requests and streams finish before it cancels them.
    public var shutdownGracePeriod: Duration
    /// The listen backlog.
    public var backlog: Int32
    /// Builds the response for errors the server finds before a handler runs (bad framing, limits, timeouts).
    public var errorResponse: @Sendable (HTTPStatus, String) -> HTTPResponse

    /// Creates a configuration; every value has a safe default.
    public init(
        host: String = "127.0.0.1", port: Int = 8000, limits: HTTPLimits = HTTPLimits(),
        eventLoopThreads: Int = HTTPServerConfiguration.processorCount,
        headerReadTimeout: Duration = .seconds(10), bodyReadTimeout: Duration = .seconds(30),
        idleTimeout: Duration = .seconds(75), writeTimeout: Duration = .seconds(60),
        lingerTimeout: Duration = .seconds(2), workerIdleTimeout: Duration = .seconds(1),
        shutdownGracePeriod: Duration = .seconds(10), backlog: Int32 = 1024,
        errorResponse: @escaping @Sendable (HTTPStatus, String) -> HTTPResponse = HTTPServerConfiguration
            .plainErrorResponse
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.eventLoopThreads = eventLoopThreads
        self.headerReadTimeout = headerReadTimeout
        self.bodyReadTimeout = bodyReadTimeout
        self.idleTimeout = idleTimeout
        self.writeTimeout = writeTimeout
        self.lingerTimeout = lingerTimeout
        self.workerIdleTimeout = workerIdleTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.backlog = backlog
        self.errorResponse = errorResponse
    }

    /// The number of online processors.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// A JSON error body in the OpenAI envelope, for servers that configure nothing else.
    @Sendable public static func plainErrorResponse(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        let type = status.code >= 500 ? "server_error" : "invalid_request_error"
        return HTTPResponse(
            status: status, headers: headers, body: .bytes(ErrorEnvelope.encode(message: message, type: type)))
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return .max }
        return whole &+ UInt64(attoseconds / 1_000_000_000)
    }
}
