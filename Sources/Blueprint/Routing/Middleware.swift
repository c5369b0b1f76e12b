/// Code that runs around every request: it may answer itself, or call `next` and adjust what comes back.
///
/// Middleware that never needs to suspend should adopt `InlineMiddleware` instead: the router runs it without an
/// async call of its own.
public protocol Middleware: Sendable {
    /// Handles `request`, usually by calling `next` with the (possibly updated) request and context.
    func handle(_ request: HTTPRequest, context: RequestContext, next: RequestHandler) async throws -> HTTPResponse
}
