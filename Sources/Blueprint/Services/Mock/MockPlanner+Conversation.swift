extension MockPlanner {
    /// What planning needs to know about a request's input.
    struct Conversation {
        /// A tool message after the last user message.
        struct ToolResult {
            /// The called function's name, when the call can be found.
            var name: String?
            /// The result text.
            var content: String
        }

        /// The last user message's text, or the prompt; empty when there is none (or the prompt is token ids).
        var lastUserText = ""
        /// The role of the last message (`user` for a prompt).
        var lastRole: ChatMessage.Role?
        /// Tool results that arrived after the last user message, in order.
        var toolResults: [ToolResult] = []

        /// Reads `input`.
        init(_ input: GenerationRequest.Input) {
            switch input {
            case .prompt(let prompt):
                lastUserText = prompt
                lastRole = .user
            case .tokens:
                lastRole = .user
            case .messages(let messages):
                // By index: `messages.last`, `lastIndex(where:)` or `for message in messages` copies each message,
                // retaining and releasing all its strings.
                if let last = messages.indices.last { lastRole = messages[last].role }
                let lastUser = messages.indices.last { messages[$0].role == .user }
                if let lastUser { lastUserText = messages[lastUser].content ?? "" }
                let start = lastUser.map { $0 + 1 } ?? 0
                for index in start..<messages.count where messages[index].role == .tool {
                    let id = messages[index].toolCallID
                    let call = messages.lazy.flatMap(\.toolCalls).first { $0.id == id }
                    toolResults.append(
                        ToolResult(name: call?.name ?? messages[index].name, content: messages[index].content ?? ""))
                }
            }
        }
    }
}
