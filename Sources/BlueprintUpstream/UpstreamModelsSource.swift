import Blueprint

/// Where an upstream backend's model list (`GET /v1/models`) comes from.
public enum UpstreamModelsSource: Sendable, Equatable {
    /// This list, as given.
    case fixed([ModelDescriptor])
    /// The upstream's own `GET {base}/models`, cached for `refreshInterval`; when a refresh fails, the last list is
    /// kept.
    case upstream(refreshInterval: Duration)
}
