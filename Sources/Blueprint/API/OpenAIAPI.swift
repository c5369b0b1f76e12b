/// The OpenAI surface: `/v1/models`, `/v1/chat/completions`, `/v1/completions`, `/v1/embeddings` and
/// `/v1/responses`, answered by a `ModelBackend`. This type owns the wire format; the backend never sees it.
public struct OpenAIAPI: Sendable {
    /// The model backend.
    public let backend: any ModelBackend
    /// Ids and clock.
    public let environment: APIEnvironment
    /// Server-wide defaults for the `x-mock-*` controls.
    public let controls: MockControls
    /// Whether clients may use `x-mock-*` headers (the defaults apply either way).
    public let allowControlHeaders: Bool
    /// Where token counts and time-to-first-token go.
    public let metrics: ServerMetrics?
    /// How long a stream may stay silent before a `: ping` comment goes out.
    public let heartbeatInterval: Duration

    /// Creates the API over a backend.
    public init(
        backend: any ModelBackend, environment: APIEnvironment = APIEnvironment(),
        controls: MockControls = MockControls(),
        allowControlHeaders: Bool = true, metrics: ServerMetrics? = nil, heartbeatInterval: Duration = .seconds(15)
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.backend = backend
        self.environment = environment
        self.controls = controls
        self.allowControlHeaders = allowControlHeaders
        self.metrics = metrics
    }

    /// Adds the `/v1` routes.
    public func register(on router: inout Router) {
        router.get("/v1/models") { request, context in try await listModels(request, context) }
        router.get("/v1/models/:id") { request, context in try await retrieveModel(request, context) }
        router.post("/v1/chat/completions") { request, context in try await chatCompletions(request, context) }
        router.post("/v1/completions") { request, context in try await completions(request, context) }
        router.post("/v1/embeddings") { request, context in try await embeddings(request, context) }
        router.post("/v1/responses") { request, context in try await responses(request, context) }
    }

    // MARK: - Shared steps

    /// The controls for this request; a forced error is thrown here, before any work.
    func controls(for request: HTTPRequest) throws -> MockControls {
        let controls =
            allowControlHeaders ? try MockControls.parse(request.headers, defaults: self.controls) : self.controls
        if let status = controls.forcedError { throw MockControls.forcedError(status: status) }
        return controls
    }

    /// Notes the requested model and the stream flag for the access log line.
    func noteRequest(model: String, stream: Bool, in context: RequestContext) {
        context.record?.note(model: model, stream: stream)
    }

    func caller(_ context: RequestContext) -> Caller {
        Caller(apiKey: context.apiKey, requestID: context.requestID)
    }

    /// A `200 application/json` response.
    static func json(_ bytes: [UInt8]) -> HTTPResponse {
        HTTPResponse(headers: jsonHeaders, body: .bytes(bytes))
    }

    private static let jsonHeaders: HTTPHeaders = ["content-type": "application/json"]

    /// The mapping for errors raised before a stream wrote anything; the stream controls drop the connection.
    @Sendable static func recoverStreamError(_ error: any Error) -> HTTPResponse? {
        if case StreamControl.disconnected = error { return nil }
        if error is CancellationError { return nil }
        return APIError(mapping: error).response
    }

    /// Whether a stream error means the client is gone or the controls ended it (nothing more to send).
    static func endsSilently(_ error: any Error) -> Bool {
        error is CancellationError || error is StreamControl || !(error is APIError || error is ServiceError)
    }

    /// Seconds since a monotonic instant (`RequestContext.receivedAt`).
    static func seconds(since start: UInt64) -> Double {
        Double(SystemCall.monotonicNanoseconds() &- start) / 1e9
    }

    /// Counts the tokens in the metrics and notes them for the access log line.
    func recordUsage(model: String, _ usage: TokenUsage, in context: RequestContext) {
        context.record?.note(usage: usage)
        metrics?.recordTokens(model: model, prompt: usage.promptTokens, completion: usage.completionTokens)
    }
}
