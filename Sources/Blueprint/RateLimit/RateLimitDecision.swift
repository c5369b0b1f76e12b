/// What ``RateLimiter`` decided for one request, with everything the HTTP layer needs for the
/// `x-ratelimit-*` and `retry-after` headers and for OpenAI's 429 error body.
public struct RateLimitDecision: Sendable, Equatable {
    /// The kind of limit. The raw value is the `type` OpenAI puts in a 429 error body.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Requests per minute.
        case requests
        /// Tokens per minute.
        case tokens
    }

    /// The state of one limit after the decision.
    public struct Limit: Sendable, Equatable {
        /// The configured limit per minute (`x-ratelimit-limit-*`).
        public var limit: Int
        /// What is left of it (`x-ratelimit-remaining-*`).
        public var remaining: Int
        /// How long until it is fully replenished (`x-ratelimit-reset-*`, see ``GoDuration/headerValue(_:)``).
        public var resetAfter: Duration

        /// Creates a limit state.
        public init(limit: Int, remaining: Int, resetAfter: Duration) {
            self.limit = limit
            self.remaining = remaining
            self.resetAfter = resetAfter
        }
    }

    /// Why a request was refused.
    public struct Refusal: Sendable, Equatable {
        /// The limit that refused the request.
        public var kind: Kind
        /// How long to wait before the request can succeed; `nil` when it never can, because it asks for more
        /// tokens than the limit allows in a whole minute (send `x-should-retry: false` then).
        public var retryAfter: Duration?

        /// Creates a refusal.
        public init(kind: Kind, retryAfter: Duration?) {
            self.kind = kind
            self.retryAfter = retryAfter
        }
    }

    /// The request limit's state, or `nil` when requests are not limited.
    public var requests: Limit?
    /// The token limit's state, or `nil` when tokens are not limited.
    public var tokens: Limit?
    /// Why the request was refused, or `nil` when it was allowed.
    public var refusal: Refusal?

    /// Creates a decision.
    public init(requests: Limit?, tokens: Limit?, refusal: Refusal?) {
        self.requests = requests
        self.tokens = tokens
        self.refusal = refusal
    }

    /// Whether the request may proceed.
    public var isAllowed: Bool { refusal == nil }
}
