/// Per-key rate limiting of requests per minute and, optionally, tokens per minute.
///
/// Each key (an API key, say) gets one token bucket per enabled limit. Both limits are checked together:
/// a request refused by one limit consumes nothing from the other. Keys are spread over mutex-protected
/// shards so that concurrent requests for different keys rarely contend.
///
/// Memory stays bounded: every ``Configuration/sweepInterval`` operations a shard forgets the keys whose buckets
/// have refilled completely (forgetting a full bucket changes nothing), and no more than
/// ``Configuration/maxKeys`` keys are kept. When a shard is at its share of the cap even after a sweep,
/// the key closest to full is forgotten to make room, which grants that key at most the small remainder
/// of its allowance early.
public final class RateLimiter: Sendable {
    /// The limits and the memory bounds of a ``RateLimiter``.
    public struct Configuration: Sendable, Equatable {
        /// Requests allowed per key per minute; 0 disables the request limit.
        public var requestsPerMinute: Int
        /// Tokens allowed per key per minute; 0 disables the token limit.
        public var tokensPerMinute: Int
        /// The most keys remembered at once.
        public var maxKeys: Int
        /// How many operations a shard performs between sweeps of idle keys.
        public var sweepInterval: Int

        /// Creates a configuration. Limits must not be negative; `maxKeys` and `sweepInterval` must be positive.
        public init(
            requestsPerMinute: Int, tokensPerMinute: Int = 0, maxKeys: Int = 100_000, sweepInterval: Int = 1_024
        ) {
            precondition(requestsPerMinute >= 0 && tokensPerMinute >= 0, "rate limits cannot be negative")
            precondition(maxKeys > 0 && sweepInterval > 0, "maxKeys and sweepInterval must be positive")
            self.requestsPerMinute = requestsPerMinute
            self.tokensPerMinute = tokensPerMinute
            self.maxKeys = maxKeys
            self.sweepInterval = sweepInterval
        }
    }

    private struct Entry {
        var requests: TokenBucket?
        var tokens: TokenBucket?

        func isFull(now: UInt64) -> Bool {
            (requests?.isFull(now: now) ?? true) && (tokens?.isFull(now: now) ?? true)
        }

        func fillFraction(now: UInt64) -> Double {
            min(requests?.fillFraction(now: now) ?? 1, tokens?.fillFraction(now: now) ?? 1)
        }
    }

    private struct ShardState {
        var entries: [String: Entry] = [:]
        var operationsSinceSweep = 0
    }

    private final class Shard: Sendable {
        let state = Locked(ShardState())
    }

    /// The limits this limiter enforces.
    public let configuration: Configuration
    private let clock: any MonotonicClock
    private let shards: [Shard]
    private let keysPerShard: Int

    /// Creates a limiter reading time from `clock`. `shardCount` must be positive; it is lowered to
    /// ``Configuration/maxKeys`` if larger.
    public init(
        _ configuration: Configuration, clock: any MonotonicClock = SystemMonotonicClock(), shardCount: Int = 16
    ) {
        precondition(shardCount > 0, "a rate limiter needs at least one shard")
        let shardCount = min(shardCount, configuration.maxKeys)
        self.configuration = configuration
        self.clock = clock
        self.shards = (0..<shardCount).map { _ in Shard() }
        // Rounding down keeps the total at or below maxKeys.
        self.keysPerShard = configuration.maxKeys / shardCount
    }

    /// Whether any limit is enabled.
    public var isEnabled: Bool {
        configuration.requestsPerMinute > 0 || configuration.tokensPerMinute > 0
    }

    /// The number of keys currently remembered.
    public var keyCount: Int {
        shards.reduce(0) { total, shard in total + shard.state.withLock { $0.entries.count } }
    }

