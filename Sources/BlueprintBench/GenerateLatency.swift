import Blueprint
import Glibc

/// Measures what one short request costs the mock model, in-process, on one thread: `generate` of the chat
/// completion the HTTP benchmark sends (`gpt-4o-mini`, a system and a user message, `max_tokens` 20).
enum GenerateLatency {
    static func run() async {
        let model = MockModel()
        let request = GenerationRequest(
            model: "gpt-4o-mini",
            input: .messages([
                ChatMessage(role: .system, content: "You are helpful."),
                ChatMessage(role: .user, content: "Hello there, how are you today?"),
            ]),
            maxTokens: 20)
        let rounds = 5
        let calls = 50_000
        var tokens = 0
        var times: [Double] = []
        for _ in 0..<rounds {
            let start = cpuSeconds()
            for _ in 0..<calls { tokens += (try? await model.generate(request))?.usage.completionTokens ?? 0 }
            times.append((cpuSeconds() - start) * 1e6 / Double(calls))
        }
        // The fastest round is the one least disturbed by other work on the machine.
        let rounded = times.sorted().map { ($0 * 1000).rounded() / 1000 }
        print(
            "  generate, the HTTP benchmark's chat request: \(rounded[0]) us of CPU per call (best of \(rounds) rounds")
        print(
            "  of \(calls) calls; all rounds: \(rounded.map { "\($0)" }.joined(separator: ", ")) us; \(tokens) tokens)")
    }

    /// The CPU time the process has used, so that other processes on the machine do not count.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
