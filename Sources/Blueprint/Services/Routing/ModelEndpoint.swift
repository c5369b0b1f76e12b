/// An OpenAI endpoint a model can serve, named as the routing configuration names it.
public enum ModelEndpoint: String, Sendable, Hashable, CaseIterable {
    /// `POST /v1/chat/completions`.
    case chat
    /// `POST /v1/completions` (legacy completions).
    case completions
    /// `POST /v1/responses`.
    case responses
    /// `POST /v1/embeddings`.
    case embeddings

    /// The path without its leading slash, as error messages name it, e.g. `v1/chat/completions`.
    public var path: String {
        switch self {
        case .chat: "v1/chat/completions"
        case .completions: "v1/completions"
        case .responses: "v1/responses"
        case .embeddings: "v1/embeddings"
        }
    }
}
