/// The upstream API keys of one provider, resolved from the environment at startup: the provider's own key and
/// the keys of clients listed in its `key_map`. Secret: `description` shows neither keys nor client keys.
public struct ProviderCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The key from `api_key_env`, used for clients without a `key_map` entry; nil when unset.
    public var apiKey: String?
    /// Client API key to upstream key, for the `key_map` entries whose variable is set.
    public var keysByClientKey: [String: String]

    /// Creates credentials.
    public init(apiKey: String? = nil, keysByClientKey: [String: String] = [:]) {
        self.apiKey = apiKey
        self.keysByClientKey = keysByClientKey
    }

    /// Resolves `provider`'s variable names with `variables` (name to value); unset names resolve to nothing.
    public init(provider: ProviderConfig, variables: [String: String]) {
        apiKey = provider.apiKeyEnv.flatMap { variables[$0] }
        var keys: [String: String] = [:]
        for (clientKey, variable) in provider.keyMap {
            if let value = variables[variable] { keys[clientKey] = value }
        }
        keysByClientKey = keys
    }

    /// The upstream key for a client: its `key_map` key when it has one, the provider's key otherwise.
    public func key(for clientKey: String?) -> String? {
        if let clientKey, let mapped = keysByClientKey[clientKey] { return mapped }
        return apiKey
    }

    /// Whether keys are present, never the keys.
    public var description: String {
        "ProviderCredentials(apiKey: \(redactedKey), keysByClientKey: \(keysByClientKey.count))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Children without the keys, so `dump` cannot reveal them.
    public var customMirror: Mirror {
        Mirror(
            self, children: ["apiKey": redactedKey, "keysByClientKey": keysByClientKey.count], displayStyle: .struct)
    }

    private var redactedKey: String { apiKey == nil ? "nil" : "<redacted>" }
}
