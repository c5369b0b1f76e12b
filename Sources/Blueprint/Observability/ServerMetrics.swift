/// Blueprint's own metrics, registered once with their names and help text, behind typed recording methods.
///
/// Every label value comes from a small set so that the number of series stays bounded: callers pass the
/// route *pattern* (e.g. `/v1/models/{model}`, or `unmatched` when no route matched), never the raw path; methods
/// outside RFC 9110's registered set are recorded as `OTHER`; `model` must be a configured model id.
public final class ServerMetrics: Sendable {
    /// Buckets for `blueprint_http_request_duration_seconds`: streamed completions can take minutes.
    public static let requestDurationBuckets: [Double] = [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300,
    ]

    /// Buckets for `blueprint_stream_time_to_first_token_seconds`.
    public static let timeToFirstTokenBuckets: [Double] = [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
    ]

    /// The registry these metrics live in; other components may register more families in it.
    public let registry: MetricsRegistry

    private let requests: MetricFamily<Counter>
    private let requestDuration: MetricFamily<Histogram>
    private let timeToFirstToken: MetricFamily<Histogram>
    private let tokens: MetricFamily<Counter>
    private let openConnections: Gauge
    private let activeStreams: Gauge
    private let rateLimitedRequests: Counter
    private let rateLimitedTokens: Counter
    private let unauthenticatedRequests: Counter
    /// The children each request updates, looked up once per series: `labels(_:)` hashes an array of label strings.
    // Per `ThreadStripe`, like the metrics themselves: finding a request's series takes only its thread's lock.
    private let requestSeries = Striped { Locked<[RequestSeries: (count: Counter, duration: Histogram)]>([:]) }
    private let tokenSeries = Striped { Locked<[String: (prompt: Counter, completion: Counter)]>([:]) }

    private struct RequestSeries: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// Registers Blueprint's metrics in `registry` (which must not hold them yet) and sets the build info and
    /// process start time (seconds since the Unix epoch, from the caller's clock).
    public init(
        registry: MetricsRegistry = MetricsRegistry(), name: String, version: String, processStartTimeSeconds: Double
    ) {
        self.registry = registry
        requests = registry.counter(
            "blueprint_http_requests_total", help: "HTTP requests completed, by route pattern, method and status.",
            labels: ["route", "method", "status"])
        requestDuration = registry.histogram(
            "blueprint_http_request_duration_seconds",
            help: "Time from the request head to the end of the response body, by route pattern.",
            labels: ["route"], buckets: Self.requestDurationBuckets)
        timeToFirstToken = registry.histogram(
            "blueprint_stream_time_to_first_token_seconds",
            help: "Time from a streamed request to its first generated token, by model.",
            labels: ["model"], buckets: Self.timeToFirstTokenBuckets)
        openConnections = registry.gauge("blueprint_open_connections", help: "Open client connections.").labels()
        activeStreams = registry.gauge("blueprint_active_streams", help: "Streamed responses in progress.").labels()
        tokens = registry.counter(
            "blueprint_tokens_total", help: "Tokens processed, by model and kind (prompt or completion).",
            labels: ["model", "kind"])
        let rateLimited = registry.counter(
            "blueprint_rate_limited_requests_total", help: "Requests rejected with 429, by the limit that applied.",
            labels: ["kind"])
        // Both kinds exist from the start so that rate() sees the first rejection.
        rateLimitedRequests = rateLimited.labels(RateLimitDecision.Kind.requests.rawValue)
        rateLimitedTokens = rateLimited.labels(RateLimitDecision.Kind.tokens.rawValue)
        unauthenticatedRequests = registry.counter(
            "blueprint_unauthenticated_requests_total", help: "Requests rejected with 401."
        ).labels()
        registry.gauge(
            "blueprint_build_info", help: "Always 1; the labels name the running build.", labels: ["name", "version"]
        )
        .labels(name, version).set(1)
        registry.gauge("blueprint_process_start_time_seconds", help: "Start time of the process since the Unix epoch.")
            .labels().set(processStartTimeSeconds)
    }

    /// Counts a completed request and observes its duration. `route` is the matched route pattern.
    public func recordRequest(route: String, method: String, status: Int, durationSeconds: Double) {
        let key = RequestSeries(route: route, method: Self.methodLabel(method), status: status)
        let series = Self.cached(key, in: requestSeries) {
            (requests.labels(route, key.method, String(status)), requestDuration.labels(route))
        }
        series.count.increment()
        series.duration.observe(durationSeconds)
    }

    /// Observes the time from a streamed request to its first token.
    public func recordTimeToFirstToken(model: String, seconds: Double) {
        timeToFirstToken.labels(model).observe(seconds)
    }

    /// Adds the prompt and completion tokens of one request. Both series of a model exist from its first call.
    public func recordTokens(model: String, prompt: Int, completion: Int) {
        let series = Self.cached(model, in: tokenSeries) {
            (tokens.labels(model, "prompt"), tokens.labels(model, "completion"))
        }
        if prompt > 0 { series.prompt.increment(by: prompt) }
        if completion > 0 { series.completion.increment(by: completion) }
    }

    /// The series cached for `key` in the calling thread's stripe, made and cached on its first use there.
    private static func cached<Key: Hashable, Series>(
        _ key: Key, in cache: Striped<Locked<[Key: Series]>>, make: () -> Series
    ) -> Series {
        cache.current.withLock { cache in
            if let series = cache[key] { return series }
            let series = make()
            cache[key] = series
            return series
        }
    }

    /// Counts a request rejected by a rate limit.
    public func recordRateLimited(_ kind: RateLimitDecision.Kind) {
        switch kind {
        case .requests: rateLimitedRequests.increment()
        case .tokens: rateLimitedTokens.increment()
        }
    }

    /// Counts a request rejected for missing or wrong credentials.
    public func recordUnauthenticated() {
        unauthenticatedRequests.increment()
    }

    /// Sets the open-connection gauge from the server's own count (read at scrape time).
    public func setOpenConnections(_ count: Int) {
        openConnections.set(Double(count))
    }

    /// Call when a streamed response starts.
    public func streamStarted() {
        activeStreams.increment()
    }

    /// Call when a streamed response ends, however it ends.
    public func streamEnded() {
        activeStreams.decrement()
    }

    /// The registry in the Prometheus text exposition format; serve it with `MetricsRegistry.contentType`.
    public func render() -> [UInt8] {
        registry.render()
    }

    // The method is a client-chosen token: only RFC 9110 §9 methods (plus PATCH) become label values.
    private static func methodLabel(_ method: String) -> String {
        switch method {
        case "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH": method
        default: "OTHER"
        }
    }
}
