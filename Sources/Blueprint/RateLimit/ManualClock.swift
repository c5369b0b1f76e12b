/// A clock that only moves when told to, for tests.
///
/// It is a class so that the code under test and the test share one instance; it is safe to read and
/// advance from any thread.
public final class ManualClock: MonotonicClock {
    private let current: Locked<UInt64>

    /// Creates a clock reading `nanoseconds`.
    public init(nanoseconds: UInt64 = 0) {
        current = Locked(nanoseconds)
    }

    /// The time the clock was last set or advanced to.
    public func now() -> UInt64 {
        current.withLock { $0 }
    }

    /// Moves the clock forward by `nanoseconds`.
    public func advance(nanoseconds: UInt64) {
        current.withLock { $0 += nanoseconds }
    }

    /// Moves the clock forward by `duration`, which must not be negative.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a monotonic clock cannot go back")
        advance(nanoseconds: UInt64(GoDuration.nanoseconds(of: duration)))
    }
}
