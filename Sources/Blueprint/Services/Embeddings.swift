/// A request to embed inputs.
public struct EmbeddingRequest: Sendable, Equatable {
    /// One input: text, or token ids (already tokenized by the client).
    public enum Input: Sendable, Equatable {
        case text(String)
        case tokens([Int])
    }

    /// The model id.
    public var model: String
    /// The inputs, in order.
    public var inputs: [Input]
    /// Truncate vectors to this many dimensions (text-embedding-3 and later).
    public var dimensions: Int?
    /// Who is asking.
    public var caller: Caller

    /// Creates a request.
    public init(model: String, inputs: [Input], dimensions: Int? = nil, caller: Caller = Caller()) {
        self.model = model
        self.inputs = inputs
        self.dimensions = dimensions
        self.caller = caller
    }
}

/// Embedding vectors, one per input, in input order.
public struct Embeddings: Sendable, Equatable {
    /// The model that produced them.
    public var model: String
    /// The vectors.
    public var vectors: [[Float]]
    /// Tokens read.
    public var promptTokens: Int

    /// Creates a result.
    public init(model: String, vectors: [[Float]], promptTokens: Int) {
        self.model = model
        self.vectors = vectors
        self.promptTokens = promptTokens
    }
}
