import Blueprint
import Testing

@Suite struct TokenBucketTests {
    private let second: UInt64 = 1_000_000_000

    @Test func startsFullAndCountsDown() {
        var bucket = TokenBucket(capacity: 3, refillPerSecond: 1, now: 0)
        let first = bucket.take(now: 0)
        #expect(first.isAllowed)
        #expect(first.remaining == 2)
        #expect(first.resetAfter == .seconds(1))
        #expect(first.retryAfter == nil)
        #expect(bucket.take(now: 0).remaining == 1)
        #expect(bucket.take(now: 0).remaining == 0)
    }

    @Test func refusesWhenEmptyAndSaysWhenToRetry() {
        var bucket = TokenBucket(capacity: 2, refillPerSecond: 0.5, now: 0)
        _ = bucket.take(2, now: 0)
        let refused = bucket.take(now: 0)
        #expect(refused.outcome == .refused)
        #expect(!refused.isAllowed)
        #expect(refused.remaining == 0)
        #expect(refused.retryAfter == .seconds(2))
        #expect(refused.resetAfter == .seconds(4))
    }

    @Test func refusalConsumesNothing() {
        var bucket = TokenBucket(capacity: 10, refillPerSecond: 1, now: 0)
        _ = bucket.take(8, now: 0)
        #expect(bucket.take(5, now: 0).outcome == .refused)
        #expect(bucket.tokens == 2)
        #expect(bucket.take(2, now: 0).isAllowed)
    }

    @Test func retryAfterIsEnoughToSucceed() throws {
        // 7 per minute does not divide a second evenly, which exercises the rounding.
        var bucket = TokenBucket(perMinute: 7, now: 0)
        _ = bucket.take(7, now: 0)
        let refused = bucket.take(now: 0)
        let wait = try #require(refused.retryAfter)
        let waitNanoseconds = UInt64(GoDuration.nanoseconds(of: wait))
        #expect(bucket.take(now: waitNanoseconds - 1).outcome == .refused)
        #expect(bucket.take(now: waitNanoseconds).isAllowed)
    }

    @Test func refillsContinuouslyUpToCapacity() {
        var bucket = TokenBucket(capacity: 10, refillPerSecond: 2, now: 0)
        _ = bucket.take(10, now: 0)
        #expect(bucket.take(0, now: second / 2).remaining == 1)
        #expect(bucket.take(0, now: 3 * second).remaining == 6)
        let full = bucket.take(0, now: 100 * second)
        #expect(full.remaining == 10)
        #expect(full.resetAfter == .zero)
        #expect(bucket.tokens == 10)
    }

    @Test func takesFractionalAmounts() {
        var bucket = TokenBucket(capacity: 1, refillPerSecond: 1, now: 0)
        #expect(bucket.take(0.25, now: 0).remaining == 0)
        #expect(bucket.tokens == 0.75)
        #expect(bucket.take(0.75, now: 0).isAllowed)
        #expect(!bucket.take(0.1, now: 0).isAllowed)
    }

    @Test func requestAboveCapacityIsNeverAllowed() {
        var bucket = TokenBucket(capacity: 5, refillPerSecond: 1, now: 0)
        let decision = bucket.take(6, now: 1_000 * second)
        #expect(decision.outcome == .exceedsCapacity)
        #expect(!decision.isAllowed)
        #expect(decision.retryAfter == nil)
        #expect(decision.remaining == 5)
        #expect(bucket.tokens == 5)
    }

    @Test func requestOfExactlyCapacityIsAllowedWhenFull() {
        var bucket = TokenBucket(capacity: 5, refillPerSecond: 1, now: 0)
        #expect(bucket.take(5, now: 0).isAllowed)
        #expect(bucket.take(5, now: 4 * second).outcome == .refused)
        #expect(bucket.take(5, now: 5 * second).isAllowed)
    }

    @Test func timeGoingBackwardsAddsNothing() {
        var bucket = TokenBucket(capacity: 2, refillPerSecond: 1, now: 10 * second)
        _ = bucket.take(2, now: 10 * second)
        #expect(bucket.take(now: 5 * second).outcome == .refused)
        #expect(bucket.updatedAt == 10 * second)
        #expect(bucket.take(now: 11 * second).isAllowed)
    }

    @Test func peekDoesNotChangeTheBucket() {
        let bucket = TokenBucket(capacity: 1, refillPerSecond: 1, now: 0)
        #expect(bucket.peek(now: 0).isAllowed)
        #expect(bucket.peek(now: 0).remaining == 0)
        #expect(bucket.tokens == 1)
    }

    @Test func reportsFullness() {
        var bucket = TokenBucket(capacity: 4, refillPerSecond: 1, now: 0)
        #expect(bucket.isFull(now: 0))
        _ = bucket.take(2, now: 0)
        #expect(!bucket.isFull(now: second))
        #expect(bucket.fillFraction(now: second) == 0.75)
        #expect(bucket.isFull(now: 2 * second))
    }

    @Test func perMinuteMatchesOpenAISemantics() {
        var bucket = TokenBucket(perMinute: 60, now: 0)
        #expect(bucket.capacity == 60)
        #expect(bucket.refillPerSecond == 1)
        let decision = bucket.take(now: 0)
        #expect(decision.remaining == 59)
        #expect(decision.resetAfter == .seconds(1))
    }

    @Test func largeCapacitiesStayExactEnough() throws {
        var bucket = TokenBucket(perMinute: 1_000_000_000_000, now: 0)
        _ = bucket.take(1_000_000_000_000, now: 0)
        let refused = bucket.take(123_456_789, now: 0)
        let wait = UInt64(GoDuration.nanoseconds(of: try #require(refused.retryAfter)))
        #expect(bucket.take(123_456_789, now: wait).isAllowed)
    }
}
