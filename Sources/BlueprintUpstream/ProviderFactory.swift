import Blueprint

/// The provider types Blueprint ships, for `ServerCommand.run(backends:)`: `mock`, `openai-compatible`
/// (`OpenAICompatibleBackend`) and `anthropic` (`AnthropicBackend`), plus the fetch that loads `MODEL_LIST_URL`.
///
/// Each provider's configuration maps onto its backend: `base_url`, the resolved key and `key_map` (through
/// `ProviderCredentials`), the timeouts and, for `openai-compatible`, the retries. Routing already turns client
/// model ids into targets, so the backends get no model maps of their own; an `anthropic` provider serves the
/// targets of its configured models.
public enum ProviderFactory {
    /// Why the model list could not be fetched.
    public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A sentence saying what went wrong.
        public var message: String

        /// The message.
        public var description: String { message }
    }

    /// The most bytes read from a model list.
    static let maxModelListBytes = 8 << 20

    /// The time a model list fetch may take until the response head.
    static let modelListTimeout = Duration.seconds(30)

    /// A factory with every shipped type. Without a `client`, each provider (and the model list) gets its own
    /// `URLSessionUpstreamClient` with the provider's connect timeout; tests pass one client for all.
    public static func standard(client: (any UpstreamHTTPClient)? = nil) -> BackendFactory {
        var factory = BackendFactory()
        factory.register("openai-compatible") { provider, credentials in
            OpenAICompatibleBackend(
                configuration: openAICompatibleConfiguration(provider, credentials), client: client)
        }
        factory.register("anthropic") { provider, credentials in
            AnthropicBackend(
                configuration: anthropicConfiguration(provider, credentials),
                client: client ?? URLSessionUpstreamClient(connectTimeout: provider.connectTimeout))
        }
        factory.fetcher = { url in
            let fetchClient = client ?? URLSessionUpstreamClient()
            return { try await fetch(url, client: fetchClient) }
        }
        return factory
    }

    /// The configuration of an `openai-compatible` provider.
    static func openAICompatibleConfiguration(
        _ provider: ProviderConfig, _ credentials: ProviderCredentials
    ) -> OpenAICompatibleBackend.Configuration {
        var configuration = OpenAICompatibleBackend.Configuration(
            providerName: provider.name, baseURL: provider.baseURL ?? "", apiKey: credentials.apiKey)
        configuration.apiKeyForClient = clientKeys(credentials)
        configuration.connectTimeout = provider.connectTimeout
        configuration.requestTimeout = provider.requestTimeout
        configuration.retry = UpstreamRetryPolicy(
            maxAttempts: provider.maxAttempts, totalBudget: provider.maxRetryDuration)
        return configuration
    }

    /// The configuration of an `anthropic` provider.
    static func anthropicConfiguration(
        _ provider: ProviderConfig, _ credentials: ProviderCredentials
    ) -> AnthropicBackend.Configuration {
        var configuration = AnthropicBackend.Configuration(
            apiKey: credentials.apiKey ?? "", models: provider.models.map(\.target),
            upstreamKey: clientKeys(credentials), timeout: provider.requestTimeout)
        if let baseURL = provider.baseURL { configuration.baseURL = baseURL }
        return configuration
    }

    /// The `key_map` lookup; nil for clients without an entry, which then use the provider's key.
    private static func clientKeys(_ credentials: ProviderCredentials) -> (@Sendable (String?) -> String?)? {
        guard !credentials.keysByClientKey.isEmpty else { return nil }
        let keys = credentials.keysByClientKey
        return { clientKey in clientKey.flatMap { keys[$0] } }
    }

    /// `GET url`: the body of a 2xx answer, at most `maxModelListBytes`.
    static func fetch(_ url: String, client: any UpstreamHTTPClient) async throws -> [UInt8] {
        let response = try await client.send(
            UpstreamRequest(
                method: "GET", url: url, headers: [(name: "accept", value: "application/json")],
                timeout: modelListTimeout))
        var body: [UInt8] = []
        for try await piece in response.body {
            body.append(contentsOf: piece)
            guard body.count <= maxModelListBytes else {
                throw FetchError(message: "the model list is larger than \(maxModelListBytes) bytes")
            }
        }
        guard (200..<300).contains(response.status) else {
            throw FetchError(message: "the model list answered HTTP \(response.status)")
        }
        return body
    }
}
