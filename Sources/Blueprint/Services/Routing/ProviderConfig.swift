/// One provider of the routing configuration: what kind of backend it is, where it lives, which credentials it
/// uses and which models it serves. It holds the names of environment variables, never secrets.
public struct ProviderConfig: Sendable, Equatable {
    /// A unique name, used in logs, `/health/{model}` and `owned_by`.
    public var name: String
    /// The backend type, e.g. `openai-compatible`, `anthropic` or `mock`: a name registered in the `BackendFactory`.
    public var type: String
    /// The API root, e.g. `http://127.0.0.1:8001/v1`; nil for backends that need none.
    public var baseURL: String?
    /// The environment variable holding the upstream API key, if any.
    public var apiKeyEnv: String?
    /// Put in front of each model id to make the id clients send, e.g. `vllm/`.
    public var modelPrefix: String
    /// The models served under routes of their own.
    public var models: [RoutedModel]
    /// The most time to wait for a connection.
    public var connectTimeout: Duration
    /// The most time to wait for the response head.
    public var requestTimeout: Duration
    /// How many times a request may be sent, the first time included.
    public var maxAttempts: Int
    /// The most time all attempts together may take.
    public var maxRetryDuration: Duration
    /// Client API key to the name of the environment variable holding the upstream key for that client. The keys
    /// are secrets: never log them.
    public var keyMap: [String: String]

    /// The defaults of optional fields.
    public enum Defaults {
        /// `timeouts.connect_ms`.
        public static let connectMilliseconds = 10_000
        /// `timeouts.request_ms`.
        public static let requestMilliseconds = 600_000
        /// `retries.max_attempts`.
        public static let maxAttempts = 3
        /// `retries.max_total_ms`.
        public static let maxTotalMilliseconds = 30_000
    }

    /// Creates a provider with the defaults for everything not given.
    public init(
        name: String, type: String, baseURL: String? = nil, apiKeyEnv: String? = nil, modelPrefix: String = "",
        models: [RoutedModel] = [], connectTimeout: Duration = .milliseconds(Defaults.connectMilliseconds),
        requestTimeout: Duration = .milliseconds(Defaults.requestMilliseconds),
        maxAttempts: Int = Defaults.maxAttempts,
        maxRetryDuration: Duration = .milliseconds(Defaults.maxTotalMilliseconds), keyMap: [String: String] = [:]
    ) {
        self.name = name
        self.type = type
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.modelPrefix = modelPrefix
        self.models = models
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.maxRetryDuration = maxRetryDuration
        self.keyMap = keyMap
    }

    /// The environment variables this provider reads keys from: `api_key_env`, then the `key_map` values, each once.
    public var keyVariableNames: [String] {
        var names: [String] = []
        for name in [apiKeyEnv].compactMap({ $0 }) + keyMap.values.sorted() where !names.contains(name) {
            names.append(name)
        }
        return names
    }
}
