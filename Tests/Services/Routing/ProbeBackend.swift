import Blueprint

/// A backend that answers with what reached it: `provider:model:upstream key` as the text, so a test sees where a
/// request went, under which name, with which credentials.
struct ProbeBackend: ModelBackend {
    var provider: String
    var modelIDs: [String]
    var credentials = ProviderCredentials()
    var healthy = true
    let received = Locked<[String]>([])

    func models() async throws -> [ModelDescriptor] {
        modelIDs.map { ModelDescriptor(id: $0, created: 1, ownedBy: provider, kind: .text) }
    }

    func generate(_ request: GenerationRequest) async throws -> Generation {
        received.withLock { $0.append(request.model) }
        guard modelIDs.contains(request.model) else { throw ServiceError.modelNotFound(request.model) }
        let key = credentials.key(for: request.caller.apiKey) ?? "none"
        return Generation(
            model: request.model,
            choices: [GeneratedChoice(index: 0, text: "\(provider):\(request.model):\(key)", finishReason: .stop)],
            usage: TokenUsage(promptTokens: 1, completionTokens: 1))
    }

    func embed(_ request: EmbeddingRequest) async throws -> Embeddings {
        received.withLock { $0.append(request.model) }
        return Embeddings(model: request.model, vectors: [[1, 0]], promptTokens: 1)
    }

    func health(model: String) async -> Bool {
        healthy && modelIDs.contains(model)
    }
}
