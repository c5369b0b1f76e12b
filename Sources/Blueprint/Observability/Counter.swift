import Synchronization

/// A monotonically increasing count.
///
/// Integer increments are one relaxed atomic add. Fractional increments accumulate separately in a `Double`
/// updated by compare-and-swap, as Prometheus' Go client does, so counting whole units never pays for a CAS loop.
public final class Counter: Metric {
    /// Always `.counter`.
    public static var metricType: MetricType { .counter }

    private let integerTotal = Atomic<Int>(0)
    private let fractionalTotalBits = Atomic<UInt64>(0)

    /// Creates a counter at zero. Usually obtained from a `MetricFamily` instead.
    public init() {}

    /// Adds a non-negative whole number (default 1).
    public func increment(by amount: Int = 1) {
        precondition(amount >= 0, "a counter only goes up")
        integerTotal.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Adds a non-negative amount.
    public func increment(by amount: Double) {
        precondition(amount >= 0, "a counter only goes up")
        var current = fractionalTotalBits.load(ordering: .relaxed)
        while true {
            let updated = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = fractionalTotalBits.compareExchange(
                expected: current, desired: updated, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// The current total.
    public var value: Double {
        Double(integerTotal.load(ordering: .relaxed))
            + Double(bitPattern: fractionalTotalBits.load(ordering: .relaxed))
    }

    /// The current total as a scalar.
    public func read() -> MetricValue {
        .scalar(value)
    }
}
