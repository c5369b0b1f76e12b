import Synchronization

/// A value that can be set, raised and lowered, stored as the bit pattern of a `Double` in one atomic word.
public final class Gauge: Metric {
    /// Always `.gauge`.
    public static var metricType: MetricType { .gauge }

    private let bits = Atomic<UInt64>(0)

    /// Creates a gauge at zero. Usually obtained from a `MetricFamily` instead.
    public init() {}

    /// Replaces the value.
    public func set(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    /// Adds `amount` (default 1).
    public func increment(by amount: Double = 1) {
        var current = bits.load(ordering: .relaxed)
        while true {
            let updated = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = bits.compareExchange(expected: current, desired: updated, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Subtracts `amount` (default 1).
    public func decrement(by amount: Double = 1) {
        increment(by: -amount)
    }

    /// The current value.
    public var value: Double {
        Double(bitPattern: bits.load(ordering: .relaxed))
    }

    /// The current value as a scalar.
    public func read() -> MetricValue {
        .scalar(value)
    }
}
