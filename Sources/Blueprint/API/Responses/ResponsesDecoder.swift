/// Turns a `/v1/responses` body (`#S/CreateResponse`) into a `GenerationRequest` plus the request fields the
/// response object echoes back.
enum ResponsesDecoder {
    /// Request fields a `response` object repeats (`instructions`, `tools`, `tool_choice`, `text`, ...).
    struct Echo {
        var instructions: String?
        var tools: [ToolDefinition]
        var toolChoice: ToolChoice
        var format: ResponseFormat
        var temperature: Double
        var topP: Double
        var maxOutputTokens: Int?
        var parallelToolCalls: Bool
        var store: Bool
        var metadata: JSONObject
        var user: String?
    }

    struct Decoded {
        var generation: GenerationRequest
        var stream: Bool
        var echo: Echo
    }

    static let knownKeys: Set<String> = [
        "model", "input", "instructions", "tools", "tool_choice", "text", "temperature", "top_p", "max_output_tokens",
        "parallel_tool_calls", "store", "metadata", "user", "stream", "previous_response_id", "include", "reasoning",
        "truncation", "service_tier", "background", "prompt_cache_key", "safety_identifier",
    ]

    static func decode(_ object: JSONObject) throws -> Decoded {
        let fields = RequestFields(object)
        let model = try fields.requiredString("model")
        if let previous = try fields.string("previous_response_id") {
            // Blueprint does not store responses, so no earlier response can be found (OpenAI's answer for an
            // unknown id).
            throw APIError(
                status: .notFound, message: "Previous response with id '\(previous)' not found.",
                param: "previous_response_id", code: "previous_response_not_found")
        }
        let instructions = try fields.string("instructions")
        var messages: [ChatMessage] = []
        if let instructions { messages.append(ChatMessage(role: .developer, content: instructions)) }
        messages += try input(fields)
        let tools = try self.tools(fields)
        let toolChoice = try self.toolChoice(fields, tools: tools)
        let format = try self.format(fields)
        let temperature = try fields.double("temperature", in: 0...2)
        let topP = try fields.double("top_p", in: 0...1)
        let maxOutputTokens = try fields.int("max_output_tokens", in: 1...Int(Int32.max))
        let parallel = try fields.bool("parallel_tool_calls") ?? true
        var extra = JSONObject()
        for (key, value) in object where !knownKeys.contains(key) { extra[key] = value }
        let generation = GenerationRequest(
            model: model, input: .messages(messages), maxTokens: maxOutputTokens, temperature: temperature, topP: topP,
            tools: tools, toolChoice: toolChoice, parallelToolCalls: parallel, responseFormat: format, extra: extra)
        return Decoded(
            generation: generation, stream: try fields.bool("stream") ?? false,
            echo: Echo(
                instructions: instructions, tools: tools, toolChoice: toolChoice, format: format,
                temperature: temperature ?? 1, topP: topP ?? 1, maxOutputTokens: maxOutputTokens,
                parallelToolCalls: parallel, store: try fields.bool("store") ?? true,
                metadata: try fields.object("metadata") ?? JSONObject(), user: try fields.string("user")))
    }

