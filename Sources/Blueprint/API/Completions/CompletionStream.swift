/// Streams `text_completion` chunks for one prompt's generation; choice indexes are offset so that several prompts
/// share one stream (`index = prompt * n + choice`). Echoed prompts go out as the first text of each choice.
final class CompletionStream: APIStream {
    private struct State {
        var started: Set<Int> = []
        var offsets: [Int: Int] = [:]
        var budget: StreamBudget
        var usage = TokenUsage(promptTokens: 0, completionTokens: 0)
    }

    private let body: any ResponseBodyWriter
    private let prefix: [UInt8]
    private let includeUsage: Bool
    private let includeLogprobs: Bool
    private let state: Locked<State>
    /// The choice-index offset and echoed prompt of the prompt being streamed.
    private let current = Locked<(offset: Int, echo: String)>((0, ""))

    init(
        body: any ResponseBodyWriter, id: String, created: Int, model: String, systemFingerprint: String,
        includeUsage: Bool, includeLogprobs: Bool, controls: MockControls
    ) {
        self.body = body
        self.includeUsage = includeUsage
        self.includeLogprobs = includeLogprobs
        var writer = JSONWriter(reservedCapacity: 256)
        writer.beginObject()
        writer.field("id", id)
        writer.field("object", "text_completion")
        writer.field("created", created)
        writer.field("model", model)
        writer.field("system_fingerprint", systemFingerprint)
        writer.key("choices")
        writer.beginArray()
        prefix = Array("data: ".utf8) + writer.bytes
        state = Locked(State(budget: StreamBudget(controls)))
    }

    /// The usage summed over every prompt streamed so far.
    var totalUsage: TokenUsage { state.withLock { $0.usage } }

    /// Starts the next prompt: its choices are numbered from `offset`, and `echo` is sent first when not empty.
    func begin(offset: Int, echo: String) {
        current.withLock { $0 = (offset, echo) }
    }

    func send(_ event: GenerationEvent) async throws {
        let (offset, echo) = current.withLock { $0 }
        let bytes = try state.withLock { state -> [UInt8] in
            var out: [UInt8] = []
            func emit(_ choice: Int, _ text: String, _ logprob: TokenLogprob?, _ finish: FinishReason?) throws {
                let index = offset + choice
                if state.started.insert(index).inserted && !echo.isEmpty {
                    try state.budget.admit()
                    out += CompletionEncoder.chunk(
                        prefix: prefix, index: index, text: echo, logprob: nil, offset: 0, finishReason: nil,
                        includeUsage: includeUsage)
                    state.offsets[index] = echo.utf8.count
                }
                try state.budget.admit()
                let position = state.offsets[index, default: 0]
                out += CompletionEncoder.chunk(
                    prefix: prefix, index: index, text: text, logprob: includeLogprobs ? logprob : nil,
                    offset: position, finishReason: finish, includeUsage: includeUsage)
                state.offsets[index] = position + text.utf8.count
            }
            switch event {
            case .text(let choice, let text, let logprob): try emit(choice, text, logprob, nil)
            case .finish(let choice, let reason): try emit(choice, "", nil, reason)
            case .usage(let usage):
                state.usage.promptTokens += usage.promptTokens
                state.usage.completionTokens += usage.completionTokens
            case .toolCallStart, .toolCallArguments: break
            }
            return out
        }
        if !bytes.isEmpty { try await body.write(bytes) }
    }

    /// The usage chunk (when asked for) and `data: [DONE]`.
    func finish() async throws {
        var out: [UInt8] = []
        let usage = try state.withLock { state -> TokenUsage in
            if includeUsage { try state.budget.admit() }
            try state.budget.admit()
            return state.usage
        }
        if includeUsage {
            var writer = JSONWriter(reservedCapacity: 256)
            UsageEncoding.write(usage, to: &writer)
            out += prefix
            out += Array("],\"usage\":".utf8) + writer.bytes + Array("}\n\n".utf8)
        }
        out += Array("data: [DONE]\n\n".utf8)
        try await body.write(out)
    }

    func fail(with error: APIError) async throws {
        try await body.write(ErrorEnvelope.streamEvent(for: error))
    }
}
