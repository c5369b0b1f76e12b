/// Collects routes and middleware, then freezes them into a `RouterResponder`.
///
/// Patterns are paths whose segments may be parameters, written `:name` (e.g. `/v1/models/:id`).
public struct Router {
    var routes: [Route] = []
    var middleware: [any Middleware] = []

    /// Creates an empty router.
    public init() {}

    /// Adds a middleware; the first added runs outermost.
    public mutating func use(_ middleware: any Middleware) {
        self.middleware.append(middleware)
    }

    /// Adds a route.
    public mutating func on(_ method: HTTPMethod, _ pattern: String, handler: @escaping RequestHandler) {
        routes.append(Route(method: method, pattern: pattern, handler: handler))
    }

    /// Adds a `GET` route (which also answers `HEAD`).
    public mutating func get(_ pattern: String, handler: @escaping RequestHandler) {
        on(.get, pattern, handler: handler)
    }

    /// Adds a `POST` route.
    public mutating func post(_ pattern: String, handler: @escaping RequestHandler) {
        on(.post, pattern, handler: handler)
    }

    /// Freezes the routes and middleware into an immutable responder.
    public func build() -> RouterResponder {
        RouterResponder(routes: routes, middleware: middleware)
    }
}

/// One route: a method, a pattern and its handler.
struct Route: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(Substring)
        case parameter(String)
    }

    let method: HTTPMethod
    let pattern: String
    let segments: [Segment]
    let handler: RequestHandler

    init(method: HTTPMethod, pattern: String, handler: @escaping RequestHandler) {
        self.method = method
        self.pattern = pattern
        self.handler = handler
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { part in
            part.first == ":" ? .parameter(String(part.dropFirst())) : .literal(part)
        }
    }

    var isStatic: Bool { !segments.contains { if case .parameter = $0 { true } else { false } } }

    /// The parameters this route captures from `path`, or nil when it does not match.
    func match(_ path: [Substring]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, path) {
            switch segment {
            case .literal(let literal): if literal != part { return nil }
            case .parameter(let name): parameters[name] = String(part)
            }
        }
        return parameters
    }
}
