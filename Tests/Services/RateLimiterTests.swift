import Blueprint
import Testing

@Suite struct RateLimiterTests {
    @Test func disabledLimiterAllowsEverythingWithoutHeaders() {
        let limiter = RateLimiter(.init(requestsPerMinute: 0), clock: ManualClock())
        #expect(!limiter.isEnabled)
        for _ in 0..<1_000 {
            let decision = limiter.acquire(key: "k", tokens: 1_000_000)
            #expect(decision == RateLimitDecision(requests: nil, tokens: nil, refusal: nil))
        }
        #expect(limiter.keyCount == 0)
    }

    @Test func countsRequestsDownAndRefusesWithRetryAfter() {
        let clock = ManualClock()
        let limiter = RateLimiter(.init(requestsPerMinute: 60), clock: clock)
        let first = limiter.acquire(key: "k")
        #expect(first.isAllowed)
        #expect(first.requests == .init(limit: 60, remaining: 59, resetAfter: .seconds(1)))
        #expect(first.tokens == nil)
        for _ in 0..<59 {
            #expect(limiter.acquire(key: "k").isAllowed)
        }
        let refused = limiter.acquire(key: "k")
        #expect(refused.refusal == .init(kind: .requests, retryAfter: .seconds(1)))
        #expect(refused.requests == .init(limit: 60, remaining: 0, resetAfter: .seconds(60)))
    }

    @Test func refillsWithInjectedTime() {
        let clock = ManualClock()
        let limiter = RateLimiter(.init(requestsPerMinute: 2), clock: clock)
        #expect(limiter.acquire(key: "k").isAllowed)
        #expect(limiter.acquire(key: "k").isAllowed)
        let refused = limiter.acquire(key: "k")
        #expect(refused.refusal?.retryAfter == .seconds(30))
        clock.advance(by: .seconds(29))
        #expect(!limiter.acquire(key: "k").isAllowed)
        clock.advance(by: .seconds(1))
        let allowed = limiter.acquire(key: "k")
        #expect(allowed.isAllowed)
        #expect(allowed.requests?.remaining == 0)
        #expect(allowed.requests?.resetAfter == .seconds(60))
    }

    @Test func keysAreIndependent() {
        let limiter = RateLimiter(.init(requestsPerMinute: 1), clock: ManualClock())
        #expect(limiter.acquire(key: "a").isAllowed)
        #expect(!limiter.acquire(key: "a").isAllowed)
        #expect(limiter.acquire(key: "b").isAllowed)
        #expect(!limiter.acquire(key: "b").isAllowed)
    }

    @Test func limitsTokens() {
        let clock = ManualClock()
        let limiter = RateLimiter(.init(requestsPerMinute: 100, tokensPerMinute: 1_000), clock: clock)
        let first = limiter.acquire(key: "k", tokens: 600)
        #expect(first.isAllowed)
        #expect(first.tokens == .init(limit: 1_000, remaining: 400, resetAfter: .seconds(36)))
        #expect(first.requests?.remaining == 99)
        let refused = limiter.acquire(key: "k", tokens: 500)
        #expect(refused.refusal == .init(kind: .tokens, retryAfter: .seconds(6)))
        clock.advance(by: .seconds(6))
        #expect(limiter.acquire(key: "k", tokens: 500).isAllowed)
    }

    @Test func tokenRefusalDoesNotConsumeARequest() {
        let limiter = RateLimiter(.init(requestsPerMinute: 2, tokensPerMinute: 100), clock: ManualClock())
        #expect(limiter.acquire(key: "k", tokens: 100).isAllowed)
        for _ in 0..<5 {
            let refused = limiter.acquire(key: "k", tokens: 50)
            #expect(refused.refusal?.kind == .tokens)
            #expect(refused.requests?.remaining == 1)
        }
        let allowed = limiter.acquire(key: "k", tokens: 0)
        #expect(allowed.isAllowed)
        #expect(allowed.requests?.remaining == 0)
    }

    @Test func requestRefusalDoesNotConsumeTokens() {
        let limiter = RateLimiter(.init(requestsPerMinute: 1, tokensPerMinute: 100), clock: ManualClock())
        #expect(limiter.acquire(key: "k", tokens: 10).isAllowed)
        for _ in 0..<5 {
            let refused = limiter.acquire(key: "k", tokens: 10)
            #expect(refused.refusal?.kind == .requests)
            #expect(refused.tokens?.remaining == 90)
        }
    }

