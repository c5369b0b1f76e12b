/// Paces a mock stream: the time to first token before the first event, the inter-token delay before every later
/// token, each plus a jitter drawn from the request's seed. A delay of 0 makes no sleep call. Also checks for
/// cancellation every 64 tokens, so a stream that never sleeps still stops when its client goes away.
struct MockPacer {
    /// Tokens between cancellation checks.
    static let cancellationInterval = 64

    private let latency: SimulatedLatency
    private let sleep: @Sendable (Duration) async throws -> Void
    private var jitter: SeededGenerator
    private var waitedForFirstToken = false
    private var tokens = 0

    /// Creates a pacer for `latency`, drawing jitter from `seed` and waiting with `sleep`.
    init(latency: SimulatedLatency, seed: UInt64, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.latency = latency
        self.sleep = sleep
        jitter = SeededGenerator(seed: seed ^ 0x6A69_7474_6572_0000)
    }

    /// Waits before an event that carries no token (a tool call's start, a choice's finish).
    mutating func beforeEvent() async throws {
        if !waitedForFirstToken { try await waitForFirstToken() }
    }

    /// Waits before a token.
    mutating func beforeToken() async throws {
        if !waitedForFirstToken {
            try await waitForFirstToken()
        } else if tokens > 0 {
            try await wait(latency.interTokenMS)
        }
        tokens += 1
        if tokens % Self.cancellationInterval == 0 { try Task.checkCancellation() }
    }

    private mutating func waitForFirstToken() async throws {
        waitedForFirstToken = true
        try await wait(latency.timeToFirstTokenMS)
    }

    private mutating func wait(_ milliseconds: Int) async throws {
        var total = max(milliseconds, 0)
        if latency.jitterMS > 0 { total += Int(jitter.next(below: UInt64(latency.jitterMS) + 1)) }
        guard total > 0 else { return }
        try await sleep(.milliseconds(total))
    }
}
