/// One message of a conversation, normalized from any endpoint's input shape.
public struct ChatMessage: Sendable, Equatable {
    /// Who wrote the message.
    public enum Role: String, Sendable, Equatable, CaseIterable {
        case developer, system, user, assistant, tool

        /// The role named `rawValue`, or nil. Written out because every chat message is decoded through it: a
        /// switch compares the name with each case directly, where the synthesized initializer searches a table.
        public init?(rawValue: String) {
            switch rawValue {
            case "user": self = .user
            case "assistant": self = .assistant
            case "system": self = .system
            case "tool": self = .tool
            case "developer": self = .developer
            default: return nil
            }
        }
    }

    /// The author.
    public var role: Role
    /// The text (content parts joined); nil for an assistant message that only calls tools.
    public var content: String?
    /// An optional participant name.
    public var name: String?
    /// Tool calls an assistant message made.
    public var toolCalls: [ToolCall]
    /// For a tool message: the call it answers.
    public var toolCallID: String?

    /// Creates a message.
    public init(
        role: Role, content: String?, name: String? = nil, toolCalls: [ToolCall] = [], toolCallID: String? = nil
    ) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }
}
