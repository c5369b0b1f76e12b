extension OpenAIAPI {
    /// `POST /v1/embeddings` → `#S/CreateEmbeddingResponse`, floats or base64 (little-endian float32).
    func embeddings(_ request: HTTPRequest, _ context: RequestContext) async throws -> HTTPResponse {
        _ = try controls(for: request)
        var decoded = try EmbeddingDecoder.decode(try RequestBody.object(of: request))
        decoded.request.caller = caller(context)
        noteRequest(model: decoded.request.model, stream: false, in: context)
        let result = try await backend.embed(decoded.request)
        recordUsage(
            model: result.model, TokenUsage(promptTokens: result.promptTokens, completionTokens: 0), in: context)
        var body: [UInt8] = []
        body.reserveCapacity(64 + result.vectors.reduce(0) { $0 + $1.count * 12 })
        body.append(contentsOf: #"{"object":"list","data":["#.utf8)
        for (index, vector) in result.vectors.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: #"{"object":"embedding","index":"#.utf8)
            body.append(contentsOf: String(index).utf8)
            body.append(contentsOf: #","embedding":"#.utf8)
            switch decoded.encoding {
            case .base64:
                body.append(UInt8(ascii: "\""))
                body.append(contentsOf: Base64.encode(littleEndianFloats: vector))
                body.append(UInt8(ascii: "\""))
            case .float:
                body.append(UInt8(ascii: "["))
                for (position, value) in vector.enumerated() {
                    if position > 0 { body.append(UInt8(ascii: ",")) }
                    // The shortest text that reads back to the same float32, as OpenAI's vectors are float32.
                    body.append(contentsOf: value.description.utf8)
                }
                body.append(UInt8(ascii: "]"))
            }
            body.append(UInt8(ascii: "}"))
        }
        var tail = JSONWriter(reservedCapacity: 128)
        tail.beginObject()
        tail.field("model", result.model)
        tail.key("usage")
        tail.beginObject()
        tail.field("prompt_tokens", result.promptTokens)
        tail.field("total_tokens", result.promptTokens)
        tail.endObject()
        tail.endObject()
        // `],` closes `data`; the tail object's own `{` is dropped so its fields continue the outer object.
        body.append(contentsOf: "],".utf8)
        body.append(contentsOf: tail.bytes.dropFirst())
        return Self.json(body)
    }
}
