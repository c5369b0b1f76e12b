import Blueprint

/// Turns an Anthropic Messages response into a `Generation` of one choice.
///
/// Text blocks are concatenated into the text (nil when there is none); `tool_use` blocks become tool calls with
/// Anthropic's ids (`toolu_…`, which clients send back as `tool_call_id`) and the input as compact JSON arguments.
/// Other blocks (thinking, server tools) are skipped. Prompt tokens include cache reads and writes, as OpenAI's
/// `prompt_tokens` does.
public enum AnthropicResponseMapper {
    /// The generation for a response body; `model` is used when the body names none.
    public static func generation(from message: JSONValue, model: String) throws(ServiceError) -> Generation {
        guard let blocks = message["content"]?.arrayValue else { throw AnthropicErrorMapper.unreadable }
        var text: String?
        var toolCalls: [ToolCall] = []
        for block in blocks {
            switch block["type"]?.stringValue {
            case "text":
                text = (text ?? "") + (block["text"]?.stringValue ?? "")
            case "tool_use":
                guard let id = block["id"]?.stringValue, let name = block["name"]?.stringValue else {
                    throw AnthropicErrorMapper.unreadable
                }
                toolCalls.append(
                    ToolCall(id: id, name: name, arguments: (block["input"] ?? .object(JSONObject())).jsonString))
            default:
                continue
            }
        }
        let choice = GeneratedChoice(
            index: 0, text: text, toolCalls: toolCalls,
            finishReason: finishReason(message["stop_reason"]?.stringValue))
        return Generation(
            model: message["model"]?.stringValue ?? model, choices: [choice],
            usage: TokenUsage(
                promptTokens: inputTokens(message["usage"]) ?? 0,
                completionTokens: message["usage"]?["output_tokens"]?.intValue ?? 0))
    }

    /// The OpenAI finish reason for an Anthropic `stop_reason`.
    public static func finishReason(_ stopReason: String?) -> FinishReason {
        switch stopReason {
        case "max_tokens", "model_context_window_exceeded": return .length
        case "tool_use": return .toolCalls
        case "refusal": return .contentFilter
        default: return .stop
        }
    }

    /// All input tokens of a `usage` object (fresh, cache reads, cache writes), or nil when it has none.
    static func inputTokens(_ usage: JSONValue?) -> Int? {
        guard let input = usage?["input_tokens"]?.intValue else { return nil }
        return input + (usage?["cache_creation_input_tokens"]?.intValue ?? 0)
            + (usage?["cache_read_input_tokens"]?.intValue ?? 0)
    }
}
