extension OpenAIAPI {
    /// `GET /v1/models` → `#S/ListModelsResponse`.
    func listModels(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        _ = try controls(for: request)
        let models = try await backend.models()
        var writer = JSONWriter(reservedCapacity: 64 + models.count * 96)
        writer.beginObject()
        writer.field("object", "list")
        writer.key("data")
        writer.beginArray()
        for model in models { Self.write(model, to: &writer) }
        writer.endArray()
        writer.endObject()
        return Self.json(writer.bytes)
    }

    /// `GET /v1/models/{id}` → `#S/Model`, or 404 `model_not_found`.
    func retrieveModel(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        _ = try controls(for: request)
        let id = context.parameters["id"] ?? ""
        guard let model = try await backend.models().first(where: { $0.id == id }) else {
            throw ServiceError.modelNotFound(id)
        }
        var writer = JSONWriter()
        Self.write(model, to: &writer)
        return Self.json(writer.bytes)
    }

    static func write(_ model: ModelDescriptor, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", model.id)
        writer.field("object", "model")
        writer.field("created", model.created)
        writer.field("owned_by", model.ownedBy)
        writer.endObject()
    }
}
