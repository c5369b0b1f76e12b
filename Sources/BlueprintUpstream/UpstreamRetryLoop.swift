import Blueprint

/// Runs attempts under an `UpstreamRetryPolicy`. An attempt signals that it may be retried by throwing
/// `RetryableFailure`; any other error ends the loop at once.
struct UpstreamRetryLoop: Sendable {
    let policy: UpstreamRetryPolicy
    let sleep: @Sendable (Duration) async throws -> Void
    let jitter: @Sendable () -> Double
    let clock: any MonotonicClock

    func run<T>(_ attempt: () async throws -> T) async throws -> T {
        let start = clock.now()
        let budget = Self.nanoseconds(policy.totalBudget)
        var attempts = 0
        while true {
            attempts += 1
            do {
                return try await attempt()
            } catch let failure as RetryableFailure {
                guard attempts < policy.maxAttempts else { throw failure.error }
                let delay = failure.retryAfter ?? policy.backoff(afterAttempt: attempts, jitter: jitter())
                let elapsed = clock.now() &- start
                guard elapsed < budget, Self.nanoseconds(delay) <= budget - elapsed else { throw failure.error }
                try await sleep(delay)
            }
        }
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        UInt64(max(0, GoDuration.nanoseconds(of: duration)))
    }
}
