/// The frozen router: finds the route, then runs the middleware chain around its handler.
///
/// The route is matched before middleware runs, so middleware sees the route pattern (for metrics) and an unknown
/// path still passes through middleware (auth, CORS, request ids) before its 404 is thrown.
public struct RouterResponder: HTTPResponder {
    private let routes: [Route]
    private let staticRoutes: [Substring: [Int]]
    private let dynamicRoutes: [Int]
    /// The middleware and the route below the outermost inline run (or all of them, when the outermost layer is not
    /// inline).
    private let chain: RequestHandler
    /// The outermost run of inline middleware, called directly: the context it updates is handed over, not copied.
    private let outerRun: InlineMiddlewareRun?

    init(routes: [Route], middleware: [any Middleware]) {
        self.routes = routes
        var staticRoutes: [Substring: [Int]] = [:]
        var dynamicRoutes: [Int] = []
        for (index, route) in routes.enumerated() {
            if route.isStatic {
                staticRoutes[RouterResponder.normalized(route.pattern[...]), default: []].append(index)
            } else {
                dynamicRoutes.append(index)
            }
        }
        self.staticRoutes = staticRoutes
        self.dynamicRoutes = dynamicRoutes
        var chain: RequestHandler = { [routes] request, context in
            guard let index = context.matchedRoute else {
                throw RouterResponder.failure(for: request, candidates: context.candidateMethods)
            }
            return try await routes[index].handler(request, context)
        }
        // From the innermost layer out; consecutive inline middleware becomes one run (one async call, not one each).
        var inline: [any InlineMiddleware] = []
        for layer in middleware.reversed() {
            if let layer = layer as? any InlineMiddleware {
                inline.insert(layer, at: 0)
                continue
            }
            chain = Self.wrap(chain, in: inline)
            inline = []
            let next = chain
            chain = { request, context in try await layer.handle(request, context: context, next: next) }
        }
        self.chain = chain
        outerRun = inline.isEmpty ? nil : InlineMiddlewareRun(layers: inline, next: chain)
    }

    private static func wrap(_ next: @escaping RequestHandler, in layers: [any InlineMiddleware]) -> RequestHandler {
        guard !layers.isEmpty else { return next }
        let run = InlineMiddlewareRun(layers: layers, next: next)
        return { request, context in try await run.respond(to: request, context: context) }
    }

    public func respond(to request: HTTPRequest, context: consuming RequestContext) async throws -> HTTPResponse {
        let path = RouterResponder.normalized(request.path)
        if let indexes = staticRoutes[path] {
            select(among: indexes, method: request.method, context: &context) { _ in [:] }
        } else {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            let matches = dynamicRoutes.compactMap { index in routes[index].match(parts).map { (index, $0) } }
            select(among: matches.map(\.0), method: request.method, context: &context) { matches[$0].1 }
        }
        if let outerRun { return try await outerRun.respond(to: request, context: consume context) }
        return try await chain(request, context)
    }

    /// Picks the route for `method` among the routes whose pattern matched, or notes the methods the path has.
    private func select(
        among candidates: [Int], method: HTTPMethod, context: inout RequestContext,
        parameters: (_ position: Int) -> [String: String]
    ) {
        var position = candidates.firstIndex { routes[$0].method == method }
        // RFC 9110 §9.3.2: HEAD is GET without the body; the server drops the body.
        if position == nil && method == .head { position = candidates.firstIndex { routes[$0].method == .get } }
        if let position {
            let index = candidates[position]
            context.route = routes[index].pattern
            context.parameters = parameters(position)
            context.matchedRoute = index
        } else if let first = candidates.first {
            context.route = routes[first].pattern
            context.candidateMethods = candidates.map { routes[$0].method }
        }
    }

    private static func failure(for request: HTTPRequest, candidates: [HTTPMethod]) -> RouteError {
        let path = String(request.path)
        guard !candidates.isEmpty else { return .notFound(method: request.method, path: path) }
        var allowed: [HTTPMethod] = []
        for method in candidates where !allowed.contains(method) { allowed.append(method) }
        if allowed.contains(.get) && !allowed.contains(.head) { allowed.append(.head) }
        return .methodNotAllowed(method: request.method, path: path, allowed: allowed)
    }

    /// Drops one trailing slash so `/v1/models/` finds `/v1/models`.
    static func normalized(_ path: Substring) -> Substring {
        let bytes = path.utf8
        guard bytes.count > 1, bytes.last == UInt8(ascii: "/") else { return path }
        return path[..<bytes.index(before: bytes.endIndex)]
    }
}
