import Glibc

/// Which stripe of a shared, per-request counter the calling thread writes to (metrics, id counters).
///
/// Each event loop thread writes its requests into its own stripe, so two loops never write the same cache line for
/// every request (a line bounced between cores cost more than the rest of recording a request); a reading sums the
/// stripes. Threads map to stripes by a hash of their id, so two threads rarely share one, and sharing is only slower.
enum ThreadStripe {
    /// The number of stripes.
    static let count = 8

    /// The calling thread's stripe.
    static var current: Int {
        // pthread ids are addresses of thread control blocks: the multiplicative hash spreads their high bits.
        let id = UInt64(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))))
        return Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> 61)
    }
}
