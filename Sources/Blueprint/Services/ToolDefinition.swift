/// A function the model may call (`#S/FunctionObject`).
public struct ToolDefinition: Sendable, Equatable {
    /// The function name.
    public var name: String
    /// What the function does.
    public var description: String?
    /// The JSON Schema of its arguments; nil means no parameters.
    public var parameters: JSONValue?
    /// Whether arguments must follow the schema exactly (structured outputs).
    public var strict: Bool

    /// Creates a tool definition.
    public init(name: String, description: String? = nil, parameters: JSONValue? = nil, strict: Bool = false) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict
    }
}

/// Whether the model calls tools (`#S/ChatCompletionToolChoiceOption`).
public enum ToolChoice: Sendable, Equatable {
    /// Never call a tool.
    case none
    /// The model decides.
    case auto
    /// Call at least one tool.
    case required
    /// Call this function.
    case function(String)
}

/// A call the model made (`#S/ChatCompletionMessageToolCall`).
public struct ToolCall: Sendable, Equatable {
    /// The call id, `call_…`.
    public var id: String
    /// The function name.
    public var name: String
    /// The arguments as a JSON text.
    public var arguments: String

    /// Creates a tool call.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// The shape of the text output (`response_format` / `text.format`).
public enum ResponseFormat: Sendable, Equatable {
    /// Free text.
    case text
    /// Any JSON object.
    case jsonObject
    /// An instance of this schema.
    case jsonSchema(name: String, schema: JSONValue, strict: Bool)
}
