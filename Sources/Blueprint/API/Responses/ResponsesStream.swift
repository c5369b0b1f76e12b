/// Turns generation events into the Responses API event stream: `event: <type>` plus `data: {"type":…,
/// "sequence_number":n}` for every event, `sequence_number` from 0, no `[DONE]`. The order is the one the SDK's
/// stream helper enforces: `response.created`, `response.in_progress`, then per output item `output_item.added`,
/// its content or argument events, `output_item.done`, and finally `response.completed` (or `response.incomplete`)
/// carrying the whole response.
///
/// `response.created` is written when the backend produces its first event, so an error before that (an unknown
/// model, an upstream refusal) is still an HTTP error rather than a 200 stream.
final class ResponsesStream: APIStream {
    private enum OpenItem {
        case message(id: String, text: String, logprobs: [TokenLogprob])
        case functionCall(id: String, callID: String, name: String, arguments: String)
    }

    private struct State {
        var sequence = 0
        var started = false
        var open: OpenItem?
        var output: [ResponseOutputItem] = []
        var incomplete = false
        var usage: TokenUsage?
        var budget: StreamBudget
    }

    private let body: any ResponseBodyWriter
    private let encoder: ResponseEncoder
    private let ids: any IDGenerator
    private let state: Locked<State>

    init(body: any ResponseBodyWriter, encoder: ResponseEncoder, ids: any IDGenerator, controls: MockControls) {
        self.body = body
        self.encoder = encoder
        self.ids = ids
        state = Locked(State(budget: StreamBudget(controls)))
    }

    func send(_ event: GenerationEvent) async throws {
        let bytes = try state.withLock { state -> [UInt8] in
            var out: [UInt8] = []
            try startIfNeeded(&state, into: &out)
            switch event {
            case .text(let choice, let text, let logprob):
                guard choice == 0 else { return out }
                if case .message(let id, let soFar, var logprobs) = state.open {
                    if let logprob { logprobs.append(logprob) }
                    state.open = .message(id: id, text: soFar + text, logprobs: logprobs)
                    try emitDelta(&state, id: id, text: text, logprob: logprob, into: &out)
                } else {
                    try close(&state, into: &out)
                    let id = ids.make(prefix: "msg_", length: 48)
                    let index = state.output.count
                    try emit(&state, "response.output_item.added", into: &out) { writer in
                        writer.field("output_index", index)
                        writer.key("item")
                        ResponseOutputItem.message(id: id, text: "", logprobs: nil, completed: false).write(to: &writer)
                    }
                    try emit(&state, "response.content_part.added", into: &out) { writer in
                        writer.field("item_id", id)
                        writer.field("output_index", index)
                        writer.field("content_index", 0)
                        writer.key("part")
                        ResponseOutputItem.writeTextPart("", logprobs: [], to: &writer)
                    }
                    state.open = .message(id: id, text: text, logprobs: logprob.map { [$0] } ?? [])
                    try emitDelta(&state, id: id, text: text, logprob: logprob, into: &out)
                }
            case .toolCallStart(let choice, _, let callID, let name):
                guard choice == 0 else { return out }
                try close(&state, into: &out)
                let id = ids.make(prefix: "fc_", length: 48)
                let index = state.output.count
                try emit(&state, "response.output_item.added", into: &out) { writer in
                    writer.field("output_index", index)
                    writer.key("item")
                    ResponseOutputItem.functionCall(id: id, callID: callID, name: name, arguments: "", completed: false)
                        .write(to: &writer)
                }
                state.open = .functionCall(id: id, callID: callID, name: name, arguments: "")
            case .toolCallArguments(let choice, _, let fragment):
                guard choice == 0, case .functionCall(let id, let callID, let name, let arguments) = state.open else {
                    return out
                }
                state.open = .functionCall(id: id, callID: callID, name: name, arguments: arguments + fragment)
                let index = state.output.count
                try emit(&state, "response.function_call_arguments.delta", into: &out) { writer in
                    writer.field("item_id", id)
                    writer.field("output_index", index)
                    writer.field("delta", fragment)
                }
            case .finish(let choice, let reason):
                guard choice == 0 else { return out }
                try close(&state, into: &out)
                state.incomplete = reason == .length
            case .usage(let usage):
                state.usage = usage
            }
            return out
        }
        if !bytes.isEmpty { try await body.write(bytes) }
    }

