/// Turns a request into a response: the one seam between the server and the application.
public protocol HTTPResponder: Sendable {
    /// Answers one request. Errors thrown here that no middleware mapped become a bare 500.
    func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse
}

/// A request handler: what a route runs.
public typealias RequestHandler = @Sendable (HTTPRequest, RequestContext) async throws -> HTTPResponse
