/// A mock generation worked out in full before anything is returned or streamed, so both see the same tokens.
struct MockPlan: Sendable {
    /// The request's seed, from which every choice's seed and the latency jitter derive.
    var seed: UInt64
    /// The choices, in index order.
    var choices: [MockChoice]
    /// The prompt's tokens.
    var promptTokens: Int
    /// How many alternatives each token's log probability lists.
    var topLogprobs: Int

    /// Prompt tokens, and all tokens written over all choices.
    var usage: TokenUsage {
        TokenUsage(promptTokens: promptTokens, completionTokens: choices.reduce(0) { $0 + $1.tokenCount })
    }

    /// The log probability of text token `position` of `choice`.
    func logprob(choice: MockChoice, position: Int) -> TokenLogprob {
        MockLogprobs.logprob(
            token: choice.text!.token(position), seed: choice.seed, position: position, alternatives: topLogprobs)
    }
}
