import Blueprint

/// Reads the upstream's successful OpenAI responses back into Blueprint's service types. Lenient where servers
/// differ (missing `usage`, unknown finish reasons), strict only where nothing sensible can be made of a response.
enum OpenAIResponseDecoder {
    /// The response was not the JSON shape expected.
    struct Malformed: Error {}

    /// A `chat.completion` object.
    static func chatCompletion(_ json: JSONValue, model: String, wantsLogprobs: Bool) throws -> Generation {
        guard let choices = json["choices"]?.arrayValue else { throw Malformed() }
        var generated: [GeneratedChoice] = []
        for (position, choice) in choices.enumerated() {
            let message = choice["message"]
            let toolCalls = (message?["tool_calls"]?.arrayValue ?? []).map { call in
                ToolCall(
                    id: call["id"]?.stringValue ?? "", name: call["function"]?["name"]?.stringValue ?? "",
                    arguments: call["function"]?["arguments"]?.stringValue ?? "")
            }
            let logprobs = wantsLogprobs ? choice["logprobs"]?["content"]?.arrayValue.map(chatLogprobs) : nil
            generated.append(
                GeneratedChoice(
                    index: choice["index"]?.intValue ?? position, text: message?["content"]?.stringValue,
                    toolCalls: toolCalls, finishReason: finishReason(choice["finish_reason"]), logprobs: logprobs))
        }
        generated.sort { $0.index < $1.index }
        return Generation(model: model, choices: generated, usage: usage(json["usage"]))
    }

    /// A `text_completion` object.
    static func completion(_ json: JSONValue, model: String, wantsLogprobs: Bool) throws -> Generation {
        guard let choices = json["choices"]?.arrayValue else { throw Malformed() }
        var generated: [GeneratedChoice] = []
        for (position, choice) in choices.enumerated() {
            let logprobs = wantsLogprobs ? choice["logprobs"].flatMap(completionLogprobs) : nil
            generated.append(
                GeneratedChoice(
                    index: choice["index"]?.intValue ?? position, text: choice["text"]?.stringValue ?? "",
                    finishReason: finishReason(choice["finish_reason"]), logprobs: logprobs))
        }
        generated.sort { $0.index < $1.index }
        return Generation(model: model, choices: generated, usage: usage(json["usage"]))
    }

    /// A `list` of `embedding` objects, put back in input order.
    static func embeddings(_ json: JSONValue, model: String, count: Int) throws -> Embeddings {
        guard let data = json["data"]?.arrayValue, data.count == count else { throw Malformed() }
        var vectors = [[Float]](repeating: [], count: count)
        for (position, item) in data.enumerated() {
            let index = item["index"]?.intValue ?? position
            guard vectors.indices.contains(index), let values = item["embedding"]?.arrayValue else { throw Malformed() }
            var vector: [Float] = []
            vector.reserveCapacity(values.count)
            for value in values {
                guard let number = value.doubleValue else { throw Malformed() }
                vector.append(Float(number))
            }
            vectors[index] = vector
        }
        return Embeddings(
            model: model, vectors: vectors, promptTokens: json["usage"]?["prompt_tokens"]?.intValue ?? 0)
    }

    /// A `list` of `model` objects.
    static func models(_ json: JSONValue, ownedBy provider: String) throws -> [ModelDescriptor] {
        guard let data = json["data"]?.arrayValue else { throw Malformed() }
        return data.compactMap { item in
            guard let id = item["id"]?.stringValue else { return nil }
            return ModelDescriptor(
                id: id, created: item["created"]?.intValue ?? 0,
                ownedBy: item["owned_by"]?.stringValue ?? provider,
                kind: id.lowercased().contains("embed") ? .embedding : .text)
        }
    }

    /// `stop`, `length`, `tool_calls` (and the older `function_call`), `content_filter`; anything else is `stop`.
    static func finishReason(_ value: JSONValue?) -> FinishReason {
        switch value?.stringValue {
        case "length": return .length
        case "tool_calls", "function_call": return .toolCalls
        case "content_filter": return .contentFilter
        default: return .stop
        }
    }

    /// `#S/CompletionUsage`; missing counts are 0.
    static func usage(_ value: JSONValue?) -> TokenUsage {
        TokenUsage(
            promptTokens: value?["prompt_tokens"]?.intValue ?? 0,
            completionTokens: value?["completion_tokens"]?.intValue ?? 0)
    }

    /// `#S/ChatCompletionTokenLogprob` items.
    static func chatLogprobs(_ items: [JSONValue]) -> [TokenLogprob] {
        items.map { item in
            TokenLogprob(
                token: item["token"]?.stringValue ?? "", logprob: item["logprob"]?.doubleValue ?? 0,
                topLogprobs: (item["top_logprobs"]?.arrayValue ?? []).map { alternative in
                    TokenLogprob.Alternative(
                        token: alternative["token"]?.stringValue ?? "",
                        logprob: alternative["logprob"]?.doubleValue ?? 0)
                })
        }
    }

    /// Legacy completions logprobs: parallel arrays `tokens`, `token_logprobs`, `top_logprobs` (objects token →
    /// logprob).
    static func completionLogprobs(_ value: JSONValue) -> [TokenLogprob]? {
        guard let tokens = value["tokens"]?.arrayValue else { return nil }
        let logprobs = value["token_logprobs"]?.arrayValue ?? []
        let tops = value["top_logprobs"]?.arrayValue ?? []
        return tokens.enumerated().map { index, token in
            let alternatives = (tops.indices.contains(index) ? tops[index].objectValue : nil).map { object in
                object.map { TokenLogprob.Alternative(token: $0.key, logprob: $0.value.doubleValue ?? 0) }
                    .sorted { $0.logprob > $1.logprob }
            }
            return TokenLogprob(
                token: token.stringValue ?? "",
                logprob: logprobs.indices.contains(index) ? logprobs[index].doubleValue ?? 0 : 0,
                topLogprobs: alternatives ?? [])
        }
    }
}
