import Blueprint

/// Turns Anthropic's streamed events into `GenerationEvent`s for choice 0, one event at a time.
///
/// | Anthropic event | generation events |
/// |---|---|
/// | `message_start` | none; remembers the input tokens |
/// | `content_block_start` of a `tool_use` block | `toolCallStart`, indexed among the tool blocks only |
/// | `content_block_delta` `text_delta` / `input_json_delta` | `text` / `toolCallArguments` |
/// | `content_block_stop` of a tool block that sent no arguments | `toolCallArguments("{}")` |
/// | `message_delta` | none; remembers the stop reason and output tokens |
/// | `message_stop` | `finish`, then `usage` |
/// | `error` | throws `ServiceError.upstream` |
///
/// `ping`, unknown events and other block types (thinking) are skipped, as Anthropic's versioning policy asks.
public struct AnthropicStreamTranslator: Sendable {
    private enum Block {
        case text
        case toolUse(index: Int, sentArguments: Bool)
        case other
    }

    /// Open and closed content blocks by Anthropic's block index.
    private var blocks: [Int: Block] = [:]
    private var toolCount = 0
    private var inputTokens = 0
    private var outputTokens = 0
    private var stopReason: String?
    /// Whether `message_stop` arrived: the stream is complete.
    public private(set) var isFinished = false

    /// Creates a translator at the start of a stream.
    public init() {}

    /// The generation events for one server-sent event.
    public mutating func translate(_ event: ServerSentEvent) throws(ServiceError) -> [GenerationEvent] {
        guard let payload = try? JSONParser.parse(event.data) else { throw AnthropicErrorMapper.unreadable }
        // Anthropic names every event; its data repeats the name as `type`, which serves if the name is missing.
        switch event.type == "message" ? payload["type"]?.stringValue : event.type {
        case "message_start":
            let usage = payload["message"]?["usage"]
            inputTokens = AnthropicResponseMapper.inputTokens(usage) ?? 0
            outputTokens = usage?["output_tokens"]?.intValue ?? 0
            return []
        case "content_block_start":
            return try blockStart(payload)
        case "content_block_delta":
            return try blockDelta(payload)
        case "content_block_stop":
            return try blockStop(payload)
        case "message_delta":
            if let reason = payload["delta"]?["stop_reason"]?.stringValue { stopReason = reason }
            // Usage in message_delta is cumulative.
            if let output = payload["usage"]?["output_tokens"]?.intValue { outputTokens = output }
            if let input = AnthropicResponseMapper.inputTokens(payload["usage"]) { inputTokens = input }
            return []
        case "message_stop":
            isFinished = true
            return [
                .finish(choice: 0, AnthropicResponseMapper.finishReason(stopReason)),
                .usage(TokenUsage(promptTokens: inputTokens, completionTokens: outputTokens)),
            ]
        case "error":
            throw AnthropicErrorMapper.error(event: payload)
        default:
            return []
        }
    }

    private mutating func blockStart(_ payload: JSONValue) throws(ServiceError) -> [GenerationEvent] {
        guard let index = payload["index"]?.intValue, let block = payload["content_block"] else {
            throw AnthropicErrorMapper.unreadable
        }
        switch block["type"]?.stringValue {
        case "text":
            blocks[index] = .text
            guard let text = block["text"]?.stringValue, !text.isEmpty else { return [] }
            return [.text(choice: 0, text, logprob: nil)]
        case "tool_use":
            guard let id = block["id"]?.stringValue, let name = block["name"]?.stringValue else {
                throw AnthropicErrorMapper.unreadable
            }
            blocks[index] = .toolUse(index: toolCount, sentArguments: false)
            toolCount += 1
            return [.toolCallStart(choice: 0, index: toolCount - 1, id: id, name: name)]
        default:
            blocks[index] = .other
            return []
        }
    }

    private mutating func blockDelta(_ payload: JSONValue) throws(ServiceError) -> [GenerationEvent] {
        guard let index = payload["index"]?.intValue, let delta = payload["delta"] else {
            throw AnthropicErrorMapper.unreadable
        }
        switch (blocks[index], delta["type"]?.stringValue) {
        case (.text, "text_delta"):
            guard let text = delta["text"]?.stringValue, !text.isEmpty else { return [] }
            return [.text(choice: 0, text, logprob: nil)]
        case (.toolUse(let toolIndex, _), "input_json_delta"):
            // Anthropic often opens with an empty fragment; OpenAI clients expect none.
            guard let fragment = delta["partial_json"]?.stringValue, !fragment.isEmpty else { return [] }
            blocks[index] = .toolUse(index: toolIndex, sentArguments: true)
            return [.toolCallArguments(choice: 0, index: toolIndex, fragment)]
        default:
            return []
        }
    }

    private mutating func blockStop(_ payload: JSONValue) throws(ServiceError) -> [GenerationEvent] {
        guard let index = payload["index"]?.intValue else { throw AnthropicErrorMapper.unreadable }
        // A tool without input streams no fragments; clients parse the arguments, so send the empty object.
        if case .toolUse(let toolIndex, sentArguments: false) = blocks[index] {
            blocks[index] = .toolUse(index: toolIndex, sentArguments: true)
            return [.toolCallArguments(choice: 0, index: toolIndex, "{}")]
        }
        return []
    }
}
