import Blueprint
import Glibc

/// Measures how fast the mock model generates, in-process, on one thread: `generate` of long answers, many short
/// requests, and `stream` into a sink that drops events.
enum TokenThroughput {
    /// A sink that counts text events and drops them.
    final class CountingSink: GenerationSink, @unchecked Sendable {
        // Only the generating task touches the count.
        var tokens = 0

        func send(_ event: GenerationEvent) async throws {
            if case .text = event { tokens += 1 }
        }
    }

    static func run() async {
        let model = MockModel()
        let long = GenerationRequest(
            model: "gpt-4o-mini", input: .messages([ChatMessage(role: .user, content: "Tell me a long story")]),
            maxTokens: 1_000_000, extra: ["ignore_eos": true])
        await measure("generate, one 1,000,000-token answer") {
            try await model.generate(long).usage.completionTokens
        }
        await measure("generate, 20,000 requests of about 60 tokens") {
            var total = 0
            for index in 0..<20_000 {
                let request = GenerationRequest(
                    model: "gpt-4o-mini",
                    input: .messages([ChatMessage(role: .user, content: "Question number \(index) about rivers")]))
                total += try await model.generate(request).usage.completionTokens
            }
            return total
        }
        await measure("stream, one 1,000,000-token answer into a dropping sink") {
            let sink = CountingSink()
            try await model.stream(long, into: sink)
            return sink.tokens
        }
    }

    static func measure(_ name: String, _ body: () async throws -> Int) async {
        let start = ContinuousClock.now
        let tokens = (try? await body()) ?? 0
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(tokens) / seconds : 0
        print("  \(name): \(tokens) tokens in \((seconds * 1000).rounded() / 1000) s = \(Int(rate / 1000)) k tokens/s")
    }
}