    /// Admits one request for `key` that is expected to use `tokens` tokens, or refuses it.
    ///
    /// When allowed, one request and `tokens` tokens are consumed; when refused, nothing is.
    /// If both limits refuse, the refusal names the one with the longer wait, so waiting `retryAfter`
    /// satisfies both. `tokens` must not be negative and is ignored when the token limit is disabled.
    public func acquire(key: String, tokens: Int = 0) -> RateLimitDecision {
        precondition(tokens >= 0, "a request cannot use a negative number of tokens")
        guard isEnabled else {
            return RateLimitDecision(requests: nil, tokens: nil, refusal: nil)
        }
        let now = clock.now()
        let shard = shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
        return shard.state.withLock { state in
            state.operationsSinceSweep += 1
            if state.operationsSinceSweep >= configuration.sweepInterval {
                Self.sweep(&state, now: now)
            }
            if let index = state.entries.index(forKey: key) {
                return decide(&state.entries.values[index], tokens: tokens, now: now)
            }
            makeRoom(&state, now: now)
            var entry = newEntry(now: now)
            let decision = decide(&entry, tokens: tokens, now: now)
            state.entries[key] = entry
            return decision
        }
    }

    private func newEntry(now: UInt64) -> Entry {
        Entry(
            requests: configuration.requestsPerMinute > 0
                ? TokenBucket(perMinute: configuration.requestsPerMinute, now: now) : nil,
            tokens: configuration.tokensPerMinute > 0
                ? TokenBucket(perMinute: configuration.tokensPerMinute, now: now) : nil
        )
    }

    private func decide(_ entry: inout Entry, tokens cost: Int, now: UInt64) -> RateLimitDecision {
        // Take from copies and keep them only if every limit allows, so one limit's refusal costs the other nothing.
        var requests = entry.requests
        var tokens = entry.tokens
        let requestDecision = requests?.take(1, now: now)
        let tokenDecision = tokens?.take(Double(cost), now: now)
        let refusal = Self.refusal(requests: requestDecision, tokens: tokenDecision)
        if refusal == nil {
            entry.requests = requests
            entry.tokens = tokens
            return RateLimitDecision(
                requests: requestDecision.map { limit(configuration.requestsPerMinute, $0) },
                tokens: tokenDecision.map { limit(configuration.tokensPerMinute, $0) },
                refusal: nil
            )
        }
        // Refused: report both limits as they stand, untouched.
        return RateLimitDecision(
            requests: entry.requests.map { limit(configuration.requestsPerMinute, $0.peek(0, now: now)) },
            tokens: entry.tokens.map { limit(configuration.tokensPerMinute, $0.peek(0, now: now)) },
            refusal: refusal
        )
    }

    private func limit(_ perMinute: Int, _ decision: TokenBucket.Decision) -> RateLimitDecision.Limit {
        RateLimitDecision.Limit(limit: perMinute, remaining: decision.remaining, resetAfter: decision.resetAfter)
    }

    private static func refusal(
        requests: TokenBucket.Decision?,
        tokens: TokenBucket.Decision?
    ) -> RateLimitDecision.Refusal? {
        let refusals = [
            requests.flatMap { refusal(.requests, $0) },
            tokens.flatMap { refusal(.tokens, $0) },
        ].compactMap { $0 }
        // A refusal that can never succeed (nil retryAfter) outranks any wait; otherwise the longer wait wins.
        return refusals.max { shorter, longer in
            guard let longerWait = longer.retryAfter else { return shorter.retryAfter != nil }
            guard let shorterWait = shorter.retryAfter else { return false }
            return shorterWait < longerWait
        }
    }

    private static func refusal(_ kind: RateLimitDecision.Kind, _ decision: TokenBucket.Decision)
        -> RateLimitDecision.Refusal?
    {
        switch decision.outcome {
        case .allowed: nil
        case .refused: RateLimitDecision.Refusal(kind: kind, retryAfter: decision.retryAfter)
        case .exceedsCapacity: RateLimitDecision.Refusal(kind: kind, retryAfter: nil)
        }
    }

    private static func sweep(_ state: inout ShardState, now: UInt64) {
        state.operationsSinceSweep = 0
        state.entries = state.entries.filter { !$0.value.isFull(now: now) }
    }

    /// Ensures a new key fits within the shard's share of ``Configuration/maxKeys``.
    private func makeRoom(_ state: inout ShardState, now: UInt64) {
        guard state.entries.count >= keysPerShard else {
            return
        }
        Self.sweep(&state, now: now)
        while state.entries.count >= keysPerShard {
            let fullest = state.entries.max { $0.value.fillFraction(now: now) < $1.value.fillFraction(now: now) }
            guard let fullest else { return }
            state.entries.removeValue(forKey: fullest.key)
        }
    }
}
