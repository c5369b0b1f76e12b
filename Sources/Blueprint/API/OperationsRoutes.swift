/// The operator's routes: `/health`, `/health/ready`, `/metrics`, and (when enabled) `/openapi.json` and `/docs`.
public struct OperationsRoutes: Sendable {
    let version: VersionInfo
    let startedAt: UInt64
    let readiness: Readiness
    let metrics: ServerMetrics
    let metricsToken: String?
    let openConnections: @Sendable () -> Int
    let docsEnabled: Bool

    /// Creates the routes.
    public init(
        version: VersionInfo, readiness: Readiness, metrics: ServerMetrics, metricsToken: String?, docsEnabled: Bool,
        openConnections: @escaping @Sendable () -> Int
    ) {
        self.docsEnabled = docsEnabled
        self.version = version
        self.startedAt = SystemCall.monotonicNanoseconds()
        self.readiness = readiness
        self.metrics = metrics
        self.metricsToken = metricsToken
        self.openConnections = openConnections
    }

    /// Adds the routes.
    public func register(on router: inout Router) {
        router.get("/health") { _, _ in health() }
        router.get("/health/ready") { _, _ in ready() }
        router.get("/metrics") { request, _ in try scrape(request) }
        guard docsEnabled else { return }
        let openAPI = OpenAPIDocument.bytes(version: version.version)
        let docs = DocsPage.html(name: version.name, version: version.version)
        router.get("/openapi.json") { _, _ in OpenAIAPI.json(openAPI) }
        router.get("/docs") { _, _ in
            HTTPResponse(
                headers: [
                    "content-type": "text/html; charset=utf-8",
                    // The page is self-contained: nothing may load from elsewhere.
                    "content-security-policy":
                        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
                ], body: .bytes(docs))
        }
    }

    /// `{"status":"ok","name","version","uptime_seconds"}`.
    func health() -> HTTPResponse {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("status", "ok")
        writer.field("name", version.name)
        writer.field("version", version.version)
        writer.field("uptime_seconds", Double(SystemCall.monotonicNanoseconds() &- startedAt) / 1e9)
        writer.endObject()
        return OpenAIAPI.json(writer.bytes)
    }

    /// 200 when serving, 503 while starting or draining, so a load balancer stops sending traffic first.
    func ready() -> HTTPResponse {
        let phase = readiness.current
        var writer = JSONWriter()
        writer.beginObject()
        switch phase {
        case .ready: writer.field("status", "ready")
        case .starting: writer.field("status", "starting")
        case .draining: writer.field("status", "draining")
        }
        writer.endObject()
        var response = OpenAIAPI.json(writer.bytes)
        if phase != .ready {
            response.status = .serviceUnavailable
            response.headers.add(name: "retry-after", value: "1")
        }
        return response
    }

    /// The Prometheus text exposition, behind a bearer token when one is configured.
    func scrape(_ request: HTTPRequest) throws -> HTTPResponse {
        if let metricsToken {
            let presented = AuthMiddleware.bearerToken(request.headers["authorization"]) ?? ""
            guard AuthMiddleware.constantTimeEquals(Array(presented.utf8), Array(metricsToken.utf8)) else {
                throw AuthMiddleware.rejection(
                    "The metrics endpoint needs the metrics bearer token.", code: "invalid_api_key")
            }
        }
        metrics.setOpenConnections(openConnections())
        return HTTPResponse(headers: ["content-type": MetricsRegistry.contentType], body: .bytes(metrics.render()))
    }
}
