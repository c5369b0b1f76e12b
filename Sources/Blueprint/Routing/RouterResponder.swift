/// The frozen router: finds the route, then runs the middleware chain around its handler.
///
/// The route is matched before middleware runs, so middleware sees the route pattern (for metrics) and an unknown
/// path still passes through middleware (auth, CORS, request ids) before its 404 is thrown.
public struct RouterResponder: HTTPResponder {
    private let routes: [Route]
    private let staticRoutes: [Substring: [Int]]
    private let dynamicRoutes: [Int]
    private let chain: RequestHandler

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
        for layer in middleware.reversed() {
            let next = chain
            chain = { request, context in try await layer.handle(request, context: context, next: next) }
        }
        self.chain = chain
    }

    public func respond(to request: HTTPRequest, context: RequestContext) async throws -> HTTPResponse {
        var context = context
        let path = RouterResponder.normalized(request.path)
        let candidates = candidates(for: path)
        if let (index, parameters) = select(candidates, method: request.method) {
            context.route = routes[index].pattern
            context.parameters = parameters
            context.matchedRoute = index
        } else if let first = candidates.first {
            context.route = routes[first.index].pattern
            context.candidateMethods = candidates.map { routes[$0.index].method }
        }
        return try await chain(request, context)
    }

    private func candidates(for path: Substring) -> [(index: Int, parameters: [String: String])] {
        if let indexes = staticRoutes[path] { return indexes.map { ($0, [:]) } }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return dynamicRoutes.compactMap { index in routes[index].match(parts).map { (index, $0) } }
    }

    private func select(_ candidates: [(index: Int, parameters: [String: String])], method: HTTPMethod)
        -> (Int, [String: String])?
    {
        if let exact = candidates.first(where: { routes[$0.index].method == method }) { return exact }
        // RFC 9110 §9.3.2: HEAD is GET without the body; the server drops the body.
        if method == .head, let get = candidates.first(where: { routes[$0.index].method == .get }) { return get }
        return nil
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
        path.count > 1 && path.last == "/" ? path.dropLast() : path
    }
}
