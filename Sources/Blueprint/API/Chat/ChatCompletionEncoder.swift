/// Encodes `chat.completion` objects (`#S/CreateChatCompletionResponse`) by hand: every key OpenAI requires is present,
/// `null` where it is null (`refusal`, `logprobs`), in OpenAI's key order.
enum ChatCompletionEncoder {
    /// The whole non-streamed response.
    static func encode(
        _ generation: Generation, id: String, created: Int, systemFingerprint: String, includeLogprobs: Bool
    ) -> [UInt8] {
        // The fixed keys and the usage object take about 600 bytes; the text comes on top (one allocation, no growth).
        let textBytes = generation.choices.reduce(0) { $0 + ($1.text?.utf8.count ?? 0) }
        var writer = JSONWriter(reservedCapacity: 768 + textBytes)
        writer.beginObject()
        writer.field("id", id)
        writer.field("object", "chat.completion")
        writer.field("created", created)
        writer.field("model", generation.model)
        writer.key("choices")
        writer.beginArray()
        for choice in generation.choices {
            writer.beginObject()
            writer.field("index", choice.index)
            writer.key("message")
            writer.beginObject()
            writer.field("role", "assistant")
            writer.field("content", choice.text)
            writer.nullField("refusal")
            if !choice.toolCalls.isEmpty {
                writer.key("tool_calls")
                writer.beginArray()
                for call in choice.toolCalls { writeToolCall(call, to: &writer) }
                writer.endArray()
            }
            writer.key("annotations")
            writer.beginArray()
            writer.endArray()
            writer.endObject()
            if includeLogprobs, let logprobs = choice.logprobs {
                writer.key("logprobs")
                UsageEncoding.writeChatLogprobs(logprobs, to: &writer)
            } else {
                writer.nullField("logprobs")
            }
            writer.field("finish_reason", choice.finishReason.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("usage")
        UsageEncoding.write(generation.usage, to: &writer)
        writer.field("service_tier", "default")
        writer.field("system_fingerprint", systemFingerprint)
        writer.endObject()
        return writer.bytes
    }

    static func writeToolCall(_ call: ToolCall, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", call.id)
        writer.field("type", "function")
        writer.key("function")
        writer.beginObject()
        writer.field("name", call.name)
        writer.field("arguments", call.arguments)
        writer.endObject()
        writer.endObject()
    }
}
