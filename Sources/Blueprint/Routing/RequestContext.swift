/// Per-request values that travel with a request through middleware to its handler.
///
/// A context is a value: a middleware that learns something (the caller's identity, a request id) passes an updated
/// copy to `next`.
public struct RequestContext: Sendable {
    /// The request id returned in `x-request-id`.
    public var requestID: String
    /// Path parameters captured by the route pattern, e.g. `id` for `/v1/models/:id`.
    public var parameters: [String: String]
    /// The matched route pattern (low cardinality: safe as a metrics label), or nil when no route matched.
    public var route: String?
    /// The authenticated API key, once the auth middleware has checked it.
    public var apiKey: String?
    /// The peer address, e.g. `127.0.0.1:53422`.
    public var remoteAddress: String
    /// When the request was complete, in monotonic nanoseconds.
    public var receivedAt: UInt64
    /// Facts for the access log (model, stream, tokens), filled in by handlers.
    public var record: RequestRecord?
    /// The index of the matched route in the router, set by `RouterResponder`.
    var matchedRoute: Int?
    /// The methods the path has when the request's method is not among them (for 405 and `Allow`).
    var candidateMethods: [HTTPMethod] = []

    /// Creates a context.
    public init(
        requestID: String = "", parameters: [String: String] = [:], route: String? = nil, apiKey: String? = nil,
        remoteAddress: String = "", receivedAt: UInt64 = 0
    ) {
        self.requestID = requestID
        self.parameters = parameters
        self.route = route
        self.apiKey = apiKey
        self.remoteAddress = remoteAddress
        self.receivedAt = receivedAt
    }
}
