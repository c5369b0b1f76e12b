/// One planned choice of a mock generation: everything `generate` returns and `stream` sends for it.
struct MockChoice: Sendable {
    /// A planned tool call.
    struct Call: Sendable {
        /// The call id, `call_` and 24 alphanumerics.
        var id: String
        /// The function name.
        var name: String
        /// The arguments' JSON text, as tokens.
        var arguments: TokenizedText
    }

    /// The choice index.
    var index: Int
    /// The seed the choice's content and log probabilities derive from.
    var seed: UInt64
    /// The text; nil when the choice calls tools.
    var text: TokenizedText?
    /// The tools called.
    var toolCalls: [Call]
    /// Why the output ended.
    var finishReason: FinishReason

    /// The tokens written: the text's and the arguments'.
    var tokenCount: Int {
        toolCalls.reduce(text?.count ?? 0) { $0 + $1.arguments.count }
    }
}
