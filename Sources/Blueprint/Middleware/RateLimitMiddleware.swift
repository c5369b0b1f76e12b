/// Per-API-key rate limits the way OpenAI reports them: every `/v1` response carries
/// `x-ratelimit-limit-requests`, `x-ratelimit-remaining-requests`, `x-ratelimit-reset-requests` (and the `-tokens`
/// trio when a token limit is set), resets as Go durations (`1s`, `6m0s`, `20ms`). Over the limit: 429 with
/// `type` `requests` or `tokens`, code `rate_limit_exceeded`, `retry-after` (whole seconds, at least 1) and
/// `retry-after-ms`, which the official SDK honours when it retries.
public struct RateLimitMiddleware: Middleware {
    let limiter: RateLimiter
    let estimateTokens: @Sendable (HTTPRequest) -> Int
    let onLimited: @Sendable (RateLimitDecision.Kind) -> Void

    /// Creates the middleware. `estimateTokens` sizes a request for the token limit before it runs.
    public init(
        limiter: RateLimiter, estimateTokens: @escaping @Sendable (HTTPRequest) -> Int,
        onLimited: @escaping @Sendable (RateLimitDecision.Kind) -> Void = { _ in }
    ) {
        self.limiter = limiter
        self.estimateTokens = estimateTokens
        self.onLimited = onLimited
    }

    public func handle(_ request: HTTPRequest, context: RequestContext, next: RequestHandler) async throws
        -> HTTPResponse
    {
        guard limiter.isEnabled, request.isAPIRequest, let key = context.apiKey else {
            return try await next(request, context)
        }
        let tokens = limiter.configuration.tokensPerMinute > 0 ? estimateTokens(request) : 0
        let decision = limiter.acquire(key: key, tokens: tokens)
        var headers = HTTPHeaders()
        Self.addHeaders(for: decision, to: &headers)
        if let refusal = decision.refusal {
            onLimited(refusal.kind)
            let limit = (refusal.kind == .requests ? decision.requests?.limit : decision.tokens?.limit) ?? 0
            let unit = refusal.kind == .requests ? "requests" : "tokens"
            guard let retryAfter = refusal.retryAfter else {
                // Larger than the whole per-minute budget: waiting cannot help, so the SDK must not retry.
                headers.add(name: "x-should-retry", value: "false")
                throw APIError(
                    status: .tooManyRequests,
                    message: "Request too large: \(tokens) \(unit) requested, but the limit is \(limit) \(unit) per "
                        + "minute. Send a smaller request.",
                    type: unit, code: "rate_limit_exceeded", headers: headers)
            }
            let milliseconds = max(1, Int((Double(GoDuration.nanoseconds(of: retryAfter)) / 1e6).rounded(.up)))
            headers.add(name: "retry-after", value: String(max(1, (milliseconds + 999) / 1000)))
            headers.add(name: "retry-after-ms", value: String(milliseconds))
            throw APIError(
                status: .tooManyRequests,
                message: "Rate limit reached for \(unit) per minute: limit \(limit). Please try again in "
                    + "\(GoDuration.format(retryAfter)).",
                type: unit, code: "rate_limit_exceeded", headers: headers)
        }
        var response = try await next(request, context)
        for field in headers { response.headers.set(name: field.name, value: field.value) }
        return response
    }

    static func addHeaders(for decision: RateLimitDecision, to headers: inout HTTPHeaders) {
        if let requests = decision.requests {
            headers.add(name: "x-ratelimit-limit-requests", value: String(requests.limit))
            headers.add(name: "x-ratelimit-remaining-requests", value: String(requests.remaining))
            headers.add(name: "x-ratelimit-reset-requests", value: GoDuration.headerValue(requests.resetAfter))
        }
        if let tokens = decision.tokens {
            headers.add(name: "x-ratelimit-limit-tokens", value: String(tokens.limit))
            headers.add(name: "x-ratelimit-remaining-tokens", value: String(tokens.remaining))
            headers.add(name: "x-ratelimit-reset-tokens", value: GoDuration.headerValue(tokens.resetAfter))
        }
    }
}
