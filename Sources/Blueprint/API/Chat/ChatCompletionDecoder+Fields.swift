extension ChatCompletionDecoder {
    /// A request body's members sorted in one pass: the value of each field the decoder reads in its own property
    /// (nil when absent), and every field the request's own properties do not carry in `extra`, in body order.
    /// Looking each field up by name instead would scan the members again for every one of them.
    ///
    /// Not copyable, so that the compiler moves this large struct out of its initializer instead of copying it
    /// (and retaining every value in it).
    struct Fields: ~Copyable {
        var model, messages, stream, streamOptions, maxCompletionTokens, maxTokens, n, stop, seed: JSONValue?
        var temperature, topP, logprobs, topLogprobs, tools, toolChoice, parallelToolCalls, responseFormat: JSONValue?
        // Validated, but kept in `extra` too (the request's own properties do not carry them).
        var presencePenalty, frequencyPenalty, logitBias, user, metadata: JSONValue?
        /// The fields `GenerationRequest` has no property for, for backends that pass requests on.
        var extra: [JSONObject.Element] = []

        init(_ object: JSONObject) {
            for (key, value) in object {
                // Two strings of up to 15 bytes compare as two machine words, but a longer one on either side takes
                // String's slow path; so short and long keys go through separate switches, which never compare one
                // kind with the other.
                let isExtra = key.utf8.count <= 15 ? store(short: key, value) : store(long: key, value)
                if isExtra { extra.append((key: key, value: value)) }
            }
        }

        /// Stores the value of a field the decoder reads; returns whether the field belongs in `extra`. One string
        /// comparison per case, so the most common keys come first.
        private mutating func store(short key: String, _ value: JSONValue) -> Bool {
            switch key {
            case "model": model = value
            case "messages": messages = value
            case "max_tokens": maxTokens = value
            case "stream": stream = value
            case "temperature": temperature = value
            case "stream_options": streamOptions = value
            case "tools": tools = value
            case "tool_choice": toolChoice = value
            case "response_format": responseFormat = value
            case "top_p": topP = value
            case "n": n = value
            case "stop": stop = value
            case "seed": seed = value
            case "logprobs": logprobs = value
            case "top_logprobs": topLogprobs = value
            case "user":
                user = value
                return true
            case "metadata":
                metadata = value
                return true
            case "logit_bias":
                logitBias = value
                return true
            default:
                return true
            }
            return false
        }

        /// `store(short:_:)` for keys longer than 15 bytes.
        private mutating func store(long key: String, _ value: JSONValue) -> Bool {
            switch key {
            case "max_completion_tokens": maxCompletionTokens = value
            case "parallel_tool_calls": parallelToolCalls = value
            case "presence_penalty":
                presencePenalty = value
                return true
            case "frequency_penalty":
                frequencyPenalty = value
                return true
            default:
                return true
            }
            return false
        }
    }

    /// A message's members sorted in one pass like the body's; other members (`audio`, ...) are ignored. Not
    /// copyable, like `Fields`.
    struct MessageFields: ~Copyable {
        var role, content, name, toolCalls, toolCallID, refusal: JSONValue?

        init(_ object: JSONObject) {
            for (key, value) in object {
                switch key {
                case "role": role = value
                case "content": content = value
                case "name": name = value
                case "tool_calls": toolCalls = value
                case "tool_call_id": toolCallID = value
                case "refusal": refusal = value
                default: break
                }
            }
        }
    }
}