    /// `input`: a string, or a list of message, `function_call` and `function_call_output` items.
    static func input(_ fields: RequestFields) throws -> [ChatMessage] {
        let value = try fields.required("input")
        if let text = value.stringValue { return [ChatMessage(role: .user, content: text)] }
        guard let items = value.arrayValue else {
            throw fields.typeError("input", expected: "a string or an array of input items", got: value)
        }
        var messages: [ChatMessage] = []
        for (index, item) in items.enumerated() {
            let path = "input[\(index)]"
            guard let object = item.objectValue else {
                throw RequestFields.typeError(param: path, expected: "an object", got: item)
            }
            let itemFields = RequestFields(object, path: path)
            switch try itemFields.string("type") ?? "message" {
            case "message":
                let roleName = try itemFields.requiredString("role")
                guard let role = ChatMessage.Role(rawValue: roleName), role != .tool else {
                    throw itemFields.invalidValue(
                        "role", roleName, allowed: ["user", "assistant", "system", "developer"])
                }
                messages.append(ChatMessage(role: role, content: try content(itemFields)))
            case "function_call":
                let call = ToolCall(
                    id: try itemFields.requiredString("call_id"), name: try itemFields.requiredString("name"),
                    arguments: try itemFields.requiredString("arguments"))
                if let last = messages.last, last.role == .assistant, last.content == nil {
                    messages[messages.count - 1].toolCalls.append(call)
                } else {
                    messages.append(ChatMessage(role: .assistant, content: nil, toolCalls: [call]))
                }
            case "function_call_output":
                let output = itemFields.value("output")
                messages.append(
                    ChatMessage(
                        role: .tool, content: output?.stringValue ?? output.map { $0.jsonString } ?? "",
                        toolCallID: try itemFields.requiredString("call_id")))
            case "reasoning", "item_reference":
                continue
            case let other:
                throw itemFields.invalidValue(
                    "type", other, allowed: ["message", "function_call", "function_call_output", "reasoning"])
            }
        }
        guard !messages.isEmpty else {
            throw APIError.invalidRequest(
                "Invalid 'input': expected at least one message.", param: "input", code: "empty_array")
        }
        return messages
    }

    /// The content part types whose text a message's content is made of.
    static let textPartTypes = ["input_text", "output_text"]
    /// The content part types accepted without contributing text.
    static let otherPartTypes = ["input_image", "input_file", "input_audio"]

    /// A message's content: a string, or `input_text` / `output_text` parts (images and files add no text).
    static func content(_ fields: RequestFields) throws -> String {
        let text = try ContentParts.text(
            of: fields.object["content"], param: fields.param("content"), textTypes: textPartTypes,
            otherTypes: otherPartTypes)
        guard let text else { return try fields.requiredString("content") }
        return text
    }

    /// Function tools, flat: `{"type":"function","name",…}`.
    static func tools(_ fields: RequestFields) throws -> [ToolDefinition] {
        try fields.objects("tools").map { toolFields in
            let type = try toolFields.requiredString("type")
            guard type == "function" else {
                throw APIError.invalidRequest(
                    "Tool type '\(type)' is not supported by this server; only 'function' tools are.",
                    param: toolFields.param("type"), code: "invalid_value")
            }
            return try ChatCompletionDecoder.functionDefinition(toolFields)
        }
    }

    static func toolChoice(_ fields: RequestFields, tools: [ToolDefinition]) throws -> ToolChoice {
        guard let value = fields.value("tool_choice") else { return tools.isEmpty ? .none : .auto }
        if let mode = value.stringValue {
            switch mode {
            case "none": return .none
            case "auto": return tools.isEmpty ? .none : .auto
            case "required": return .required
            default: throw fields.invalidValue("tool_choice", mode, allowed: ["none", "auto", "required"])
            }
        }
        guard let object = value.objectValue else {
            throw fields.typeError("tool_choice", expected: "a string or an object", got: value)
        }
        let name = try RequestFields(object, path: "tool_choice").requiredString("name")
        guard tools.contains(where: { $0.name == name }) else {
            throw APIError.invalidRequest(
                "Invalid value for 'tool_choice': no function named '\(name)' was specified in the 'tools' parameter.",
                param: "tool_choice", code: "invalid_value")
        }
        return .function(name)
    }

    /// `text.format`: `{"type":"text"}`, `{"type":"json_object"}` or `{"type":"json_schema","name","schema","strict"}`.
    static func format(_ fields: RequestFields) throws -> ResponseFormat {
        guard let text = try fields.object("text"), let format = try RequestFields(text, path: "text").object("format")
        else { return .text }
        let formatFields = RequestFields(format, path: "text.format")
        switch try formatFields.requiredString("type") {
        case "text": return .text
        case "json_object": return .jsonObject
        case "json_schema": return try ChatCompletionDecoder.jsonSchemaFormat(formatFields)
        case let other: throw formatFields.invalidValue("type", other, allowed: ["text", "json_object", "json_schema"])
        }
    }
}
