/// Blueprint's default backend: a deterministic mock model that answers every OpenAI endpoint without a GPU.
///
/// The same request always gets the same answer. What shapes the content: the model id, the whole conversation
/// (roles, names, contents, tool calls and results) or prompt, `seed`, `temperature` and `top_p` (any change gives
/// different text), and the choice index (each of the `n` choices differs). Tools and `response_format` decide the
/// kind of output; `max_tokens` and `stop` only cut it.
///
/// - `blueprint-echo` answers with the last user message (or the prompt; nothing for a token-id prompt) verbatim,
///   ignoring tools and `response_format`; `max_tokens`, `stop` and `logprobs` still apply.
/// - Other text models write English-like prose (see `MockTextGenerator`): a length of 20 to 120 tokens is drawn
///   per choice and the sentence in progress is finished, so answers run about 20 to 140 tokens. Words of the last
///   user message serve as topics. After tool results (tool messages after the last user message) the answer
///   starts with one sentence per result quoting it. With `"ignore_eos": true` among the request's extra fields
///   and `max_tokens` set, the prose runs to exactly `max_tokens` tokens, as vLLM's benchmark option does.
/// - `max_tokens` cuts the output (text, JSON or tool-call arguments) at that many tokens, finish reason `length`.
///   `stop` strings end the text right before the earliest occurrence of any of them, also across token
///   boundaries, finish reason `stop`; stop strings do not apply to tool-call arguments.
/// - Tools: `tool_choice` `none` answers in text; `required` calls one tool picked by the seed; a named function
///   is called with finish reason `stop` (as OpenAI reports it); `auto` calls one tool picked by the seed when the
///   last message is from the user, and answers in text otherwise, so agent loops end once a tool result arrives.
///   One tool is called per choice even when `parallel_tool_calls` allows more. Arguments are an instance of the
///   function's parameter schema from `JSONSchemaInstanceGenerator`, as compact JSON (`{}` without parameters).
/// - `response_format` `json_object` gives `{"answer":"<prose>"}`; `json_schema` gives an instance of the schema.
/// - `logprobs` are negative, between -0.01 and -2.5, drawn per token; `top_logprobs` alternatives start with
///   the token itself and continue with vocabulary words of lower log probability. A choice that calls tools has
///   no log probabilities (nil).
/// - Streaming sends exactly the tokens `generate` returns, choice after choice, one event per token (tool-call
///   arguments too), then one `usage` event. It sleeps `timeToFirstTokenMS` before the first event and
///   `interTokenMS` before every later token, each plus a jitter of 0 to `jitterMS` milliseconds drawn from the
///   request's seed; a delay of 0 makes no sleep call at all.
/// - Usage: prompt tokens are `TokenCounter.promptTokens(for:tools:)`; completion tokens are all tokens written
///   over all choices, tool-call arguments included.
/// - Embeddings are unit vectors seeded by the text (or token ids): texts sharing words are closer. Sizes: 1536
///   (`text-embedding-3-small`, `text-embedding-ada-002`), 3072 (`text-embedding-3-large`), 256 (`blueprint-embed`).
public struct MockModel: ModelBackend {
    /// The models served, by id.
    private let catalog: [String: ModelDescriptor]
    /// The models served, in listing order.
    private let listing: [ModelDescriptor]
    /// Waits for simulated latency.
    private let sleep: @Sendable (Duration) async throws -> Void

    /// The id of the model that echoes the last user message.
    public static let echoModelID = "blueprint-echo"

    /// Creates a mock serving `models`, waiting for simulated latency with `sleep` (injected so tests need not
    /// wait).
    public init(
        models: [ModelDescriptor] = MockModel.defaultModels,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        var catalog: [String: ModelDescriptor] = [:]
        for model in models where catalog[model.id] == nil { catalog[model.id] = model }
        self.catalog = catalog
        listing = models
        self.sleep = sleep
    }

    /// The models this mock serves.
    public func models() async throws -> [ModelDescriptor] {
        listing
    }

