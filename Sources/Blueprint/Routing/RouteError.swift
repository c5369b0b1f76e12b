/// Why the router found no handler. Mapped to an HTTP error in one place, with every other error.
public enum RouteError: Error, Equatable, Sendable {
    /// No route has this path.
    case notFound(method: HTTPMethod, path: String)
    /// The path exists, but not for this method; `allowed` lists the methods it has.
    case methodNotAllowed(method: HTTPMethod, path: String, allowed: [HTTPMethod])
}
