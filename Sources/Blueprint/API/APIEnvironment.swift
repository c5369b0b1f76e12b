import Glibc

/// What the API layer takes from the world: ids, the clock, and the fingerprint it reports. Injected so that the same
/// request gives the same bytes in tests.
public struct APIEnvironment: Sendable {
    /// Makes object ids.
    public var ids: any IDGenerator
    /// Unix time in seconds (with a fraction) for `created` / `created_at`.
    public var now: @Sendable () -> Double
    /// The `system_fingerprint` sent with chat completions.
    public var systemFingerprint: String

    /// Creates an environment.
    public init(
        ids: any IDGenerator = RandomIDGenerator(), now: @escaping @Sendable () -> Double = APIEnvironment.wallClock,
        systemFingerprint: String = "fp_blueprint"
    ) {
        self.ids = ids
        self.now = now
        self.systemFingerprint = systemFingerprint
    }

    /// Real time.
    @Sendable public static func wallClock() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Fixed ids and time, for tests.
    public static func fixed(at seconds: Double = 1_700_000_000) -> APIEnvironment {
        APIEnvironment(ids: SequentialIDGenerator(), now: { seconds })
    }
}
