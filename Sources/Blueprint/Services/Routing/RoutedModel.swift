/// One model a provider serves: the id clients send (after the provider's `model_prefix`), the name the provider
/// knows it by, and the endpoints it answers.
public struct RoutedModel: Sendable, Equatable {
    /// The id within the provider; clients send the provider's `model_prefix` followed by this id.
    public var id: String
    /// The model name sent to the provider.
    public var target: String
    /// The endpoints clients may use the model on.
    public var endpoints: Set<ModelEndpoint>

    /// Creates a model; the target defaults to `id` and the endpoints to all of them.
    public init(id: String, target: String? = nil, endpoints: Set<ModelEndpoint> = Set(ModelEndpoint.allCases)) {
        self.id = id
        self.target = target ?? id
        self.endpoints = endpoints
    }
}
