import Blueprint

extension AnthropicBackend {
    /// Where the Anthropic API is, how to authenticate, and which models to offer under which names.
    public struct Configuration: Sendable {
        /// The API root, without the trailing `/messages`.
        public var baseURL: String
        /// The API key sent as `x-api-key` (resolved by the caller, e.g. from `ANTHROPIC_API_KEY`).
        public var apiKey: String
        /// Picks the upstream key for a client's Blueprint key (nil when auth is off); returning nil, or leaving
        /// this nil, uses `apiKey`. Lets each client spend its own Anthropic account.
        public var upstreamKey: (@Sendable (_ clientKey: String?) -> String?)?
        /// The model ids clients may send, listed by `/v1/models`.
        public var models: [String]
        /// Client model id to Anthropic model id, for ids that differ (aliases); others are sent unchanged.
        public var modelMapping: [String: String]
        /// The `max_tokens` sent when the client gives none (Anthropic requires the field).
        public var defaultMaxTokens: Int
        /// The most time to wait for the response head. A non-streamed answer arrives whole, so this bounds the
        /// whole generation; a stream's head comes at once.
        public var timeout: Duration
        /// The `anthropic-version` header.
        public var apiVersion: String

        /// Creates a configuration.
        public init(
            apiKey: String, models: [String], baseURL: String = "https://api.anthropic.com/v1",
            modelMapping: [String: String] = [:], upstreamKey: (@Sendable (_ clientKey: String?) -> String?)? = nil,
            defaultMaxTokens: Int = 1024, timeout: Duration = .seconds(600), apiVersion: String = "2023-06-01"
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.upstreamKey = upstreamKey
            self.models = models
            self.modelMapping = modelMapping
            self.defaultMaxTokens = defaultMaxTokens
            self.timeout = timeout
            self.apiVersion = apiVersion
        }

        /// The URL of the Messages endpoint.
        var messagesURL: String {
            var base = Substring(baseURL)
            while base.hasSuffix("/") { base = base.dropLast() }
            return base + "/messages"
        }

        /// The key to send for `caller`.
        func key(for caller: Caller) -> String {
            upstreamKey?(caller.apiKey) ?? apiKey
        }

        /// The Anthropic model id for a client's model id.
        func upstreamModel(for model: String) -> String {
            modelMapping[model] ?? model
        }
    }
}
