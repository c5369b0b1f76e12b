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
                lastRole = messages.last?.role
                let lastUser = messages.lastIndex { $0.role == .user }
                if let lastUser { lastUserText = messages[lastUser].content ?? "" }
                let start = lastUser.map { $0 + 1 } ?? 0
                for message in messages[start...] where message.role == .tool {
                    let call = messages.lazy.flatMap(\.toolCalls).first { $0.id == message.toolCallID }
                    toolResults.append(ToolResult(name: call?.name ?? message.name, content: message.content ?? ""))
                }
            }
        }
    }
}
