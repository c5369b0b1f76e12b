/// CORS (Fetch standard §3.2): an allow-list of exact origins, or `*` when configured explicitly, never with
/// credentials. Preflights (`OPTIONS` with `Access-Control-Request-Method`) are answered here, before auth, with
/// 204. Every response varies on `Origin`; a disallowed origin gets no `Access-Control-Allow-Origin`.
public struct CORSMiddleware: InlineMiddleware {
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

    public func prepare(_ request: HTTPRequest, context: inout RequestContext) -> HTTPResponse? {
        guard request.method == .options, let origin = request.headers["origin"],
            request.headers.contains("access-control-request-method")
        else { return nil }
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

    public func complete(_ request: HTTPRequest, context: RequestContext, response: inout HTTPResponse) {
        if let allowed = allowedOrigin(request.headers["origin"]) {
            response.headers.set(name: "access-control-allow-origin", value: allowed)
            response.headers.set(name: "access-control-expose-headers", value: Self.exposedHeaders)
        }
        response.headers.add(name: "vary", value: "Origin")
    }

    /// The `Access-Control-Allow-Origin` value for a request's origin, or nil when it may not call.
    func allowedOrigin(_ origin: String?) -> String? {
        guard let origin, origins.allows(origin) else { return nil }
        return origins == .any ? "*" : origin
    }
}
