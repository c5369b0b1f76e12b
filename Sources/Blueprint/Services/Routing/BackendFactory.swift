/// Turns the providers of the routing configuration into backends: a registry of provider types, each with a
/// function that makes its backend, plus the HTTP fetch the model list uses.
///
/// The core registers `mock` only; `BlueprintUpstream`'s `ProviderFactory` adds `openai-compatible`, `anthropic`
/// and a fetch, so the core never depends on an HTTP client. Registering your own backend is one line:
///
/// ```swift
/// var factory = BackendFactory()
/// factory.register("reverse") { _, _ in ReverseBackend() }
/// ```
public struct BackendFactory: Sendable {
    /// Makes the backend of one provider from its configuration and its resolved keys.
    public typealias Maker = @Sendable (ProviderConfig, ProviderCredentials) throws -> any ModelBackend

    /// Makes the function that fetches the document at a URL (the model list), or nil when no HTTP client exists.
    public typealias Fetcher = @Sendable (_ url: String) -> @Sendable () async throws -> [UInt8]

    /// Why a provider could not be made.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A sentence naming the provider.
        public var message: String

        /// Creates a failure.
        public init(message: String) {
            self.message = message
        }

        /// The message.
        public var description: String { message }
    }

    private var makers: [(type: String, make: Maker)] = []

    /// Fetches the model list; nil when this build has no HTTP client.
    public var fetcher: Fetcher?

    /// A factory that knows the `mock` type: a `MockModel` per provider.
    public init() {
        register("mock") { _, _ in MockModel() }
    }

    /// Registers (or replaces) the maker of provider `type`.
    public mutating func register(_ type: String, _ make: @escaping Maker) {
        makers.removeAll { $0.type == type }
        makers.append((type, make))
    }

    /// The registered types, in registration order: the values `type` may take in the routing configuration.
    public var typeNames: [String] {
        makers.map(\.type)
    }

    /// Makes the backend of `provider` with keys resolved from `variables` (environment variable name to value).
    public func makeBackend(for provider: ProviderConfig, variables: [String: String]) throws -> any ModelBackend {
        guard let maker = makers.first(where: { $0.type == provider.type }) else {
            throw Failure(
                message:
                    "provider \(provider.name.debugDescription) has type \(provider.type.debugDescription), which this "
                    + "build does not know (known: \(typeNames.joined(separator: ", ")))")
        }
        return try maker.make(provider, ProviderCredentials(provider: provider, variables: variables))
    }

    /// Makes the router `settings` describe: its routing configuration, upstream keys and allowed models.
    public func makeRouter(settings: Settings, created: Int = 0) throws -> ModelRouter {
        try ModelRouter(config: settings.routing, allowedModels: settings.allowedModels, created: created) {
            try makeBackend(for: $0, variables: settings.upstreamKeys)
        }
    }
}
