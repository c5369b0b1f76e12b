/// Wires Blueprint together: settings in, a running server out. Middleware runs in this order (outermost first):
/// request id → access log and metrics → CORS → errors → auth → rate limit, then the route. CORS is outside the error
/// mapping so that error responses (401, 404, 429) carry its headers too: without them a browser client sees a
/// network failure instead of the error.
public final class BlueprintApp: Sendable {
    /// The settings the app runs with.
    public let settings: Settings
    /// The logger (JSON lines on stderr by default).
    public let logger: Logger
    /// The metrics registry behind `/metrics`.
    public let metrics: ServerMetrics
    /// The HTTP server.
    public let server: HTTPServer
    /// Readiness, flipped on start and at the beginning of shutdown.
    public let readiness: Readiness

    /// Builds the app. `backend` defaults to the deterministic mock; `environment` makes ids and timestamps.
    public init(
        settings: Settings, backend: any ModelBackend = MockModel(), environment: APIEnvironment = APIEnvironment(),
        logger: Logger? = nil, rateLimitClock: any MonotonicClock = SystemMonotonicClock()
    ) {
        self.settings = settings
        let logger = logger ?? Logger(minimumLevel: settings.logLevel)
        self.logger = logger
        let metrics = ServerMetrics(
            name: settings.version.name, version: settings.version.version,
            processStartTimeSeconds: APIEnvironment.wallClock())
        self.metrics = metrics
        let readiness = Readiness()
        self.readiness = readiness
        let server = ServerBox()

        var router = Router()
        router.use(RequestIDMiddleware(ids: environment.ids))
        router.use(AccessLogMiddleware(logger: logger, metrics: metrics))
        router.use(CORSMiddleware(origins: settings.corsOrigins))
        router.use(
            ErrorMiddleware { error, context in
                logger.with(requestID: context.requestID).error(
                    "unhandled error", metadata: ["error": .string(String(describing: error))])
            })
        router.use(AuthMiddleware(tokens: settings.apiAuthTokens, onReject: { metrics.recordUnauthenticated() }))
        let limiter = RateLimiter(
            RateLimiter.Configuration(
                requestsPerMinute: settings.rateLimitPerMinute, tokensPerMinute: settings.rateLimitTokensPerMinute),
            clock: rateLimitClock)
        // Without limits the layer would only pass requests on: it is left out.
        if limiter.isEnabled {
            router.use(
                RateLimitMiddleware(
                    limiter: limiter,
                    estimateTokens: { request in
                        request.body.withUnsafeBufferPointer { TokenCounter.count(utf8: $0) }
                    },
                    onLimited: { metrics.recordRateLimited($0) }))
        }
        OperationsRoutes(
            version: settings.version, readiness: readiness, metrics: metrics, metricsToken: settings.metricsToken,
            docsEnabled: settings.docsEnabled, openConnections: { server.value?.openConnectionCount ?? 0 }
        ).register(on: &router)
        ModelHealthRoutes(backend: backend).register(on: &router)
        OpenAIAPI(
            backend: backend, environment: environment,
            controls: MockControls(
                latency: SimulatedLatency(
                    timeToFirstTokenMS: Self.milliseconds(settings.mockTimeToFirstToken),
                    interTokenMS: Self.milliseconds(settings.mockInterTokenLatency),
                    jitterMS: Self.milliseconds(settings.mockJitter))),
            metrics: metrics
        ).register(on: &router)

        self.server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: settings.host, port: settings.port,
                limits: HTTPLimits(
                    maxRequestLineBytes: settings.maxRequestLineBytes, maxHeaderBytes: settings.maxHeaderBytes,
                    maxHeaderCount: settings.maxHeaderCount, maxBodyBytes: settings.maxBodyBytes),
                eventLoopThreads: settings.eventLoopThreads, headerReadTimeout: settings.headerReadTimeout,
                bodyReadTimeout: settings.bodyReadTimeout, idleTimeout: settings.idleTimeout,
                shutdownGracePeriod: settings.shutdownGrace,
                errorResponse: { status, message in
                    // Errors the server finds before any handler runs still carry a request id.
                    var error = APIError(
                        status: status, message: message,
                        type: status.code >= 500 ? "server_error" : "invalid_request_error")
                    error.headers.add(name: "x-request-id", value: environment.ids.make(prefix: "req_", length: 32))
                    return error.response
                }),
            responder: router.build())
        server.value = self.server
    }

    /// Binds and starts serving; readiness turns ready.
    public func start() throws {
        try server.start()
        readiness.set(.ready)
        logger.info(
            "listening",
            metadata: [
                "host": .string(settings.host), "port": .int(server.port),
                "environment": .string(settings.profile.rawValue),
                "version": .string(settings.version.version), "threads": .int(settings.eventLoopThreads),
            ])
    }

    /// Graceful shutdown: readiness turns draining first, then running requests get the grace period.
    public func shutdown() async {
        readiness.set(.draining)
        logger.info("draining", metadata: ["open_connections": .int(server.openConnectionCount)])
        await server.shutdown()
        logger.info("stopped")
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.nanoseconds / 1_000_000)
    }
}

/// Lets routes built before the server reach it once it exists.
private final class ServerBox: @unchecked Sendable {
    // Written once in `BlueprintApp.init` before the server starts, read only afterwards.
    var value: HTTPServer?
}