    /// Generates every choice at once.
    public func generate(_ request: GenerationRequest) async throws -> Generation {
        let plan = try plan(for: request)
        var choices: [GeneratedChoice] = []
        choices.reserveCapacity(plan.choices.count)
        for choice in plan.choices {
            var logprobs: [TokenLogprob]?
            if request.logprobs, let text = choice.text {
                var tokens: [TokenLogprob] = []
                tokens.reserveCapacity(text.count)
                for position in 0..<text.count {
                    tokens.append(plan.logprob(choice: choice, position: position))
                }
                logprobs = tokens
            }
            choices.append(
                GeneratedChoice(
                    index: choice.index, text: choice.text?.string,
                    toolCalls: choice.toolCalls.map {
                        ToolCall(id: $0.id, name: $0.name, arguments: $0.arguments.string)
                    },
                    finishReason: choice.finishReason, logprobs: logprobs))
        }
        return Generation(model: request.model, choices: choices, usage: plan.usage)
    }

    /// Generates the same completion as `generate`, one event per token, with the request's simulated latency.
    public func stream(_ request: GenerationRequest, into sink: any GenerationSink) async throws {
        try Task.checkCancellation()
        let plan = try plan(for: request)
        var pacer = MockPacer(latency: request.latency, seed: plan.seed, sleep: sleep)
        for choice in plan.choices {
            if let text = choice.text {
                for position in 0..<text.count {
                    try await pacer.beforeToken()
                    let logprob = request.logprobs ? plan.logprob(choice: choice, position: position) : nil
                    try await sink.send(.text(choice: choice.index, text.token(position), logprob: logprob))
                }
            }
            for (callIndex, call) in choice.toolCalls.enumerated() {
                try await pacer.beforeEvent()
                try await sink.send(
                    .toolCallStart(choice: choice.index, index: callIndex, id: call.id, name: call.name))
                for position in 0..<call.arguments.count {
                    try await pacer.beforeToken()
                    try await sink.send(
                        .toolCallArguments(choice: choice.index, index: callIndex, call.arguments.token(position)))
                }
            }
            try await pacer.beforeEvent()
            try await sink.send(.finish(choice: choice.index, choice.finishReason))
        }
        try await sink.send(.usage(plan.usage))
    }

    /// Embeds each input as a deterministic unit vector.
    public func embed(_ request: EmbeddingRequest) async throws -> Embeddings {
        guard let model = catalog[request.model] else { throw ServiceError.modelNotFound(request.model) }
        guard model.kind == .embedding else {
            throw ServiceError.unsupportedEndpoint(model: request.model, endpoint: "v1/embeddings")
        }
        let fullDimensions = Self.embeddingDimensions(of: request.model)
        var dimensions = fullDimensions
        if let requested = request.dimensions {
            guard Self.acceptsDimensions(request.model) else {
                throw ServiceError.invalidRequest(
                    message: "This model does not support specifying dimensions.", param: "dimensions")
            }
            guard (1...fullDimensions).contains(requested) else {
                throw ServiceError.invalidRequest(
                    message: "Invalid value for 'dimensions': it must be between 1 and \(fullDimensions).",
                    param: "dimensions")
            }
            dimensions = requested
        }
        var vectors: [[Float]] = []
        vectors.reserveCapacity(request.inputs.count)
        var promptTokens = 0
        for input in request.inputs {
            vectors.append(MockEmbedder.vector(for: input, dimensions: fullDimensions, truncatedTo: dimensions))
            switch input {
            case .text(let text): promptTokens += TokenCounter.count(text)
            case .tokens(let tokens): promptTokens += tokens.count
            }
        }
        return Embeddings(model: request.model, vectors: vectors, promptTokens: promptTokens)
    }

    /// The plan for a text request, after checking the model.
    private func plan(for request: GenerationRequest) throws -> MockPlan {
        guard let model = catalog[request.model] else { throw ServiceError.modelNotFound(request.model) }
        guard model.kind == .text else {
            let endpoint: String
            switch request.input {
            case .messages: endpoint = "v1/chat/completions"
            case .prompt, .tokens: endpoint = "v1/completions"
            }
            throw ServiceError.unsupportedEndpoint(model: request.model, endpoint: endpoint)
        }
        return try MockPlanner.plan(request, echo: model.id == Self.echoModelID)
    }
}
