extension TokenCounter {
    /// Tokens every message costs besides its content (OpenAI's chat format wraps each message in role markers).
    public static let tokensPerMessage = 3
    /// Tokens that prime the reply after the last message.
    public static let tokensPerReply = 3

    /// The prompt tokens of a conversation, like OpenAI's accounting: for each message 3 tokens plus the tokens of
    /// its content, plus 1 and the name's tokens when it has a name, plus the tokens of each tool call's function
    /// name and arguments; then 3 for the reply.
    public static func count(messages: [ChatMessage]) -> Int {
        var total = tokensPerReply
        // By index: `for message in messages` copies each message, retaining and releasing all its strings.
        for index in messages.indices {
            total += tokensPerMessage
            if let content = messages[index].content { total += count(content) }
            if let name = messages[index].name { total += count(name) + 1 }
            for call in messages[index].toolCalls { total += count(call.name) + count(call.arguments) }
        }
        return total
    }

    /// The prompt tokens of tool definitions: the tokens of each one's compact JSON text, the function object
    /// `{"name":…,"description":…,"parameters":…}` as the client sent it.
    public static func count(tools: [ToolDefinition]) -> Int {
        guard !tools.isEmpty else { return 0 }
        var total = 0
        var writer = JSONWriter(reservedCapacity: 512)
        for tool in tools {
            writer.reset()
            writer.beginObject()
            writer.field("name", tool.name)
            if let description = tool.description { writer.field("description", description) }
            if let parameters = tool.parameters { writer.field("parameters", parameters) }
            writer.endObject()
            total += writer.bytes.withUnsafeBufferPointer { count(utf8: $0) }
        }
        return total
    }

    /// The prompt tokens of a generation request's input: `count(messages:)` for a conversation, the plain token
    /// count for a prompt, one per id for a token prompt, plus `count(tools:)`.
    public static func promptTokens(for input: GenerationRequest.Input, tools: [ToolDefinition] = []) -> Int {
        let inputTokens: Int
        switch input {
        case .messages(let messages): inputTokens = count(messages: messages)
        case .prompt(let prompt): inputTokens = count(prompt)
        case .tokens(let tokens): inputTokens = tokens.count
        }
        return inputTokens + count(tools: tools)
    }
}
