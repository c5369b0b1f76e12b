/// A token bucket as a pure value: it holds up to ``capacity`` tokens, refills continuously at
/// ``refillPerSecond`` and starts full. Time is passed in explicitly as monotonic nanoseconds
/// (see ``MonotonicClock``), so the bucket never reads a clock itself.
///
/// A limit of N per minute is a bucket with capacity N refilling N/60 tokens per second:
/// a full minute's allowance may be spent at once, and it comes back gradually.
public struct TokenBucket: Sendable, Equatable {
    /// What ``TokenBucket/take(_:now:)`` decided.
    public struct Decision: Sendable, Equatable {
        /// Whether the tokens were taken.
        public enum Outcome: Sendable, Equatable {
            /// The tokens were taken.
            case allowed
            /// Not enough tokens yet; ``Decision/retryAfter`` says when there will be.
            case refused
            /// More tokens were asked for than the bucket can ever hold; retrying cannot help.
            case exceedsCapacity
        }

        /// Whether the tokens were taken, and if not, why.
        public var outcome: Outcome
        /// Whole tokens left after this decision (rounded down).
        public var remaining: Int
        /// How long until the bucket is full again.
        public var resetAfter: Duration
        /// When ``outcome`` is ``Outcome/refused``, how long until the requested tokens are available;
        /// `nil` otherwise.
        public var retryAfter: Duration?

        /// Creates a decision.
        public init(outcome: Outcome, remaining: Int, resetAfter: Duration, retryAfter: Duration?) {
            self.outcome = outcome
            self.remaining = remaining
            self.resetAfter = resetAfter
            self.retryAfter = retryAfter
        }

        /// Whether the tokens were taken.
        public var isAllowed: Bool { outcome == .allowed }
    }

    /// The most tokens the bucket holds.
    public let capacity: Double
    /// Tokens added per second, up to ``capacity``.
    public let refillPerSecond: Double
    /// The tokens held at ``updatedAt``.
    public private(set) var tokens: Double
    /// The monotonic time, in nanoseconds, that ``tokens`` refers to.
    public private(set) var updatedAt: UInt64

    /// Creates a full bucket. `capacity` and `refillPerSecond` must be positive and finite.
    public init(capacity: Double, refillPerSecond: Double, now: UInt64) {
        precondition(capacity > 0 && capacity.isFinite, "a token bucket needs a positive, finite capacity")
        precondition(refillPerSecond > 0 && refillPerSecond.isFinite, "a token bucket needs a positive refill rate")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.tokens = capacity
        self.updatedAt = now
    }

    /// Creates a full bucket allowing `limit` per minute (capacity `limit`, refilling `limit / 60` per second).
    /// `limit` must be positive.
    public init(perMinute limit: Int, now: UInt64) {
        self.init(capacity: Double(limit), refillPerSecond: Double(limit) / 60, now: now)
    }

    /// Takes `count` tokens if the bucket holds that many at `now`.
    ///
    /// A refused take changes nothing but the refill bookkeeping. A `count` above ``capacity`` is refused with
    /// ``Decision/Outcome/exceedsCapacity`` and is never allowed. Taking `0` reports the bucket's state.
    /// `count` must be finite and not negative. A `now` earlier than the last one is treated as no time passing.
    public mutating func take(_ count: Double = 1, now: UInt64) -> Decision {
        precondition(count >= 0 && count.isFinite, "the number of tokens to take must be finite and not negative")
        refill(now: now)
        if count > capacity {
            return decision(.exceedsCapacity, retryAfter: nil)
        }
        if tokens + tolerance < count {
            return decision(.refused, retryAfter: timeToAccumulate(count - tokens))
        }
        tokens = max(0, tokens - count)
        return decision(.allowed, retryAfter: nil)
    }

    /// What ``take(_:now:)`` would decide, without changing the bucket.
    public func peek(_ count: Double = 1, now: UInt64) -> Decision {
        var copy = self
        return copy.take(count, now: now)
    }

    /// Whether the bucket has refilled completely by `now`, so forgetting it would change nothing.
    public func isFull(now: UInt64) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens + copy.tolerance >= copy.capacity
    }

    /// How full the bucket is at `now`, from 0 (empty) to 1 (full).
    public func fillFraction(now: UInt64) -> Double {
        var copy = self
        copy.refill(now: now)
        return min(1, copy.tokens / copy.capacity)
    }

    /// Floating-point refill can land a hair below a whole token after waiting exactly the advertised
    /// retry-after; a tolerance far below one token keeps that wait sufficient.
    private var tolerance: Double { max(capacity, 1) * 1e-12 }

    private mutating func refill(now: UInt64) {
        guard now > updatedAt else {
            return
        }
        let elapsed = Double(now - updatedAt)
        tokens = min(capacity, tokens + elapsed * refillPerSecond / 1e9)
        updatedAt = now
    }

    private func decision(_ outcome: Decision.Outcome, retryAfter: Duration?) -> Decision {
        let full = tokens + tolerance >= capacity
        return Decision(
            outcome: outcome,
            remaining: Int(max(0, (tokens + tolerance).rounded(.down))),
            resetAfter: full ? .zero : timeToAccumulate(capacity - tokens),
            retryAfter: retryAfter
        )
    }

    /// The time to refill `deficit` tokens, rounded up to whole nanoseconds so waiting that long is enough.
    private func timeToAccumulate(_ deficit: Double) -> Duration {
        let nanoseconds = (deficit / refillPerSecond * 1e9).rounded(.up)
        return .nanoseconds(nanoseconds >= 9.2e18 ? Int64.max : Int64(max(0, nanoseconds)))
    }
}