    @Test func whenBothRefuseTheLongerWaitIsReported() {
        let limiter = RateLimiter(.init(requestsPerMinute: 1, tokensPerMinute: 60), clock: ManualClock())
        #expect(limiter.acquire(key: "k", tokens: 60).isAllowed)
        // Requests: one more in 60 s. Tokens: 30 more in 30 s.
        let refused = limiter.acquire(key: "k", tokens: 30)
        #expect(refused.refusal == .init(kind: .requests, retryAfter: .seconds(60)))
    }

    @Test func requestLargerThanTheTokenLimitIsRefusedForGood() {
        let limiter = RateLimiter(.init(requestsPerMinute: 10, tokensPerMinute: 100), clock: ManualClock())
        let refused = limiter.acquire(key: "k", tokens: 101)
        #expect(refused.refusal == .init(kind: .tokens, retryAfter: nil))
        #expect(refused.requests?.remaining == 10)
        #expect(refused.tokens?.remaining == 100)
    }

    @Test func tokenLimitAloneLeavesRequestsUnreported() {
        let limiter = RateLimiter(.init(requestsPerMinute: 0, tokensPerMinute: 10), clock: ManualClock())
        let decision = limiter.acquire(key: "k", tokens: 4)
        #expect(decision.requests == nil)
        #expect(decision.tokens?.remaining == 6)
    }

    @Test func sweepForgetsIdleKeys() {
        let clock = ManualClock()
        let limiter = RateLimiter(
            .init(requestsPerMinute: 60, maxKeys: 1_000, sweepInterval: 10), clock: clock, shardCount: 1)
        for index in 0..<9 {
            _ = limiter.acquire(key: "key-\(index)")
        }
        #expect(limiter.keyCount == 9)
        clock.advance(by: .seconds(1))
        // The tenth operation sweeps: every earlier key has refilled its one request.
        _ = limiter.acquire(key: "fresh")
        #expect(limiter.keyCount == 1)
    }

    @Test func sweepKeepsKeysStillRefilling() {
        let clock = ManualClock()
        let limiter = RateLimiter(
            .init(requestsPerMinute: 60, maxKeys: 1_000, sweepInterval: 4), clock: clock, shardCount: 1)
        _ = limiter.acquire(key: "busy")
        _ = limiter.acquire(key: "busy")
        _ = limiter.acquire(key: "idle")
        clock.advance(by: .seconds(1))
        _ = limiter.acquire(key: "other")
        #expect(limiter.keyCount == 2)
        // The busy key still owes one request's refill, so it was kept and its state survives.
        #expect(limiter.acquire(key: "busy").requests?.remaining == 58)
    }

    @Test func keyCountNeverExceedsTheCap() {
        let limiter = RateLimiter(.init(requestsPerMinute: 10, maxKeys: 64), clock: ManualClock(), shardCount: 4)
        for index in 0..<5_000 {
            _ = limiter.acquire(key: "key-\(index)")
            #expect(limiter.keyCount <= 64)
        }
        #expect(limiter.keyCount > 0)
    }

    @Test func capEvictsTheFullestKeyFirst() {
        let limiter = RateLimiter(
            .init(requestsPerMinute: 10, maxKeys: 2, sweepInterval: 1_000), clock: ManualClock(), shardCount: 1)
        for _ in 0..<5 {
            _ = limiter.acquire(key: "heavy")
        }
        _ = limiter.acquire(key: "light")
        _ = limiter.acquire(key: "third")
        #expect(limiter.keyCount == 2)
        // "light" was closest to full and made room; "heavy" kept its state.
        #expect(limiter.acquire(key: "heavy").requests?.remaining == 4)
    }

    @Test func concurrentTakesNeverExceedTheLimit() async {
        let limiter = RateLimiter(.init(requestsPerMinute: 100), clock: ManualClock())
        let allowed = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    var count = 0
                    for _ in 0..<20 where limiter.acquire(key: "shared").isAllowed {
                        count += 1
                    }
                    return count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(allowed == 100)
    }

    @Test func concurrentTakesOnManyKeysStayIsolated() async {
        let limiter = RateLimiter(.init(requestsPerMinute: 5), clock: ManualClock())
        let allowed = await withTaskGroup(of: Int.self) { group in
            for task in 0..<40 {
                group.addTask {
                    var count = 0
                    for _ in 0..<10 where limiter.acquire(key: "key-\(task % 8)").isAllowed {
                        count += 1
                    }
                    return count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(allowed == 8 * 5)
    }

    @Test func kindRawValuesMatchOpenAIErrorTypes() {
        #expect(RateLimitDecision.Kind.requests.rawValue == "requests")
        #expect(RateLimitDecision.Kind.tokens.rawValue == "tokens")
    }

    @Test func systemClockIsMonotonic() {
        let clock = SystemMonotonicClock()
        let first = clock.now()
        let second = clock.now()
        #expect(second >= first)
        #expect(first > 0)
    }
}
