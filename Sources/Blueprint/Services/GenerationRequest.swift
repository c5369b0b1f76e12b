/// A request to generate text: a conversation (chat, responses) or a prompt (legacy completions), and the
/// parameters that shape the output. The API layer builds it from any endpoint's JSON.
public struct GenerationRequest: Sendable {
    /// What to continue.
    public enum Input: Sendable, Equatable {
        /// A chat conversation.
        case messages([ChatMessage])
        /// A plain prompt (legacy completions).
        case prompt(String)
        /// A prompt given as token ids (legacy completions); each id counts as one prompt token.
        case tokens([Int])
    }

    /// The model id as the client sent it.
    public var model: String
    /// The conversation or prompt.
    public var input: Input
    /// The most completion tokens per choice; nil means the model's own limit.
    public var maxTokens: Int?
    /// Sequences that end the output right before their first occurrence.
    public var stop: [String]
    /// How many choices to generate.
    public var n: Int
    /// A seed for reproducible sampling.
    public var seed: Int?
    /// Sampling temperature, as sent.
    public var temperature: Double?
    /// Nucleus sampling, as sent.
    public var topP: Double?
    /// Whether to return log probabilities of the output tokens.
    public var logprobs: Bool
    /// How many alternatives per token to return with `logprobs`.
    public var topLogprobs: Int
    /// Functions the model may call.
    public var tools: [ToolDefinition]
    /// Whether and which tool the model must call.
    public var toolChoice: ToolChoice
    /// Whether the model may call several tools at once.
    public var parallelToolCalls: Bool
    /// The shape of the text output.
    public var responseFormat: ResponseFormat
    /// Simulated latency the client asked for (mock backends honour it; real ones ignore it).
    public var latency: SimulatedLatency
    /// Who is asking (for per-key upstream credentials) and the request id (for logs).
    public var caller: Caller
    /// Request fields the API layer does not interpret, kept for backends that pass requests on.
    public var extra: JSONObject
    /// The endpoint the request came to, so routing can refuse models that do not serve it.
    public var endpoint: ModelEndpoint

    /// Creates a request with OpenAI's defaults for everything not given.
    public init(
        model: String, input: Input, maxTokens: Int? = nil, stop: [String] = [], n: Int = 1, seed: Int? = nil,
        temperature: Double? = nil, topP: Double? = nil, logprobs: Bool = false, topLogprobs: Int = 0,
        tools: [ToolDefinition] = [], toolChoice: ToolChoice = .auto, parallelToolCalls: Bool = true,
        responseFormat: ResponseFormat = .text, latency: SimulatedLatency = SimulatedLatency(),
        caller: Caller = Caller(), extra: JSONObject = JSONObject(), endpoint: ModelEndpoint = .chat
    ) {
        self.model = model
        self.input = input
        self.maxTokens = maxTokens
        self.stop = stop
        self.n = n
        self.seed = seed
        self.temperature = temperature
        self.topP = topP
        self.logprobs = logprobs
        self.topLogprobs = topLogprobs
        self.tools = tools
        self.toolChoice = toolChoice
        self.parallelToolCalls = parallelToolCalls
        self.responseFormat = responseFormat
        self.latency = latency
        self.caller = caller
        self.extra = extra
        self.endpoint = endpoint
    }
}

/// Who sent a request, as far as a backend needs to know.
public struct Caller: Sendable, Equatable {
    /// The client's API key (backends may map it to upstream credentials); nil when auth is off.
    public var apiKey: String?
    /// The request id, for correlating logs.
    public var requestID: String

    /// Creates a caller.
    public init(apiKey: String? = nil, requestID: String = "") {
        self.apiKey = apiKey
        self.requestID = requestID
    }
}

/// Delays a mock backend adds to look like a real model: time to first token, inter-token delay, and random jitter
/// added to each (deterministic per request).
public struct SimulatedLatency: Sendable, Equatable {
    /// Milliseconds before the first token.
    public var timeToFirstTokenMS: Int
    /// Milliseconds between tokens.
    public var interTokenMS: Int
    /// Up to this many extra milliseconds on each delay.
    public var jitterMS: Int

    /// Creates a latency profile; all zero means no delay.
    public init(timeToFirstTokenMS: Int = 0, interTokenMS: Int = 0, jitterMS: Int = 0) {
        self.timeToFirstTokenMS = timeToFirstTokenMS
        self.interTokenMS = interTokenMS
        self.jitterMS = jitterMS
    }
}
