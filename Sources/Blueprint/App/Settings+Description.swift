extension Settings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// What is shown instead of a secret.
    static let redacted = "<redacted>"

    /// Every setting with the secrets replaced by `<redacted>`.
    public var description: String {
        let fields = redactedFields.map { "\($0.name): \($0.value)" }.joined(separator: ", ")
        return "Settings(\(fields))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Children with the secrets redacted, so `dump` and other reflection cannot reveal them.
    public var customMirror: Mirror {
        Mirror(
            self, children: redactedFields.map { (label: Optional($0.name), value: $0.value as Any) },
            displayStyle: .struct)
    }

    private var redactedFields: [(name: String, value: String)] {
        [
            ("profile", profile.rawValue),
            ("host", host),
            ("port", String(port)),
            ("logLevel", logLevel.rawValue),
            ("apiAuthTokens", "\(Self.redacted) (\(apiAuthTokens.count))"),
            ("rateLimitPerMinute", String(rateLimitPerMinute)),
            ("rateLimitTokensPerMinute", String(rateLimitTokensPerMinute)),
            ("corsOrigins", String(describing: corsOrigins)),
            ("metricsToken", metricsToken == nil ? "nil" : Self.redacted),
            ("docsEnabled", String(docsEnabled)),
            ("shutdownGrace", String(describing: shutdownGrace)),
            ("maxBodyBytes", String(maxBodyBytes)),
            ("maxHeaderBytes", String(maxHeaderBytes)),
            ("maxHeaderCount", String(maxHeaderCount)),
            ("maxRequestLineBytes", String(maxRequestLineBytes)),
            ("headerReadTimeout", String(describing: headerReadTimeout)),
            ("bodyReadTimeout", String(describing: bodyReadTimeout)),
            ("idleTimeout", String(describing: idleTimeout)),
            ("eventLoopThreads", String(eventLoopThreads)),
            ("mockTimeToFirstToken", String(describing: mockTimeToFirstToken)),
            ("mockInterTokenLatency", String(describing: mockInterTokenLatency)),
            ("mockJitter", String(describing: mockJitter)),
            ("routingConfigPath", routingConfigPath ?? "nil"),
            ("routing", "\(routing.providers.count) provider(s)"),
            ("upstreamKeys", "\(Self.redacted) (\(upstreamKeys.count))"),
            ("allowedModels", allowedModels.joined(separator: ",")),
            ("modelListURL", modelListURL ?? "nil"),
            ("modelListRefresh", String(describing: modelListRefresh)),
            ("version", "\(version.name) \(version.version)"),
        ]
    }
}
