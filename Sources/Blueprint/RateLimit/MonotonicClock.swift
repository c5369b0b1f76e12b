/// A source of monotonic time in nanoseconds, injected wherever time-based logic runs so tests can
/// control time explicitly.
///
/// Only differences between readings are meaningful; the origin is arbitrary. Readings never decrease.
public protocol MonotonicClock: Sendable {
    /// The current time in nanoseconds since an arbitrary, fixed origin.
    func now() -> UInt64
}
