/// The smallest complete backend, as an example of the seam: the model `reverse` answers with the last user message
/// (or the prompt) written backwards. Streaming, embeddings and health use the protocol's defaults.
///
/// Serve it alone with `BlueprintApp(settings: settings, backend: ReverseBackend())`, or behind routing by
/// registering a provider type: `factory.register("reverse") { _, _ in ReverseBackend() }`.
public struct ReverseBackend: ModelBackend {
    /// Creates the backend.
    public init() {}

    /// The one model, `reverse`.
    public func models() async throws -> [ModelDescriptor] {
        [ModelDescriptor(id: "reverse", created: 1_735_689_600, ownedBy: "example", kind: .text)]
    }

    /// The last user message (or the prompt) backwards, as one choice.
    public func generate(_ request: GenerationRequest) async throws -> Generation {
        guard request.model == "reverse" else { throw ServiceError.modelNotFound(request.model) }
        let text: String
        switch request.input {
        case .messages(let messages): text = messages.last(where: { $0.role == .user })?.content ?? ""
        case .prompt(let prompt): text = prompt
        case .tokens: text = ""
        }
        let answer = String(text.reversed())
        return Generation(
            model: request.model, choices: [GeneratedChoice(index: 0, text: answer, finishReason: .stop)],
            usage: TokenUsage(promptTokens: TokenCounter.count(text), completionTokens: TokenCounter.count(answer)))
    }
}
