/// Middleware whose work never suspends: it looks at the request before the rest of the chain runs and at the
/// response after, and may turn an error from further in into a response. Request ids, the access log, error
/// mapping, CORS and auth are all of this kind.
///
/// It behaves exactly like the `handle` it gets for free (below). The router, though, runs a sequence of inline
/// middleware as one loop around the rest of the chain, instead of one nested async call each: every async layer
/// costs task frames and executor checks on each request (for the five built-in layers about 0.4 us, a fifth of an
/// in-process health check). The router never calls `handle` of an inline middleware, so implement the three hooks,
/// not `handle`.
///
/// Within one such sequence, `complete` and `recover` see the context as the innermost layer of the sequence passed it
/// on (with what later layers added, such as the caller's API key), not only as this layer left it.
public protocol InlineMiddleware: Middleware {
    /// Runs on the way in. Returns a response to answer at once (the rest of the chain and this layer's `complete`
    /// do not run; outer layers complete it), or nil to go on with `context` as updated. A thrown error goes to the
    /// layers outside this one.
    func prepare(_ request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse?

    /// Runs on the way out, with the response from further in (or from this layer's own `recover`).
    func complete(_ request: HTTPRequest, context: RequestContext, response: inout HTTPResponse)

    /// Turns an error thrown further in into a response, or returns nil to let it pass outwards.
    func recover(from error: any Error, request: HTTPRequest, context: RequestContext) -> HTTPResponse?
}

extension InlineMiddleware {
    /// Goes on unchanged.
    public func prepare(_ request: HTTPRequest, context: inout RequestContext) throws -> HTTPResponse? { nil }

    /// Leaves the response as it is.
    public func complete(_ request: HTTPRequest, context: RequestContext, response: inout HTTPResponse) {}

    /// Lets every error pass.
    public func recover(from error: any Error, request: HTTPRequest, context: RequestContext) -> HTTPResponse? { nil }

    /// `prepare`, then `next` (its error offered to `recover`), then `complete`: a run of this one layer, so that the
    /// router's runs and this method share one definition of the order.
    public func handle(_ request: HTTPRequest, context: RequestContext, next: RequestHandler) async throws
        -> HTTPResponse
    {
        // The run keeps `next` only for this call.
        try await withoutActuallyEscaping(next) { next in
            try await InlineMiddlewareRun(layers: [self], next: next).respond(to: request, context: context)
        }
    }
}
