/// Where one client-visible model id goes: the provider and the model name it is sent as.
public struct ModelRoute: Sendable, Equatable {
    /// The id clients send: the provider's `model_prefix` followed by the model's `id`.
    public var modelID: String
    /// The provider's name.
    public var provider: String
    /// The model name sent to the provider.
    public var target: String
    /// The endpoints clients may use the model on.
    public var endpoints: Set<ModelEndpoint>

    /// Creates a route.
    public init(
        modelID: String, provider: String, target: String, endpoints: Set<ModelEndpoint> = Set(ModelEndpoint.allCases)
    ) {
        self.modelID = modelID
        self.provider = provider
        self.target = target
        self.endpoints = endpoints
    }

    /// The route of `model` served by `provider`.
    public init(_ model: RoutedModel, of provider: ProviderConfig) {
        self.init(
            modelID: provider.modelPrefix + model.id, provider: provider.name, target: model.target,
            endpoints: model.endpoints)
    }
}
