/// Turns a `/v1/chat/completions` body (`#S/CreateChatCompletionRequest`) into a `GenerationRequest`, validating
/// what OpenAI validates, with its messages and `param` paths. Unknown fields are tolerated and kept in `extra`.
enum ChatCompletionDecoder {
    /// What the endpoint needs besides the generation request.
    struct Decoded {
        var generation: GenerationRequest
        var stream: Bool
        var includeUsage: Bool
    }

    /// The content part types whose text a message's content is made of.
    static let textPartTypes = ["text"]
    /// The content part types accepted without contributing text.
    static let otherPartTypes = ["image_url", "input_audio", "file"]

    static func decode(_ object: JSONObject) throws -> Decoded {
        let fields = Fields(object)
        let model = try fields.model.requiredString(param: "model")
        let rawMessages = try fields.messages.requiredArray(param: "messages")
        guard !rawMessages.isEmpty else {
            throw APIError.invalidRequest(
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array "
                    + "instead.", param: "messages", code: "empty_array")
        }
        var messages: [ChatMessage] = []
        messages.reserveCapacity(rawMessages.count)
        for (index, raw) in rawMessages.enumerated() {
            messages.append(try message(raw, at: RequestPath("messages", index: index)))
        }
        let stream = try fields.stream.bool(param: "stream") ?? false
        let includeUsage = try RequestFields.includeUsage(fields.streamOptions, streaming: stream)
        let maxTokens =
            try fields.maxCompletionTokens.int(in: 1...Int(Int32.max), param: "max_completion_tokens")
            ?? fields.maxTokens.int(in: 1...Int(Int32.max), param: "max_tokens")
        let logprobs = try fields.logprobs.bool(param: "logprobs") ?? false
        let topLogprobs = try fields.topLogprobs.int(in: 0...20, param: "top_logprobs")
        if topLogprobs != nil && !logprobs {
            throw APIError.invalidRequest(
                "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.",
                param: "top_logprobs", code: "invalid_value")
        }
        _ = try fields.presencePenalty.double(in: -2...2, param: "presence_penalty")
        _ = try fields.frequencyPenalty.double(in: -2...2, param: "frequency_penalty")
        _ = try fields.logitBias.object(param: "logit_bias")
        _ = try fields.user.string(param: "user")
        _ = try fields.metadata.object(param: "metadata")
        let tools = try self.tools(fields.tools)
        let toolChoice = try self.toolChoice(fields.toolChoice, tools: tools)
        return Decoded(
            generation: GenerationRequest(
                model: model, input: .messages(messages), maxTokens: maxTokens, stop: try stop(fields.stop),
                n: try fields.n.int(in: 1...128, param: "n") ?? 1, seed: try fields.seed.int(param: "seed"),
                temperature: try fields.temperature.double(in: 0...2, param: "temperature"),
                topP: try fields.topP.double(in: 0...1, param: "top_p"), logprobs: logprobs,
                topLogprobs: topLogprobs ?? 0, tools: tools, toolChoice: toolChoice,
                parallelToolCalls: try fields.parallelToolCalls.bool(param: "parallel_tool_calls") ?? true,
                responseFormat: try responseFormat(fields.responseFormat),
                extra: JSONObject(uniqueEntries: fields.extra)),
            stream: stream, includeUsage: includeUsage)
    }

    static func message(_ value: JSONValue, at path: RequestPath) throws -> ChatMessage {
        guard let object = value.objectValue else {
            throw RequestFields.typeError(param: path.description, expected: "an object", got: value)
        }
        let fields = MessageFields(object)
        let roleName = try fields.role.requiredString(param: path.param("role"))
        guard let role = ChatMessage.Role(rawValue: roleName) else {
            throw RequestFields.invalidValue(
                param: path.param("role"), roleName, allowed: ChatMessage.Role.allCases.map(\.rawValue))
        }
        var toolCalls: [ToolCall] = []
        if let calls = try fields.toolCalls.array(param: path.param("tool_calls")) {
            let callsPath = path.param("tool_calls")
            toolCalls = try calls.enumerated().map { index, call in
                try toolCall(call, at: RequestPath(callsPath, index: index))
            }
        }
        // A string, or the text of an array of content parts joined; non-text parts (images, audio, files) are
        // accepted and contribute no text.
        let content = try ContentParts.text(
            of: fields.content, param: path.param("content"), textTypes: textPartTypes, otherTypes: otherPartTypes)
        if content == nil && !(role == .assistant && (!toolCalls.isEmpty || fields.refusal.present != nil)) {
            _ = try fields.content.required(param: path.param("content"))
        }
        var toolCallID: String?
        if role == .tool { toolCallID = try fields.toolCallID.requiredString(param: path.param("tool_call_id")) }
        return ChatMessage(
            role: role, content: content, name: try fields.name.string(param: path.param("name")),
            toolCalls: toolCalls, toolCallID: toolCallID)
    }

    static func toolCall(_ value: JSONValue, at path: RequestPath) throws -> ToolCall {
        guard let object = value.objectValue else {
            throw RequestFields.typeError(param: path.description, expected: "an object", got: value)
        }
        let fields = RequestFields(object, at: path)
        let function = try fields.requiredObject("function")
        let functionFields = RequestFields(function, path: fields.param("function"))
        return ToolCall(
            id: try fields.requiredString("id"), name: try functionFields.requiredString("name"),
            arguments: try functionFields.string("arguments") ?? "{}")
    }

    /// `stop`: a string or up to four strings.
    static func stop(_ value: JSONValue?) throws -> [String] {
        guard let value = value.present else { return [] }
        if let single = value.stringValue { return [single] }
        guard let list = value.arrayValue else {
            throw RequestFields.typeError(param: "stop", expected: "a string or an array of strings", got: value)
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

    static func tools(_ value: JSONValue?) throws -> [ToolDefinition] {
        try value.objects(param: "tools").map { toolFields in
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

    static func toolChoice(_ value: JSONValue?, tools: [ToolDefinition]) throws -> ToolChoice {
        guard let value = value.present else { return tools.isEmpty ? .none : .auto }
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
            default:
                throw RequestFields.invalidValue(param: "tool_choice", mode, allowed: ["none", "auto", "required"])
            }
        }
        guard let object = value.objectValue else {
            throw RequestFields.typeError(param: "tool_choice", expected: "a string or an object", got: value)
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

    static func responseFormat(_ value: JSONValue?) throws -> ResponseFormat {
        guard let object = try value.object(param: "response_format") else { return .text }
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
