import Glibc

/// The system's monotonic clock (`CLOCK_MONOTONIC`), which is unaffected by wall-clock changes.
public struct SystemMonotonicClock: MonotonicClock {
    /// Creates the system clock.
    public init() {}

    /// The current `CLOCK_MONOTONIC` reading in nanoseconds.
    public func now() -> UInt64 {
        var time = timespec()
        // clock_gettime(CLOCK_MONOTONIC) cannot fail for a valid pointer (POSIX lists only EINVAL/EFAULT).
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
