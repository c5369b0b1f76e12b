import Blueprint

/// A second backend: it answers with a fixed script. Plugging it in changes nothing in HTTP, routing or middleware,
/// which is the point of the seam.
struct ScriptedBackend: ModelBackend {
    let reply: String

    func models() async throws -> [ModelDescriptor] {
        [ModelDescriptor(id: "scripted-1", created: 1_700_000_000, ownedBy: "tests", kind: .text)]
    }

    func generate(_ request: GenerationRequest) async throws -> Generation {
        guard request.model == "scripted-1" else { throw ServiceError.modelNotFound(request.model) }
        return Generation(
            model: "scripted-1", choices: [GeneratedChoice(index: 0, text: reply, finishReason: .stop)],
            usage: TokenUsage(promptTokens: 1, completionTokens: 2))
    }

    func stream(_ request: GenerationRequest, into sink: any GenerationSink) async throws {
        guard request.model == "scripted-1" else { throw ServiceError.modelNotFound(request.model) }
        for word in reply.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            try await sink.send(.text(choice: 0, (word.offset == 0 ? "" : " ") + word.element, logprob: nil))
        }
        try await sink.send(.finish(choice: 0, .stop))
        try await sink.send(.usage(TokenUsage(promptTokens: 1, completionTokens: 2)))
    }

    func embed(_ request: EmbeddingRequest) async throws -> Embeddings {
        Embeddings(model: "scripted-1", vectors: request.inputs.map { _ in [1, 0] }, promptTokens: 1)
    }
}
