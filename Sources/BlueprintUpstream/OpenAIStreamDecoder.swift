import Blueprint

/// Turns the upstream's stream chunks (`chat.completion.chunk` or streamed `text_completion`) into
/// `GenerationEvent`s, keeping the order the sink contract asks for: per choice, text and tool-call events, then
/// `finish`; `usage` once, after every choice finished (servers send it in a last chunk with no choices).
struct OpenAIStreamDecoder {
    /// Which endpoint's chunks these are.
    enum Kind {
        case chat
        case completion
    }

    /// A chunk carried `{"error": ...}` instead of choices.
    struct StreamError: Error {
        let object: JSONObject
    }

    private struct CallKey: Hashable {
        let choice: Int
        let index: Int
    }

    let kind: Kind
    let wantsLogprobs: Bool
    private var startedCalls: Set<CallKey> = []
    private var callCounts: [Int: Int] = [:]
    private var seenChoices: Set<Int> = []
    private var finishedChoices: Set<Int> = []
    private var usage: TokenUsage?

    init(kind: Kind, wantsLogprobs: Bool) {
        self.kind = kind
        self.wantsLogprobs = wantsLogprobs
    }

    /// Whether every choice seen so far has finished (and at least one was seen).
    var allChoicesFinished: Bool {
        !seenChoices.isEmpty && seenChoices.isSubset(of: finishedChoices)
    }

    /// The events one chunk's JSON yields.
    mutating func decode(_ data: [UInt8]) throws -> [GenerationEvent] {
        let json: JSONValue
        do {
            json = try JSONParser.parse(data)
        } catch {
            throw OpenAIResponseDecoder.Malformed()
        }
        if let error = json["error"]?.objectValue { throw StreamError(object: error) }
        if let usage = json["usage"], usage.objectValue != nil { self.usage = OpenAIResponseDecoder.usage(usage) }
        guard let choices = json["choices"]?.arrayValue else {
            if json["usage"] != nil { return [] }
            throw OpenAIResponseDecoder.Malformed()
        }
        var events: [GenerationEvent] = []
        for (position, choice) in choices.enumerated() {
            let index = choice["index"]?.intValue ?? position
            guard !finishedChoices.contains(index) else { continue }
            seenChoices.insert(index)
            switch kind {
            case .chat: chatDelta(choice, index: index, into: &events)
            case .completion: completionDelta(choice, index: index, into: &events)
            }
            if let reason = choice["finish_reason"], !reason.isNull {
                finishedChoices.insert(index)
                events.append(.finish(choice: index, OpenAIResponseDecoder.finishReason(reason)))
            }
        }
        return events
    }

    /// The events that close the stream: `finish` for any choice the upstream left open (every one of the `n` asked
    /// for), then the usage if the upstream sent it.
    mutating func end(choices n: Int) -> [GenerationEvent] {
        var events: [GenerationEvent] = []
        for index in seenChoices.union(0..<max(1, n)).sorted() where !finishedChoices.contains(index) {
            finishedChoices.insert(index)
            events.append(.finish(choice: index, .stop))
        }
        if let usage { events.append(.usage(usage)) }
        return events
    }

    private mutating func chatDelta(_ choice: JSONValue, index: Int, into events: inout [GenerationEvent]) {
        let delta = choice["delta"]
        if let content = delta?["content"]?.stringValue, !content.isEmpty {
            let logprobs =
                wantsLogprobs ? choice["logprobs"]?["content"]?.arrayValue.map(OpenAIResponseDecoder.chatLogprobs) : nil
            appendText(content, logprobs: logprobs, choice: index, into: &events)
        }
        for (position, call) in (delta?["tool_calls"]?.arrayValue ?? []).enumerated() {
            let id = call["id"]?.stringValue
            let name = call["function"]?["name"]?.stringValue
            let callIndex = call["index"]?.intValue ?? (id != nil ? callCounts[index, default: 0] : position)
            let key = CallKey(choice: index, index: callIndex)
            if startedCalls.insert(key).inserted {
                callCounts[index] = max(callCounts[index, default: 0], callIndex + 1)
                events.append(.toolCallStart(choice: index, index: callIndex, id: id ?? "", name: name ?? ""))
            }
            if let arguments = call["function"]?["arguments"]?.stringValue, !arguments.isEmpty {
                events.append(.toolCallArguments(choice: index, index: callIndex, arguments))
            }
        }
    }

    private func completionDelta(_ choice: JSONValue, index: Int, into events: inout [GenerationEvent]) {
        guard let text = choice["text"]?.stringValue, !text.isEmpty else { return }
        let logprobs = wantsLogprobs ? choice["logprobs"].flatMap(OpenAIResponseDecoder.completionLogprobs) : nil
        appendText(text, logprobs: logprobs, choice: index, into: &events)
    }

    /// One event per token when the logprobs split the text exactly; otherwise one event for the whole text.
    private func appendText(
        _ text: String, logprobs: [TokenLogprob]?, choice: Int, into events: inout [GenerationEvent]
    ) {
        if let logprobs, logprobs.count > 1, logprobs.map(\.token).joined() == text {
            for logprob in logprobs { events.append(.text(choice: choice, logprob.token, logprob: logprob)) }
        } else {
            events.append(.text(choice: choice, text, logprob: logprobs?.first))
        }
    }
}
