import Blueprint

/// A stand-in OpenAI-compatible server for routing tests: chat completions answer with the model and the bearer key
/// they received, `GET /v1/models` answers 200 or 503 as the test sets it, and `GET /models.json` serves a model list.
final class RoutedUpstream: Sendable {
    private let healthy = Locked(true)
    private let modelList = Locked(#"{"models": []}"#)

    func setHealthy(_ value: Bool) { healthy.withLock { $0 = value } }

    func setModelList(_ text: String) { modelList.withLock { $0 = text } }

    var responder: RouterResponder {
        var router = Router()
        router.get("/v1/models") { _, _ in
            guard self.healthy.withLock({ $0 }) else { return HTTPResponse(status: .serviceUnavailable) }
            return Self.json(
                #"{"object":"list","data":[{"id":"upstream-small","object":"model","created":1,"owned_by":"x"}]}"#)
        }
        router.get("/models.json") { _, _ in Self.json(self.modelList.withLock { $0 }) }
        router.post("/v1/chat/completions") { request, _ in
            let model = try JSONParser.parse(request.body)["model"]?.stringValue ?? ""
            let key = request.headers["authorization"] ?? "none"
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("id", "chatcmpl-1")
            writer.field("object", "chat.completion")
            writer.field("created", 1)
            writer.field("model", model)
            writer.key("choices")
            writer.beginArray()
            writer.beginObject()
            writer.field("index", 0)
            writer.key("message")
            writer.beginObject()
            writer.field("role", "assistant")
            writer.field("content", "\(model) with \(key)")
            writer.endObject()
            writer.field("finish_reason", "stop")
            writer.endObject()
            writer.endArray()
            writer.key("usage")
            writer.beginObject()
            writer.field("prompt_tokens", 1)
            writer.field("completion_tokens", 1)
            writer.field("total_tokens", 2)
            writer.endObject()
            writer.endObject()
            return Self.json(writer.bytes)
        }
        return router.build()
    }

    private static func json(_ text: String) -> HTTPResponse {
        json(Array(text.utf8))
    }

    private static func json(_ bytes: [UInt8]) -> HTTPResponse {
        HTTPResponse(headers: ["content-type": "application/json"], body: .bytes(bytes))
    }
}
