/// A finished generation: every choice and the token usage.
public struct Generation: Sendable, Equatable {
    /// The model that produced it (OpenAI echoes the resolved name).
    public var model: String
    /// One entry per choice, in index order.
    public var choices: [GeneratedChoice]
    /// Tokens read and written.
    public var usage: TokenUsage

    /// Creates a generation.
    public init(model: String, choices: [GeneratedChoice], usage: TokenUsage) {
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}

/// One choice of a generation.
public struct GeneratedChoice: Sendable, Equatable {
    /// The choice index.
    public var index: Int
    /// The text; nil when the model only called tools.
    public var text: String?
    /// The tools the model called.
    public var toolCalls: [ToolCall]
    /// Why the output ended.
    public var finishReason: FinishReason
    /// Per-token log probabilities, when asked for; the tokens concatenate to `text`.
    public var logprobs: [TokenLogprob]?

    /// Creates a choice.
    public init(
        index: Int, text: String?, toolCalls: [ToolCall] = [], finishReason: FinishReason,
        logprobs: [TokenLogprob]? = nil
    ) {
        self.index = index
        self.text = text
        self.toolCalls = toolCalls
        self.finishReason = finishReason
        self.logprobs = logprobs
    }
}

/// Why generation stopped.
public enum FinishReason: String, Sendable, Equatable {
    case stop
    case length
    case toolCalls = "tool_calls"
    case contentFilter = "content_filter"
}

/// Token counts (`#S/CompletionUsage`).
public struct TokenUsage: Sendable, Equatable {
    /// Tokens in the input.
    public var promptTokens: Int
    /// Tokens generated, over all choices.
    public var completionTokens: Int
    /// The sum.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// Creates usage figures.
    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// The log probability of one output token and its most likely alternatives (`#S/ChatCompletionTokenLogprob`).
public struct TokenLogprob: Sendable, Equatable {
    /// An alternative token.
    public struct Alternative: Sendable, Equatable {
        /// The token text.
        public var token: String
        /// Its log probability.
        public var logprob: Double

        /// Creates an alternative.
        public init(token: String, logprob: Double) {
            self.token = token
            self.logprob = logprob
        }
    }

    /// The token text.
    public var token: String
    /// Its log probability.
    public var logprob: Double
    /// The most likely tokens at this position, best first.
    public var topLogprobs: [Alternative]

    /// Creates a token log probability.
    public init(token: String, logprob: Double, topLogprobs: [Alternative] = []) {
        self.token = token
        self.logprob = logprob
        self.topLogprobs = topLogprobs
    }
}

/// One streamed step of a generation. Events of different choices may interleave; within a choice they are ordered:
/// text and tool-call events, then `finish`. `usage` comes once, after every choice finished.
public enum GenerationEvent: Sendable, Equatable {
    /// More text for a choice (one token by default), with its log probability when asked for.
    case text(choice: Int, String, logprob: TokenLogprob?)
    /// A tool call begins: its position among the choice's calls, id and function name.
    case toolCallStart(choice: Int, index: Int, id: String, name: String)
    /// A fragment of a tool call's arguments.
    case toolCallArguments(choice: Int, index: Int, String)
    /// A choice is complete.
    case finish(choice: Int, FinishReason)
    /// The usage of the whole generation.
    case usage(TokenUsage)
}
