/// Every setting of the server as a typed, validated value.
///
/// Load it with ``load(environment:dotEnvText:versionJSON:activeProcessorCount:generateToken:)``, which reads
/// the variables documented in `.env.example`. ``init(profile:)`` gives a profile's defaults, for tests and tools.
///
/// `description`, `debugDescription` and `dump` never show ``apiAuthTokens``, ``metricsToken`` or ``upstreamKeys``.
public struct Settings: Sendable, Equatable {
    /// The deployment environment (`ENVIRONMENT`).
    public var profile: EnvironmentProfile
    /// The address to listen on (`HOST`).
    public var host: String
    /// The TCP port to listen on; 0 asks the system for a free one (`PORT`).
    public var port: Int
    /// The least severe log level written (`LOG_LEVEL`).
    public var logLevel: LogLevel
    /// The accepted API keys (`API_AUTH_TOKENS`). Secret.
    public var apiAuthTokens: [String]
    /// Requests per minute allowed per API key; 0 disables the limit (`RATE_LIMIT_PER_MINUTE`).
    public var rateLimitPerMinute: Int
    /// Tokens per minute allowed per API key; 0 disables the limit (`RATE_LIMIT_TOKENS_PER_MINUTE`).
    public var rateLimitTokensPerMinute: Int
    /// Which browser origins may call the API (`CORS_ORIGINS`).
    public var corsOrigins: CORSOrigins
    /// The bearer token `/metrics` requires, if any (`METRICS_TOKEN`). Secret.
    public var metricsToken: String?
    /// Whether the API documentation routes are served (`DOCS_ENABLED`).
    public var docsEnabled: Bool
    /// How long in-flight requests may run after a stop signal before they are cancelled (`SHUTDOWN_GRACE_SECONDS`).
    public var shutdownGrace: Duration
    /// The largest request body accepted, in bytes (`MAX_BODY_BYTES`).
    public var maxBodyBytes: Int
    /// The largest request head (request line and header fields) accepted, in bytes (`MAX_HEADER_BYTES`).
    public var maxHeaderBytes: Int
    /// The most header fields accepted in one request (`MAX_HEADER_COUNT`).
    public var maxHeaderCount: Int
    /// The longest request line accepted, in bytes (`MAX_REQUEST_LINE_BYTES`).
    public var maxRequestLineBytes: Int
    /// How long a client may take to send a request head (`HEADER_READ_TIMEOUT_MS`).
    public var headerReadTimeout: Duration
    /// How long a client may take to send a request body (`BODY_READ_TIMEOUT_MS`).
    public var bodyReadTimeout: Duration
    /// How long an idle keep-alive connection is kept open (`IDLE_TIMEOUT_MS`).
    public var idleTimeout: Duration
    /// The number of event loop threads (`EVENT_LOOP_THREADS`).
    public var eventLoopThreads: Int
    /// The mock model's delay before its first token (`MOCK_TTFT_MS`).
    public var mockTimeToFirstToken: Duration
    /// The mock model's delay between tokens (`MOCK_ITL_MS`).
    public var mockInterTokenLatency: Duration
    /// The most random delay the mock model adds to each wait (`MOCK_JITTER_MS`).
    public var mockJitter: Duration
    /// The routing configuration file, if any (`ROUTING_CONFIG`).
    public var routingConfigPath: String?
    /// Which backends serve which models: the file's configuration, or ``RoutingConfig/mockOnly`` without one.
    public var routing: RoutingConfig
    /// The upstream API keys the routing configuration names, by environment variable. Secret.
    public var upstreamKeys: [String: String]
    /// The only model ids clients may use and see; empty allows all (`ALLOWED_MODELS`).
    public var allowedModels: [String]
    /// Where the model list is loaded from, if anywhere (`MODEL_LIST_URL`).
    public var modelListURL: String?
    /// How often the model list is loaded again (`MODEL_LIST_REFRESH_SECONDS`).
    public var modelListRefresh: Duration
    /// The application's name and version, from `Version.json`.
    public var version: VersionInfo

    /// The defaults of `profile`. The API keys are `["test_key"]` for ``EnvironmentProfile/test`` and empty
    /// otherwise; the version is ``VersionInfo/developmentFallback``.
    public init(profile: EnvironmentProfile) {
        self.profile = profile
        host = Defaults.host
        port = Defaults.port
        logLevel = Defaults.logLevel
        apiAuthTokens = profile == .test ? [Defaults.testToken] : []
        rateLimitPerMinute = Defaults.rateLimitPerMinute(profile)
        rateLimitTokensPerMinute = 0
        corsOrigins = .disabled
        metricsToken = nil
        docsEnabled = !profile.isStrict
        shutdownGrace = .seconds(Defaults.shutdownGraceSeconds)
        maxBodyBytes = Defaults.maxBodyBytes
        maxHeaderBytes = Defaults.maxHeaderBytes
        maxHeaderCount = Defaults.maxHeaderCount
        maxRequestLineBytes = Defaults.maxRequestLineBytes
        headerReadTimeout = .milliseconds(Defaults.headerReadTimeoutMilliseconds)
        bodyReadTimeout = .milliseconds(Defaults.bodyReadTimeoutMilliseconds)
        idleTimeout = .milliseconds(Defaults.idleTimeoutMilliseconds)
        eventLoopThreads = Settings.systemActiveProcessorCount
        mockTimeToFirstToken = .zero
        mockInterTokenLatency = .zero
        mockJitter = .zero
        routingConfigPath = nil
        routing = .mockOnly
        upstreamKeys = [:]
        allowedModels = []
        modelListURL = nil
        modelListRefresh = .seconds(Defaults.modelListRefreshSeconds)
        version = .developmentFallback
    }

    /// The number of processors currently available to the process, at least 1.
    public static var systemActiveProcessorCount: Int {
        HTTPServerConfiguration.processorCount
    }
}
