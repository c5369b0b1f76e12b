/// A model a backend serves, as `/v1/models` lists it (`#S/Model`).
public struct ModelDescriptor: Sendable, Equatable {
    /// What a model is for.
    public enum Kind: String, Sendable, Equatable {
        /// Chat, completions and responses.
        case text
        /// Embeddings.
        case embedding
    }

    /// The model id clients send, e.g. `gpt-4o-mini`.
    public var id: String
    /// Unix seconds when the model was created.
    public var created: Int
    /// The owner shown in `owned_by`.
    public var ownedBy: String
    /// What the model does.
    public var kind: Kind

    /// Creates a descriptor.
    public init(id: String, created: Int, ownedBy: String, kind: Kind) {
        self.id = id
        self.created = created
        self.ownedBy = ownedBy
        self.kind = kind
    }
}
