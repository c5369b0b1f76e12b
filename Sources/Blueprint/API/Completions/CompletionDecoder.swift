/// Turns a `/v1/completions` body (`#S/CreateCompletionRequest`) into one `GenerationRequest` per prompt.
enum CompletionDecoder {
    struct Decoded {
        /// One request per prompt, each asking for `n` choices.
        var requests: [GenerationRequest]
        /// The prompt texts, for `echo` (nil for token prompts, which echo nothing readable).
        var promptTexts: [String?]
        var stream: Bool
        var includeUsage: Bool
        var echo: Bool
        /// `logprobs` (0...5): how many alternatives per token; nil when not asked for.
        var logprobs: Int?
    }

    /// The fields the requests' own properties carry or the endpoint applies itself (`echo`); every other field
    /// (also validated ones such as `presence_penalty` or `suffix`) is kept in `extra` for backends that pass
    /// requests on.
    static let knownKeys: Set<String> = [
        "model", "prompt", "stream", "stream_options", "max_tokens", "n", "stop", "seed", "temperature", "top_p",
        "logprobs", "echo",
    ]

    static func decode(_ object: JSONObject) throws -> Decoded {
        let fields = RequestFields(object)
        let model = try fields.requiredString("model")
        let prompts = try self.prompts(fields)
        let stream = try fields.bool("stream") ?? false
        let includeUsage = try fields.includeUsage(streaming: stream)
        let logprobs = try fields.int("logprobs", in: 0...5)
        let n = try fields.int("n", in: 1...128) ?? 1
        if let bestOf = try fields.int("best_of", in: 1...20), bestOf < n {
            throw APIError.invalidRequest(
                "best_of must be greater than or equal to n.", param: "best_of", code: "invalid_value")
        }
        _ = try fields.double("presence_penalty", in: -2...2)
        _ = try fields.double("frequency_penalty", in: -2...2)
        _ = try fields.string("suffix")
        let maxTokens = try fields.int("max_tokens", in: 0...Int(Int32.max)) ?? 16
        let stop = try ChatCompletionDecoder.stop(fields.object["stop"])
        let seed = try fields.int("seed")
        let temperature = try fields.double("temperature", in: 0...2)
        let topP = try fields.double("top_p", in: 0...1)
        var extra = JSONObject()
        for (key, value) in object where !knownKeys.contains(key) { extra[key] = value }
        let requests = prompts.map { input in
            GenerationRequest(
                model: model, input: input, maxTokens: maxTokens, stop: stop, n: n, seed: seed,
                temperature: temperature, topP: topP, logprobs: logprobs != nil, topLogprobs: logprobs ?? 0,
                extra: extra)
        }
        return Decoded(
            requests: requests,
            promptTexts: prompts.map { if case .prompt(let text) = $0 { text } else { nil } },
            stream: stream, includeUsage: includeUsage, echo: try fields.bool("echo") ?? false, logprobs: logprobs)
    }

    /// A string, an array of strings, an array of token ids, or an array of token-id arrays.
    static func prompts(_ fields: RequestFields) throws -> [GenerationRequest.Input] {
        let value = try fields.required("prompt")
        if let text = value.stringValue { return [.prompt(text)] }
        guard let list = value.arrayValue else {
            throw fields.typeError("prompt", expected: "a string or an array", got: value)
        }
        guard !list.isEmpty else {
            throw APIError.invalidRequest(
                "Invalid 'prompt': empty array. Expected an array with minimum length 1, but got an empty array "
                    + "instead.", param: "prompt", code: "empty_array")
        }
        if list.allSatisfy({ $0.isNumber }) {
            return [.tokens(try EmbeddingDecoder.tokenIDs(list, param: "prompt"))]
        }
        return try list.enumerated().map { index, item in
            if let text = item.stringValue { return .prompt(text) }
            if let tokens = item.arrayValue {
                return .tokens(try EmbeddingDecoder.tokenIDs(tokens, param: "prompt[\(index)]"))
            }
            throw RequestFields.typeError(
                param: "prompt[\(index)]", expected: "a string or an array of integers", got: item)
        }
    }
}
