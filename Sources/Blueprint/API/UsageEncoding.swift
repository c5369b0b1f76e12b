/// Writes the usage and log-probability objects shared by chat and legacy completions.
enum UsageEncoding {
    /// `#S/CompletionUsage` with its detail objects, as OpenAI sends them.
    static func write(_ usage: TokenUsage, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("prompt_tokens", usage.promptTokens)
        writer.field("completion_tokens", usage.completionTokens)
        writer.field("total_tokens", usage.totalTokens)
        writer.rawMembers(zeroDetails)
        writer.endObject()
    }

    /// The detail objects, always zero here (no cache, audio, reasoning or predictions), encoded once.
    private static let zeroDetails = Array(
        (#""prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"#
            + #""completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"#
            + #""accepted_prediction_tokens":0,"rejected_prediction_tokens":0}"#).utf8)

    /// One `#S/ChatCompletionTokenLogprob`.
    static func write(_ logprob: TokenLogprob, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("token", logprob.token)
        writer.field("logprob", logprob.logprob)
        writeBytes(of: logprob.token, to: &writer)
        writer.key("top_logprobs")
        writer.beginArray()
        for alternative in logprob.topLogprobs {
            writer.beginObject()
            writer.field("token", alternative.token)
            writer.field("logprob", alternative.logprob)
            writeBytes(of: alternative.token, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// `{"content":[…],"refusal":null}` for a chat choice.
    static func writeChatLogprobs(_ logprobs: [TokenLogprob], to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("content")
        writer.beginArray()
        for logprob in logprobs { write(logprob, to: &writer) }
        writer.endArray()
        writer.nullField("refusal")
        writer.endObject()
    }

    private static func writeBytes(of token: String, to writer: inout JSONWriter) {
        writer.key("bytes")
        writer.beginArray()
        for byte in token.utf8 { writer.int(Int(byte)) }
        writer.endArray()
    }
}
