/// Encodes `text_completion` objects (`#S/CreateCompletionResponse`) and their stream chunks.
enum CompletionEncoder {
    /// One finished choice, already re-indexed across prompts.
    struct Choice {
        var index: Int
        var text: String
        var finishReason: FinishReason
        var logprobs: [TokenLogprob]?
        /// The echoed prompt in front of `text`, for `text_offset`.
        var echoedPrefix: String
    }

    static func encode(
        choices: [Choice], id: String, created: Int, model: String, usage: TokenUsage, logprobs: Int?,
        systemFingerprint: String
    ) -> [UInt8] {
        var writer = JSONWriter(reservedCapacity: 512)
        writer.beginObject()
        writer.field("id", id)
        writer.field("object", "text_completion")
        writer.field("created", created)
        writer.field("model", model)
        writer.key("choices")
        writer.beginArray()
        for choice in choices {
            writer.beginObject()
            writer.field("text", choice.echoedPrefix + choice.text)
            writer.field("index", choice.index)
            if logprobs != nil, let tokens = choice.logprobs {
                writer.key("logprobs")
                writeLegacyLogprobs(tokens, offset: choice.echoedPrefix.utf8.count, to: &writer)
            } else {
                writer.nullField("logprobs")
            }
            writer.field("finish_reason", choice.finishReason.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("usage")
        UsageEncoding.write(usage, to: &writer)
        writer.field("system_fingerprint", systemFingerprint)
        writer.endObject()
        return writer.bytes
    }

    /// The legacy logprobs object: parallel arrays `tokens`, `token_logprobs`, `top_logprobs`, `text_offset`.
    static func writeLegacyLogprobs(_ tokens: [TokenLogprob], offset: Int, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("tokens")
        writer.beginArray()
        for token in tokens { writer.string(token.token) }
        writer.endArray()
        writer.key("token_logprobs")
        writer.beginArray()
        for token in tokens { writer.double(token.logprob) }
        writer.endArray()
        writer.key("top_logprobs")
        writer.beginArray()
        for token in tokens {
            writer.beginObject()
            for alternative in token.topLogprobs { writer.field(alternative.token, alternative.logprob) }
            writer.endObject()
        }
        writer.endArray()
        writer.key("text_offset")
        writer.beginArray()
        var position = offset
        for token in tokens {
            writer.int(position)
            position += token.token.utf8.count
        }
        writer.endArray()
        writer.endObject()
    }

    /// One stream chunk: `data: {…"choices":[{"text","index","logprobs","finish_reason"}]}`.
    static func chunk(
        prefix: [UInt8], index: Int, text: String, logprob: TokenLogprob?, offset: Int, finishReason: FinishReason?,
        includeUsage: Bool
    ) -> [UInt8] {
        var writer = JSONWriter(reservedCapacity: 128)
        writer.beginObject()
        writer.field("text", text)
        writer.field("index", index)
        if let logprob {
            writer.key("logprobs")
            writeLegacyLogprobs([logprob], offset: offset, to: &writer)
        } else {
            writer.nullField("logprobs")
        }
        writer.field("finish_reason", finishReason?.rawValue)
        writer.endObject()
        return prefix + writer.bytes + Array((includeUsage ? "],\"usage\":null}\n\n" : "]}\n\n").utf8)
    }
}
