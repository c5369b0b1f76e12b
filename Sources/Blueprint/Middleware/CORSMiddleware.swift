/// CORS (Fetch standard §3.2): an allow-list of exact origins, or `*` when configured explicitly, never with
/// credentials. Preflights (`OPTIONS` with `Access-Control-Request-Method`) are answered here, before auth, with
/// 204. Every response varies on `Origin`; a disallowed origin gets no `Access-Control-Allow-Origin`.
public struct CORSMiddleware: Middleware {
    let origins: Settings.CORSOrigins
    let maxAge: Int

    static let allowedMethods = "GET, POST, OPTIONS"
    static let allowedHeaders =
        "authorization, content-type, x-request-id, openai-organization, openai-project, openai-beta, "
        + "x-stainless-lang, x-stainless-package-version, x-stainless-os, x-stainless-arch, x-stainless-runtime, "
        + "x-stainless-runtime-version, x-stainless-async, x-stainless-retry-count, x-stainless-read-timeout, "
        + "x-stainless-timeout, x-mock-ttft-ms, x-mock-itl-ms, x-mock-jitter-ms, x-mock-error, x-mock-truncate-after, "
        + "x-mock-disconnect-after"
    static let exposedHeaders =
        "x-request-id, openai-processing-ms, openai-version, x-ratelimit-limit-requests, "
        + "x-ratelimit-remaining-requests, x-ratelimit-reset-requests, x-ratelimit-limit-tokens, "
        + "x-ratelimit-remaining-tokens, x-ratelimit-reset-tokens, retry-after, retry-after-ms"

    /// Creates the middleware.
    public init(origins: Settings.CORSOrigins, maxAge: Int = 600) {
        self.origins = origins
        self.maxAge = maxAge
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: RequestHandler) async throws
        -> HTTPResponse
    {
        let origin = request.headers["origin"]
        if request.method == .options, origin != nil, request.headers.contains("access-control-request-method") {
            var response = HTTPResponse(status: .noContent)
            if let allowed = allowedOrigin(origin) {
                response.headers.add(name: "access-control-allow-origin", value: allowed)
                response.headers.add(name: "access-control-allow-methods", value: Self.allowedMethods)
                response.headers.add(name: "access-control-allow-headers", value: Self.allowedHeaders)
                response.headers.add(name: "access-control-max-age", value: String(maxAge))
            }
            response.headers.add(
                name: "vary", value: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
            return response
        }
        var response = try await next(request, context)
        if let allowed = allowedOrigin(origin) {
            response.headers.set(name: "access-control-allow-origin", value: allowed)
            response.headers.set(name: "access-control-expose-headers", value: Self.exposedHeaders)
        }
        response.headers.add(name: "vary", value: "Origin")
        return response
    }

    /// The `Access-Control-Allow-Origin` value for a request's origin, or nil when it may not call.
    func allowedOrigin(_ origin: String?) -> String? {
        guard let origin, origins.allows(origin) else { return nil }
        return origins == .any ? "*" : origin
    }
}