    /// Closes what is open and writes `response.completed` (or `response.incomplete` after `max_output_tokens`).
    func finish() async throws {
        let bytes = try state.withLock { state -> [UInt8] in
            var out: [UInt8] = []
            try startIfNeeded(&state, into: &out)
            try close(&state, into: &out)
            let status: ResponseEncoder.Status = state.incomplete ? .incomplete : .completed
            let output = state.output
            let usage = state.usage
            try emit(&state, state.incomplete ? "response.incomplete" : "response.completed", into: &out) { writer in
                writer.key("response")
                encoder.write(status: status, output: output, usage: usage, to: &writer)
            }
            return out
        }
        try await body.write(bytes)
    }

    /// After the stream began: `event: error` (`#S/ResponseErrorEvent`), then `response.failed`.
    func fail(with error: APIError) async throws {
        let bytes = try state.withLock { state -> [UInt8] in
            var out: [UInt8] = []
            try emit(&state, "error", into: &out) { writer in
                writer.field("code", error.code ?? error.type)
                writer.field("message", error.message)
                writer.field("param", error.param)
            }
            let output = state.output
            try emit(&state, "response.failed", into: &out) { writer in
                writer.key("response")
                encoder.write(status: .failed, output: output, usage: nil, error: error, to: &writer)
            }
            return out
        }
        try await body.write(bytes)
    }

    private func startIfNeeded(_ state: inout State, into out: inout [UInt8]) throws {
        guard !state.started else { return }
        state.started = true
        for type in ["response.created", "response.in_progress"] {
            try emit(&state, type, into: &out) { writer in
                writer.key("response")
                encoder.write(status: .inProgress, output: [], usage: nil, to: &writer)
            }
        }
    }

    private func emitDelta(
        _ state: inout State, id: String, text: String, logprob: TokenLogprob?, into out: inout [UInt8]
    ) throws {
        let index = state.output.count
        try emit(&state, "response.output_text.delta", into: &out) { writer in
            writer.field("item_id", id)
            writer.field("output_index", index)
            writer.field("content_index", 0)
            writer.field("delta", text)
            ResponseOutputItem.writeLogprobs(logprob.map { [$0] } ?? [], to: &writer)
        }
    }

    /// Ends the open item with its `.done` events and moves it to the output.
    private func close(_ state: inout State, into out: inout [UInt8]) throws {
        guard let open = state.open else { return }
        state.open = nil
        let index = state.output.count
        let item: ResponseOutputItem
        switch open {
        case .message(let id, let text, let logprobs):
            item = .message(id: id, text: text, logprobs: logprobs, completed: true)
            try emit(&state, "response.output_text.done", into: &out) { writer in
                writer.field("item_id", id)
                writer.field("output_index", index)
                writer.field("content_index", 0)
                writer.field("text", text)
                ResponseOutputItem.writeLogprobs(logprobs, to: &writer)
            }
            try emit(&state, "response.content_part.done", into: &out) { writer in
                writer.field("item_id", id)
                writer.field("output_index", index)
                writer.field("content_index", 0)
                writer.key("part")
                ResponseOutputItem.writeTextPart(text, logprobs: logprobs, to: &writer)
            }
        case .functionCall(let id, let callID, let name, let arguments):
            item = .functionCall(id: id, callID: callID, name: name, arguments: arguments, completed: true)
            try emit(&state, "response.function_call_arguments.done", into: &out) { writer in
                writer.field("item_id", id)
                writer.field("name", name)
                writer.field("output_index", index)
                writer.field("arguments", arguments)
            }
        }
        try emit(&state, "response.output_item.done", into: &out) { writer in
            writer.field("output_index", index)
            writer.key("item")
            item.write(to: &writer)
        }
        state.output.append(item)
    }

    private func emit(
        _ state: inout State, _ type: String, into out: inout [UInt8], fields: (inout JSONWriter) -> Void
    ) throws {
        try state.budget.admit()
        var writer = JSONWriter(reservedCapacity: 256)
        writer.beginObject()
        writer.field("type", type)
        fields(&writer)
        writer.field("sequence_number", state.sequence)
        writer.endObject()
        state.sequence += 1
        out.append(contentsOf: "event: ".utf8)
        out.append(contentsOf: type.utf8)
        out.append(contentsOf: "\ndata: ".utf8)
        out.append(contentsOf: writer.bytes)
        out.append(contentsOf: "\n\n".utf8)
    }
}
