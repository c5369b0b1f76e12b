/// Turns a request into a response: the one seam between the server and the application.
public protocol HTTPResponder: Sendable {
    /// Answers one request. Errors thrown here that no middleware mapped become a bare 500. The context is handed over
    /// (`consuming`), so a responder that fills it in (the router notes the route) does so without copying it.
    func respond(to request: HTTPRequest, context: consuming RequestContext) async throws -> HTTPResponse
}

/// A request handler: what a route runs.
public typealias RequestHandler = @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
