import Blueprint

/// Writes the OpenAI request bodies an `OpenAICompatibleBackend` sends: `/chat/completions`, `/completions` and
/// `/embeddings`. Only parameters the client set are written (servers differ in which defaults they accept), then
/// every key of `GenerationRequest.extra` that the encoder did not write itself, unchanged.
enum OpenAIRequestEncoder {
    /// How the backend adapts requests to its upstream.
    struct Options {
        var maxTokensField: String
        var developerRoleAsSystem: Bool
    }

    /// `POST /chat/completions`.
    static func chat(
        _ request: GenerationRequest, messages: [ChatMessage], model: String, stream: Bool, options: Options
    ) -> [UInt8] {
        var writer = JSONWriter(reservedCapacity: 512)
        var written: Set<String> = ["model", "messages", "stream", "stream_options"]
        writer.beginObject()
        writer.field("model", model)
        writer.key("messages")
        writer.beginArray()
        for message in messages { write(message, options: options, to: &writer) }
        writer.endArray()
        writeStreamFlag(stream, to: &writer)
        writeSampling(request, maxTokensField: options.maxTokensField, written: &written, to: &writer)
        if request.logprobs {
            writer.field("logprobs", true)
            if request.topLogprobs > 0 { writer.field("top_logprobs", request.topLogprobs) }
            written.formUnion(["logprobs", "top_logprobs"])
        }
        if !request.tools.isEmpty {
            writer.key("tools")
            writer.beginArray()
            for tool in request.tools { write(tool, to: &writer) }
            writer.endArray()
            writer.key("tool_choice")
            write(request.toolChoice, to: &writer)
            writer.field("parallel_tool_calls", request.parallelToolCalls)
            written.formUnion(["tools", "tool_choice", "parallel_tool_calls"])
        }
        if let format = responseFormat(request.responseFormat) {
            writer.field("response_format", format)
            written.insert("response_format")
        }
        writeExtra(request.extra, skipping: written, to: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `POST /completions` for a `.prompt` or `.tokens` input.
    static func completion(_ request: GenerationRequest, model: String, stream: Bool) -> [UInt8] {
        var writer = JSONWriter(reservedCapacity: 256)
        var written: Set<String> = ["model", "prompt", "stream", "stream_options"]
        writer.beginObject()
        writer.field("model", model)
        writer.key("prompt")
        switch request.input {
        case .prompt(let text):
            writer.string(text)
        case .tokens(let ids):
            writer.beginArray()
            for id in ids { writer.int(id) }
            writer.endArray()
        case .messages(let messages):
            // Not reached: the backend sends conversations to /chat/completions.
            writer.string(messages.compactMap(\.content).joined(separator: "\n"))
        }
        writeStreamFlag(stream, to: &writer)
        writeSampling(request, maxTokensField: "max_tokens", written: &written, to: &writer)
        if request.logprobs {
            // Legacy completions take the number of alternatives as `logprobs` itself.
            writer.field("logprobs", request.topLogprobs)
            written.insert("logprobs")
        }
        writeExtra(request.extra, skipping: written, to: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `POST /embeddings`, always asking for floats.
    static func embeddings(_ request: EmbeddingRequest, model: String) -> [UInt8] {
        var writer = JSONWriter(reservedCapacity: 256)
        writer.beginObject()
        writer.field("model", model)
        writer.key("input")
        writer.beginArray()
        for input in request.inputs {
            switch input {
            case .text(let text):
                writer.string(text)
            case .tokens(let ids):
                writer.beginArray()
                for id in ids { writer.int(id) }
                writer.endArray()
            }
        }
        writer.endArray()
        writer.field("encoding_format", "float")
        if let dimensions = request.dimensions { writer.field("dimensions", dimensions) }
        writer.endObject()
        return writer.bytes
    }

    private static func writeStreamFlag(_ stream: Bool, to writer: inout JSONWriter) {
        guard stream else { return }
        writer.field("stream", true)
        writer.key("stream_options")
        writer.beginObject()
        writer.field("include_usage", true)
        writer.endObject()
    }

    private static func writeSampling(
        _ request: GenerationRequest, maxTokensField: String, written: inout Set<String>, to writer: inout JSONWriter
    ) {
        if let maxTokens = request.maxTokens {
            writer.field(maxTokensField, maxTokens)
            written.insert(maxTokensField)
        }
        if !request.stop.isEmpty {
            writer.key("stop")
            writer.beginArray()
            for stop in request.stop { writer.string(stop) }
            writer.endArray()
            written.insert("stop")
        }
        if request.n != 1 {
            writer.field("n", request.n)
            written.insert("n")
        }
        if let seed = request.seed {
            writer.field("seed", seed)
            written.insert("seed")
        }
        if let temperature = request.temperature {
            writer.field("temperature", temperature)
            written.insert("temperature")
        }
        if let topP = request.topP {
            writer.field("top_p", topP)
            written.insert("top_p")
        }
    }

    private static func writeExtra(_ extra: JSONObject, skipping written: Set<String>, to writer: inout JSONWriter) {
        for (key, value) in extra where !written.contains(key) {
            writer.field(key, value)
        }
    }

    private static func write(_ message: ChatMessage, options: Options, to writer: inout JSONWriter) {
        writer.beginObject()
        let role = message.role == .developer && options.developerRoleAsSystem ? "system" : message.role.rawValue
        writer.field("role", role)
        if let content = message.content {
            writer.field("content", content)
        } else if message.role == .assistant {
            writer.nullField("content")
        } else {
            writer.field("content", "")
        }
        if let name = message.name { writer.field("name", name) }
        if !message.toolCalls.isEmpty {
            writer.key("tool_calls")
            writer.beginArray()
            for call in message.toolCalls {
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
            writer.endArray()
        }
        if let callID = message.toolCallID { writer.field("tool_call_id", callID) }
        writer.endObject()
    }

    private static func write(_ tool: ToolDefinition, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("type", "function")
        writer.key("function")
        writer.beginObject()
        writer.field("name", tool.name)
        if let description = tool.description { writer.field("description", description) }
        if let parameters = tool.parameters { writer.field("parameters", parameters) }
        if tool.strict { writer.field("strict", true) }
        writer.endObject()
        writer.endObject()
    }

    private static func write(_ choice: ToolChoice, to writer: inout JSONWriter) {
        switch choice {
        case .none: writer.string("none")
        case .auto: writer.string("auto")
        case .required: writer.string("required")
        case .function(let name):
            writer.beginObject()
            writer.field("type", "function")
            writer.key("function")
            writer.beginObject()
            writer.field("name", name)
            writer.endObject()
            writer.endObject()
        }
    }

    private static func responseFormat(_ format: ResponseFormat) -> JSONValue? {
        switch format {
        case .text:
            return nil
        case .jsonObject:
            return ["type": "json_object"]
        case .jsonSchema(let name, let schema, let strict):
            return [
                "type": "json_schema",
                "json_schema": ["name": .string(name), "schema": schema, "strict": .bool(strict)],
            ]
        }
    }
}
