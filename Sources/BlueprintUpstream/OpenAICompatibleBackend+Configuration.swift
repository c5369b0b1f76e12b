import Blueprint

extension OpenAICompatibleBackend {
    /// Everything an `OpenAICompatibleBackend` needs to know about its upstream.
    public struct Configuration: Sendable {
        /// The name used in error messages clients see, e.g. `local-vllm` (never the URL).
        public var providerName: String
        /// The API root, e.g. `http://127.0.0.1:8080/v1`; paths such as `/chat/completions` are appended.
        public var baseURL: String
        /// The upstream key (already read from its environment variable), sent as `Authorization: Bearer`; nil sends
        /// none.
        public var apiKey: String?
        /// Maps the client's Blueprint key to the upstream key to use; nil (or a nil result) means `apiKey`.
        public var apiKeyForClient: (@Sendable (String?) -> String?)?
        /// Client model id → upstream model id; ids not listed are sent unchanged. Aliases also appear in the model
        /// list when their target does.
        public var modelMap: [String: String]
        /// The most time until the request has been sent (used when the backend creates its own client).
        public var connectTimeout: Duration
        /// The most time until the upstream's response head arrives.
        public var requestTimeout: Duration
        /// When to try again.
        public var retry: UpstreamRetryPolicy
        /// Where the model list comes from.
        public var models: UpstreamModelsSource
        /// Extra header fields for every upstream request (e.g. an organization id).
        public var headers: [(name: String, value: String)]
        /// The JSON name of the output-token limit: `max_tokens` (vLLM, Ollama, llama.cpp, most providers) or
        /// `max_completion_tokens` (OpenAI's reasoning models require it).
        public var maxTokensField: String
        /// Send `developer` messages with the `system` role, for servers that do not know `developer`.
        public var developerRoleAsSystem: Bool
        /// How the backend waits between attempts (injected so tests need not wait).
        public var sleep: @Sendable (Duration) async throws -> Void
        /// The jitter source for backoff, uniform in `0..<1` (injected so tests are deterministic).
        public var jitter: @Sendable () -> Double
        /// The clock for the retry budget and the model-list cache.
        public var clock: any MonotonicClock

        /// Creates a configuration with the defaults: no key mapping, no aliases, 10 s to connect, 60 s to the
        /// response head, 3 attempts within 30 s, the upstream's model list refreshed every 5 minutes.
        public init(providerName: String, baseURL: String, apiKey: String? = nil) {
            self.providerName = providerName
            self.baseURL = baseURL
            self.apiKey = apiKey
            apiKeyForClient = nil
            modelMap = [:]
            connectTimeout = .seconds(10)
            requestTimeout = .seconds(60)
            retry = UpstreamRetryPolicy()
            models = .upstream(refreshInterval: .seconds(300))
            headers = []
            maxTokensField = "max_tokens"
            developerRoleAsSystem = false
            sleep = { try await Task.sleep(for: $0) }
            jitter = { Double.random(in: 0..<1) }
            clock = SystemMonotonicClock()
        }
    }
}
