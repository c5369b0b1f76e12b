import Blueprint

/// Turns a chat `GenerationRequest` into the body of an Anthropic Messages request (`POST /v1/messages`).
///
/// - System and developer messages, wherever they appear, are joined with blank lines into the top-level `system`.
/// - User and assistant messages become turns of content blocks; assistant tool calls become `tool_use` blocks whose
///   `input` is the parsed arguments object; tool messages become `tool_result` blocks in a user turn. Consecutive
///   turns of the same role are merged, since Anthropic requires user and assistant to alternate: several tool
///   results therefore answer in one user turn. Message `name`s are dropped (Anthropic has none).
/// - `tools` become `{name, description, input_schema}` (an empty object schema when a function has no parameters);
///   `tool_choice` none/auto/required/function becomes `none`/`auto`/`any`/`tool`, and `parallel_tool_calls: false`
///   becomes `disable_parallel_tool_use`. Both are sent only with tools.
/// - `stop` becomes `stop_sequences`; `temperature` is clamped to Anthropic's 0...1; `top_p` is sent only without a
///   temperature, since newer Claude models reject the two together. `top_k` among the extra fields passes through.
/// - `max_tokens` is required by Anthropic: the client's value, else the configured default.
/// - `response_format` is best effort: Anthropic has no JSON mode, so an instruction to answer with one JSON object
///   (quoting the schema, for `json_schema`) is appended to `system`. The answer is not validated.
/// - `n` above 1 is refused (Anthropic generates one answer per request); `seed`, `logprobs` and penalties are
///   ignored, so responses carry `logprobs: null`. Prompts (legacy completions) are unsupported.
public enum AnthropicRequestMapper {
    /// The request body for `request`, naming `model` upstream.
    public static func body(
        for request: GenerationRequest, model: String, defaultMaxTokens: Int, stream: Bool
    ) throws(ServiceError) -> JSONObject {
        guard case .messages(let messages) = request.input else {
            throw .unsupportedEndpoint(model: request.model, endpoint: "v1/completions")
        }
        guard request.n == 1 else {
            throw .invalidRequest(
                message: "Invalid value for 'n': this model generates one choice per request, so 'n' must be 1.",
                param: "n")
        }
        var body: JSONObject = ["model": .string(model), "max_tokens": .int(request.maxTokens ?? defaultMaxTokens)]
        var system: [String] = []
        var turns: [Turn] = []
        for (index, message) in messages.enumerated() {
            switch message.role {
            case .system, .developer:
                if let content = message.content, !content.isEmpty { system.append(content) }
            case .user:
                append(textBlocks(message.content), role: "user", to: &turns)
            case .assistant:
                var blocks = textBlocks(message.content)
                for (callIndex, call) in message.toolCalls.enumerated() {
                    let param = "messages[\(index)].tool_calls[\(callIndex)].function.arguments"
                    blocks.append(try toolUse(call, param: param))
                }
                append(blocks, role: "assistant", to: &turns)
            case .tool:
                append([toolResult(message)], role: "user", to: &turns)
            }
        }
        if let instruction = formatInstruction(request.responseFormat) { system.append(instruction) }
        if !system.isEmpty { body["system"] = .string(system.joined(separator: "\n\n")) }
        body["messages"] = .array(turns.map { ["role": .string($0.role), "content": .array($0.blocks)] })
        if !request.stop.isEmpty { body["stop_sequences"] = .array(request.stop.map { .string($0) }) }
        if let temperature = request.temperature {
            body["temperature"] = .double(min(max(temperature, 0), 1))
        } else if let topP = request.topP {
            body["top_p"] = .double(topP)
        }
        if let topK = request.extra["top_k"] { body["top_k"] = topK }
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map(tool))
            body["tool_choice"] = toolChoice(request.toolChoice, parallel: request.parallelToolCalls)
        }
        if stream { body["stream"] = true }
        return body
    }

    /// One message of the Anthropic conversation.
    private struct Turn {
        var role: String
        var blocks: [JSONValue]
    }

    /// Adds blocks as a turn of `role`, merging them into the last turn when it has the same role.
    private static func append(_ blocks: [JSONValue], role: String, to turns: inout [Turn]) {
        guard !blocks.isEmpty else { return }
        if turns.last?.role == role {
            turns[turns.count - 1].blocks += blocks
        } else {
            turns.append(Turn(role: role, blocks: blocks))
        }
    }

    /// A text block, or none for empty text (Anthropic rejects empty text blocks).
    private static func textBlocks(_ content: String?) -> [JSONValue] {
        guard let content, !content.isEmpty else { return [] }
        return [["type": "text", "text": .string(content)]]
    }

    private static func toolUse(_ call: ToolCall, param: String) throws(ServiceError) -> JSONValue {
        var input: JSONValue = .object(JSONObject())
        if !call.arguments.isEmpty {
            guard let parsed = try? JSONParser.parse(call.arguments), parsed.objectValue != nil else {
                throw .invalidRequest(
                    message: "Invalid '\(param)': the arguments of tool call \(call.id) must be a JSON object.",
                    param: param)
            }
            input = parsed
        }
        return ["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": input]
    }

    private static func toolResult(_ message: ChatMessage) -> JSONValue {
        var block: JSONObject = ["type": "tool_result", "tool_use_id": .string(message.toolCallID ?? "")]
        if let content = message.content, !content.isEmpty { block["content"] = .string(content) }
        return .object(block)
    }

    private static func tool(_ definition: ToolDefinition) -> JSONValue {
        var tool: JSONObject = ["name": .string(definition.name)]
        if let description = definition.description { tool["description"] = .string(description) }
        tool["input_schema"] = definition.parameters ?? ["type": "object", "properties": [:]]
        return .object(tool)
    }

    private static func toolChoice(_ choice: ToolChoice, parallel: Bool) -> JSONValue {
        var object: JSONObject
        switch choice {
        case .none: return ["type": "none"]
        case .auto: object = ["type": "auto"]
        case .required: object = ["type": "any"]
        case .function(let name): object = ["type": "tool", "name": .string(name)]
        }
        if !parallel { object["disable_parallel_tool_use"] = true }
        return .object(object)
    }

    /// The instruction that stands in for `response_format`, or nil for plain text.
    static func formatInstruction(_ format: ResponseFormat) -> String? {
        switch format {
        case .text:
            return nil
        case .jsonObject:
            return "Answer with a single JSON object and nothing else: no prose, no code fences."
        case .jsonSchema(let name, let schema, _):
            return "Answer with a single JSON object and nothing else (no prose, no code fences) that is valid "
                + "against this JSON Schema named \(name): \(schema.jsonString)"
        }
    }
}
