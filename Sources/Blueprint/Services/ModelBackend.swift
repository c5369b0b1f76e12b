/// A model backend: what Blueprint puts behind the OpenAI API. The default is `MockModel`; writing a new backend
/// means conforming one type to this protocol and registering it. Nothing here knows about HTTP.
///
/// Only `models()` and `generate(_:)` are required: by default `stream(_:into:)` sends the generated answer in one
/// piece, `embed(_:)` is unsupported and `health(model:)` is true (see `ModelBackend+Defaults.swift`).
public protocol ModelBackend: Sendable {
    /// The models this backend serves.
    func models() async throws -> [ModelDescriptor]

    /// Generates every choice of a completion at once.
    func generate(_ request: GenerationRequest) async throws -> Generation

    /// Generates the same completion as `generate`, pushing deltas into `sink` as they are produced.
    /// Returning means the generation finished; throwing `CancellationError` means the client went away.
    func stream(_ request: GenerationRequest, into sink: any GenerationSink) async throws

    /// Embeds each input.
    func embed(_ request: EmbeddingRequest) async throws -> Embeddings

    /// Whether the backend can serve `model` now (its upstream answers); `GET /health/{model}` reports it.
    /// The default says yes.
    func health(model: String) async -> Bool
}

/// Receives streamed generation events, in order.
public protocol GenerationSink: Sendable {
    /// Delivers one event. Throws when the consumer is gone; the backend then stops.
    func send(_ event: GenerationEvent) async throws
}
