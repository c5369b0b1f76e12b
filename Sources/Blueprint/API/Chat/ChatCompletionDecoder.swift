/// Turns a `/v1/chat/completions` body (`#S/CreateChatCompletionRequest`) into a `GenerationRequest`, validating
/// what OpenAI validates, with its messages and `param` paths. Unknown fields are tolerated and kept in `extra`.
enum ChatCompletionDecoder {
    /// What the endpoint needs besides the generation request.
    struct Decoded {
        var generation: GenerationRequest
        var stream: Bool
        var includeUsage: Bool
    }

    /// The fields the request's own properties carry; every other field (also validated ones such as
    /// `presence_penalty`, `user` or `store`) is kept in `extra` for backends that pass requests on.
    static func isKnown(_ key: String) -> Bool {
        // A switch compares short keys as raw bits; a Set would hash every key of every request.
        switch key {
        case "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "n", "stop",
            "seed", "temperature", "top_p", "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls",
            "response_format":
            true
        default:
            false
        }
    }

    static func decode(_ object: JSONObject) throws -> Decoded {
        let fields = RequestFields(object)
        let model = try fields.requiredString("model")
        let rawMessages = try fields.requiredArray("messages")
        guard !rawMessages.isEmpty else {
            throw APIError.invalidRequest(
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array "
                    + "instead.", param: "messages", code: "empty_array")
        }
        var messages: [ChatMessage] = []
        messages.reserveCapacity(rawMessages.count)
        for (index, raw) in rawMessages.enumerated() { messages.append(try message(raw, path: "messages[\(index)]")) }
        let stream = try fields.bool("stream") ?? false
        let includeUsage = try fields.includeUsage(streaming: stream)
        let maxTokens =
            try fields.int("max_completion_tokens", in: 1...Int(Int32.max))
            ?? fields.int("max_tokens", in: 1...Int(Int32.max))
        let logprobs = try fields.bool("logprobs") ?? false
        let topLogprobs = try fields.int("top_logprobs", in: 0...20)
        if topLogprobs != nil && !logprobs {
            throw APIError.invalidRequest(
                "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.",
                param: "top_logprobs", code: "invalid_value")
        }
        _ = try fields.double("presence_penalty", in: -2...2)
        _ = try fields.double("frequency_penalty", in: -2...2)
        _ = try fields.object("logit_bias")
        _ = try fields.string("user")
        _ = try fields.object("metadata")
        let tools = try self.tools(fields)
        let toolChoice = try self.toolChoice(fields, tools: tools)
        var extra = JSONObject()
        for (key, value) in object where !isKnown(key) { extra[key] = value }
        return Decoded(
            generation: GenerationRequest(
                model: model, input: .messages(messages), maxTokens: maxTokens, stop: try stop(fields),
                n: try fields.int("n", in: 1...128) ?? 1, seed: try fields.int("seed"),
                temperature: try fields.double("temperature", in: 0...2), topP: try fields.double("top_p", in: 0...1),
                logprobs: logprobs, topLogprobs: topLogprobs ?? 0, tools: tools, toolChoice: toolChoice,
                parallelToolCalls: try fields.bool("parallel_tool_calls") ?? true,
                responseFormat: try responseFormat(fields), extra: extra),
            stream: stream, includeUsage: includeUsage)
    }

    static func message(_ value: JSONValue, path: String) throws -> ChatMessage {
        guard let object = value.objectValue else {
            throw RequestFields.typeError(param: path, expected: "an object", got: value)
        }
        let fields = RequestFields(object, path: path)
        let roleName = try fields.requiredString("role")
        guard let role = ChatMessage.Role(rawValue: roleName) else {
            throw fields.invalidValue("role", roleName, allowed: ChatMessage.Role.allCases.map(\.rawValue))
        }
        let toolCalls = try (fields.array("tool_calls") ?? []).enumerated().map { index, call in
            try toolCall(call, path: fields.param("tool_calls[\(index)]"))
        }
        let content = try self.content(fields)
        if content == nil && !(role == .assistant && (!toolCalls.isEmpty || fields.has("refusal"))) {
            _ = try fields.required("content")
        }
        var toolCallID: String?
        if role == .tool { toolCallID = try fields.requiredString("tool_call_id") }
        return ChatMessage(
            role: role, content: content, name: try fields.string("name"), toolCalls: toolCalls,
            toolCallID: toolCallID)
    }

    /// A string, or the text of an array of content parts joined; non-text parts (images, audio, files) are
    /// accepted and contribute no text.
    static func content(_ fields: RequestFields) throws -> String? {
        try ContentParts.text(of: fields, textTypes: ["text"], otherTypes: ["image_url", "input_audio", "file"])
    }

