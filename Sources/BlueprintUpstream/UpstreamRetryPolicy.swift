/// When an upstream request is tried again: after a connection failure, a 429 or a 5xx, and only before anything
/// was passed on to the client. Waits grow exponentially with full jitter (a uniform draw between zero and the
/// exponential bound, which spreads retrying clients best), unless the upstream said how long to wait
/// (`retry-after-ms`, `retry-after` in seconds). Attempts and the total time are bounded; a wait that would end
/// beyond the total budget is not started, and the last error is returned instead.
public struct UpstreamRetryPolicy: Sendable, Equatable {
    /// The most attempts, the first included (1 means no retries).
    public var maxAttempts: Int
    /// The bound of the first backoff; each later bound doubles.
    public var baseDelay: Duration
    /// The largest backoff bound.
    public var maxDelay: Duration
    /// The most time from the first attempt until the last one may start.
    public var totalBudget: Duration

    /// Creates a policy; the defaults are 3 attempts, 0.5 s doubling up to 8 s, 30 s in all.
    public init(
        maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
        totalBudget: Duration = .seconds(30)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.totalBudget = totalBudget
    }

    /// Never retry.
    public static let none = UpstreamRetryPolicy(maxAttempts: 1)

    /// The wait after failed attempt number `attempt` (1-based) when the upstream gave no delay: `jitter` (in
    /// `0..<1`) times `min(maxDelay, baseDelay * 2^(attempt-1))`.
    public func backoff(afterAttempt attempt: Int, jitter: Double) -> Duration {
        let doublings = min(max(0, attempt - 1), 30)
        let bound = min(maxDelay, baseDelay * (1 << doublings))
        return bound * min(max(jitter, 0), 1)
    }
}
