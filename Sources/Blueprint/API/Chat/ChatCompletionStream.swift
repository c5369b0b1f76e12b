/// Turns generation events into `chat.completion.chunk` server-sent events
/// (`#S/CreateChatCompletionStreamResponse`), the way OpenAI streams them:
/// - per choice, a first chunk `{"role":"assistant","content":""}` (the role is sent once: the SDK concatenates
///   every string it sees again), then content chunks, then `{}` with the `finish_reason`;
/// - a tool call's `id`, `type` and `name` only in its first delta, later deltas carry argument fragments;
/// - with `include_usage`, `"usage":null` on every chunk and one last chunk with `"choices":[]` and the usage;
/// - `data: [DONE]` at the end, no `event:` lines.
///
/// The part of every chunk before `choices` is encoded once per stream.
final class ChatCompletionStream: APIStream {
    private struct State {
        var rolesSent: Set<Int> = []
        var budget: StreamBudget
        var wroteAnything = false
    }

    private let body: any ResponseBodyWriter
    private let prefix: [UInt8]
    private let suffix: [UInt8]
    private let includeUsage: Bool
    private let includeLogprobs: Bool
    private let onFirstChunk: @Sendable () -> Void
    private let state: Locked<State>

    init(
        body: any ResponseBodyWriter, id: String, created: Int, model: String, systemFingerprint: String,
        includeUsage: Bool, includeLogprobs: Bool, controls: MockControls,
        onFirstChunk: @escaping @Sendable () -> Void = {}
    ) {
        self.body = body
        self.includeUsage = includeUsage
        self.includeLogprobs = includeLogprobs
        self.onFirstChunk = onFirstChunk
        var writer = JSONWriter(reservedCapacity: 256)
        writer.beginObject()
        writer.field("id", id)
        writer.field("object", "chat.completion.chunk")
        writer.field("created", created)
        writer.field("model", model)
        writer.field("service_tier", "default")
        writer.field("system_fingerprint", systemFingerprint)
        writer.key("choices")
        writer.beginArray()
        // The prefix stops inside the `choices` array; each chunk appends its choice and the closing bytes.
        prefix = Array("data: ".utf8) + writer.bytes
        suffix = Array((includeUsage ? "],\"usage\":null}\n\n" : "]}\n\n").utf8)
        state = Locked(State(budget: StreamBudget(controls)))
    }

    func send(_ event: GenerationEvent) async throws {
        let bytes = try state.withLock { state -> [UInt8] in
            var out: [UInt8] = []
            switch event {
            case .text(let choice, let text, let logprob):
                if state.rolesSent.insert(choice).inserted {
                    try state.budget.admit()
                    appendChunk(to: &out, choice: choice) { writer in
                        writer.field("role", "assistant")
                        writer.field("content", "")
                        writer.nullField("refusal")
                    }
                }
                try state.budget.admit()
                appendChunk(to: &out, choice: choice, logprob: includeLogprobs ? logprob : nil) { writer in
                    writer.field("content", text)
                }
            case .toolCallStart(let choice, let index, let id, let name):
                let first = state.rolesSent.insert(choice).inserted
                try state.budget.admit()
                appendChunk(to: &out, choice: choice) { writer in
                    if first {
                        writer.field("role", "assistant")
                        writer.nullField("content")
                    }
                    writer.key("tool_calls")
                    writer.beginArray()
                    writer.beginObject()
                    writer.field("index", index)
                    writer.field("id", id)
                    writer.field("type", "function")
                    writer.key("function")
                    writer.beginObject()
                    writer.field("name", name)
                    writer.field("arguments", "")
                    writer.endObject()
                    writer.endObject()
                    writer.endArray()
                    if first { writer.nullField("refusal") }
                }
            case .toolCallArguments(let choice, let index, let fragment):
                try state.budget.admit()
                appendChunk(to: &out, choice: choice) { writer in
                    writer.key("tool_calls")
                    writer.beginArray()
                    writer.beginObject()
                    writer.field("index", index)
                    writer.key("function")
                    writer.beginObject()
                    writer.field("arguments", fragment)
                    writer.endObject()
                    writer.endObject()
                    writer.endArray()
                }
            case .finish(let choice, let reason):
                if state.rolesSent.insert(choice).inserted {
                    try state.budget.admit()
                    appendChunk(to: &out, choice: choice) { writer in
                        writer.field("role", "assistant")
                        writer.field("content", "")
                        writer.nullField("refusal")
                    }
                }
                try state.budget.admit()
                appendChunk(to: &out, choice: choice, finishReason: reason) { _ in }
            case .usage(let usage):
                guard includeUsage else { return [] }
                try state.budget.admit()
                var writer = JSONWriter(reservedCapacity: 256)
                UsageEncoding.write(usage, to: &writer)
                out.append(contentsOf: prefix)
                out.append(contentsOf: "],\"usage\":".utf8)
                out.append(contentsOf: writer.bytes)
                out.append(contentsOf: "}\n\n".utf8)
            }
            if !state.wroteAnything && !out.isEmpty {
                state.wroteAnything = true
                onFirstChunk()
            }
            return out
        }
        if !bytes.isEmpty { try await body.write(bytes) }
    }

    /// Ends the stream with `data: [DONE]`.
    func finish() async throws {
        try state.withLock { try $0.budget.admit() }
        try await body.write(Array("data: [DONE]\n\n".utf8))
    }

    /// Reports an error that happened after the stream began: `data: {"error":{…}}`, which the SDK raises as
    /// `APIError`.
    func fail(with error: APIError) async throws {
        try await body.write(ErrorEnvelope.streamEvent(for: error))
    }

    private func appendChunk(
        to out: inout [UInt8], choice: Int, logprob: TokenLogprob? = nil, finishReason: FinishReason? = nil,
        delta: (inout JSONWriter) -> Void
    ) {
        var writer = JSONWriter(reservedCapacity: 128)
        writer.beginObject()
        writer.field("index", choice)
        writer.key("delta")
        writer.beginObject()
        delta(&writer)
        writer.endObject()
        if let logprob {
            writer.key("logprobs")
            UsageEncoding.writeChatLogprobs([logprob], to: &writer)
        } else {
            writer.nullField("logprobs")
        }
        writer.field("finish_reason", finishReason?.rawValue)
        writer.endObject()
        out.append(contentsOf: prefix)
        out.append(contentsOf: writer.bytes)
        out.append(contentsOf: suffix)
    }
}