    static func toolCall(_ value: JSONValue, path: String) throws -> ToolCall {
        guard let object = value.objectValue else {
            throw RequestFields.typeError(param: path, expected: "an object", got: value)
        }
        let fields = RequestFields(object, path: path)
        let function = try fields.requiredObject("function")
        let functionFields = RequestFields(function, path: fields.param("function"))
        return ToolCall(
            id: try fields.requiredString("id"), name: try functionFields.requiredString("name"),
            arguments: try functionFields.string("arguments") ?? "{}")
    }

    static func stop(_ fields: RequestFields) throws -> [String] {
        guard let value = fields.value("stop") else { return [] }
        if let single = value.stringValue { return [single] }
        guard let list = value.arrayValue else {
            throw fields.typeError("stop", expected: "a string or an array of strings", got: value)
        }
        guard list.count <= 4 else {
            throw APIError.invalidRequest(
                "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with "
                    + "length \(list.count) instead.", param: "stop", code: "array_above_max_length")
        }
        return try list.enumerated().map { index, item in
            guard let text = item.stringValue else {
                throw RequestFields.typeError(param: "stop[\(index)]", expected: "a string", got: item)
            }
            return text
        }
    }

    static func tools(_ fields: RequestFields) throws -> [ToolDefinition] {
        try fields.objects("tools").map { toolFields in
            let type = try toolFields.requiredString("type")
            guard type == "function" else { throw toolFields.invalidValue("type", type, allowed: ["function"]) }
            let function = try toolFields.requiredObject("function")
            return try functionDefinition(RequestFields(function, path: toolFields.param("function")))
        }
    }

    /// A function definition's fields, shared with the Responses API (whose tools are flat).
    static func functionDefinition(_ fields: RequestFields) throws -> ToolDefinition {
        let name = try validatedName(fields)
        let parameters = fields.value("parameters")
        if let parameters, parameters.objectValue == nil {
            throw fields.typeError("parameters", expected: "an object", got: parameters)
        }
        return ToolDefinition(
            name: name, description: try fields.string("description"), parameters: parameters,
            strict: try fields.bool("strict") ?? false)
    }

    static func toolChoice(_ fields: RequestFields, tools: [ToolDefinition]) throws -> ToolChoice {
        guard let value = fields.value("tool_choice") else { return tools.isEmpty ? .none : .auto }
        if tools.isEmpty {
            throw APIError.invalidRequest(
                "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
                param: "tool_choice", code: "invalid_value")
        }
        if let mode = value.stringValue {
            switch mode {
            case "none": return .none
            case "auto": return .auto
            case "required": return .required
            default: throw fields.invalidValue("tool_choice", mode, allowed: ["none", "auto", "required"])
            }
        }
        guard let object = value.objectValue else {
            throw fields.typeError("tool_choice", expected: "a string or an object", got: value)
        }
        let choiceFields = RequestFields(object, path: "tool_choice")
        let name: String
        if let function = try choiceFields.object("function") {
            name = try RequestFields(function, path: "tool_choice.function").requiredString("name")
        } else {
            name = try choiceFields.requiredString("name")
        }
        guard tools.contains(where: { $0.name == name }) else {
            throw APIError.invalidRequest(
                "Invalid value for 'tool_choice': no function named '\(name)' was specified in the 'tools' parameter.",
                param: "tool_choice", code: "invalid_value")
        }
        return .function(name)
    }

    static func responseFormat(_ fields: RequestFields) throws -> ResponseFormat {
        guard let object = try fields.object("response_format") else { return .text }
        let formatFields = RequestFields(object, path: "response_format")
        switch try formatFields.requiredString("type") {
        case "text": return .text
        case "json_object": return .jsonObject
        case "json_schema":
            let schema = try formatFields.requiredObject("json_schema")
            return try jsonSchemaFormat(RequestFields(schema, path: "response_format.json_schema"))
        case let other:
            throw formatFields.invalidValue("type", other, allowed: ["text", "json_object", "json_schema"])
        }
    }

    /// `{name, schema, strict}`, shared with the Responses API's `text.format`.
    static func jsonSchemaFormat(_ fields: RequestFields) throws -> ResponseFormat {
        let name = try validatedName(fields)
        let schema = try fields.object("schema").map(JSONValue.object) ?? .object(JSONObject())
        return .jsonSchema(name: name, schema: schema, strict: try fields.bool("strict") ?? false)
    }

    /// The `name` field, which must match `^[a-zA-Z0-9_-]{1,64}$` (function and schema names).
    static func validatedName(_ fields: RequestFields) throws -> String {
        let name = try fields.requiredString("name")
        guard isValidName(name) else {
            throw APIError.invalidRequest(
                "Invalid '\(fields.param("name"))': string does not match pattern. Expected a string that matches the "
                    + "pattern '^[a-zA-Z0-9_-]+$' with at most 64 characters.",
                param: fields.param("name"), code: "invalid_value")
        }
        return name
    }

    /// `^[a-zA-Z0-9_-]{1,64}$`
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F
                    || byte == 0x2D
            }
    }
}
