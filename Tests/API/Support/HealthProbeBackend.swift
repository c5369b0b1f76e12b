import Blueprint

/// A backend serving one model whose health check answers `healthy`; generation uses the example backend.
struct HealthProbeBackend: ModelBackend {
    let model: String
    let healthy: Bool

    func models() async throws -> [ModelDescriptor] {
        [ModelDescriptor(id: model, created: 1, ownedBy: "tests", kind: .text)]
    }

    func generate(_ request: GenerationRequest) async throws -> Generation {
        guard request.model == model else { throw ServiceError.modelNotFound(request.model) }
        var forwarded = request
        forwarded.model = "reverse"
        return try await ReverseBackend().generate(forwarded)
    }

    func health(model: String) async -> Bool {
        healthy && model == self.model
    }
}
