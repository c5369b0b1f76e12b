/// Deterministic log probabilities for mock output tokens.
enum MockLogprobs {
    /// The most alternatives OpenAI returns per token.
    static let maxAlternatives = 20

    /// The log probability of `token` at `position` of a choice with `seed`: a value in -2.5...-0.01, mostly near
    /// the top, with `alternatives` entries (at most 20) led by the token itself and followed by distinct
    /// vocabulary words with falling log probabilities.
    static func logprob(token: String, seed: UInt64, position: Int, alternatives: Int) -> TokenLogprob {
        var random = SeededGenerator(seed: (seed ^ 0x6C6F_6770_726F_6273) &+ UInt64(position) &* 0x9E37_79B9_7F4A_7C15)
        let unit = random.unitDouble()
        let logprob = -0.01 - 2.49 * unit * unit
        let count = min(max(alternatives, 0), maxAlternatives)
        guard count > 0 else { return TokenLogprob(token: token, logprob: logprob) }
        var top = [TokenLogprob.Alternative(token: token, logprob: logprob)]
        top.reserveCapacity(count)
        let lexicon = MockLexicon.common
        var current = logprob
        while top.count < count {
            let word = Int(random.next(below: UInt64(lexicon.wordCount)))
            let alternative = lexicon.firstInlineToken(of: word)
            guard !top.contains(where: { $0.token == alternative }) else { continue }
            current -= 0.05 + 1.5 * random.unitDouble()
            top.append(TokenLogprob.Alternative(token: alternative, logprob: current))
        }
        return TokenLogprob(token: token, logprob: logprob, topLogprobs: top)
    }
}
