/// Which backends serve which models: the providers and their models, read from the JSON file named by
/// `ROUTING_CONFIG`. Without a file, the mock model alone serves every request (``mockOnly``).
///
/// ```json
/// {"providers": [{"name": "local-vllm", "type": "openai-compatible", "base_url": "http://127.0.0.1:8001/v1",
///                 "api_key_env": "VLLM_API_KEY", "model_prefix": "vllm/",
///                 "models": [{"id": "llama-3-8b", "target": "meta-llama/Meta-Llama-3-8B-Instruct",
///                             "endpoints": ["chat", "completions"]}],
///                 "timeouts": {"connect_ms": 5000, "request_ms": 60000},
///                 "retries": {"max_attempts": 3, "max_total_ms": 30000},
///                 "key_map": {"client-key-1": "UPSTREAM_KEY_ENV_1"}}],
///  "default_provider": "mock"}
/// ```
///
/// A client's model id is the provider's `model_prefix` followed by the model's `id`; requests go to the provider
/// with the model's `target`. Models no route names go to `default_provider` unchanged, when there is one.
public struct RoutingConfig: Sendable, Equatable {
    /// The providers, in file order.
    public var providers: [ProviderConfig]
    /// The provider that serves models without a route of their own, by name.
    public var defaultProvider: String?

    /// Creates a configuration.
    public init(providers: [ProviderConfig], defaultProvider: String? = nil) {
        self.providers = providers
        self.defaultProvider = defaultProvider
    }

    /// The configuration without a file: one `mock` provider serving every model the mock knows.
    public static let mockOnly = RoutingConfig(
        providers: [ProviderConfig(name: "mock", type: "mock")], defaultProvider: "mock")

    /// The provider types Blueprint ships: `openai-compatible` and `anthropic` (from `BlueprintUpstream`) and `mock`.
    public static let standardProviderTypes = ["openai-compatible", "anthropic", "mock"]

    /// The provider types that talk to a server and so need a `base_url`.
    static let typesNeedingBaseURL = ["openai-compatible", "anthropic"]

    /// Every environment variable the providers read keys from, each once, in file order.
    public var keyVariableNames: [String] {
        var names: [String] = []
        for provider in providers {
            for name in provider.keyVariableNames where !names.contains(name) { names.append(name) }
        }
        return names
    }
}
