import Synchronization

/// A monotonically increasing count.
///
/// Integer increments are one relaxed atomic add. Fractional increments accumulate separately in a `Double`
/// updated by compare-and-swap, as Prometheus' Go client does, so counting whole units never pays for a CAS loop.
/// Each thread adds to its own stripe (`ThreadStripe`); the value is the sum of the stripes.
public final class Counter: Metric {
    /// Always `.counter`.
    public static var metricType: MetricType { .counter }

    /// One stripe's totals, padded so that no two stripes share a cache line.
    private final class Cell: Sendable {
        let integerTotal = Atomic<Int>(0)
        let fractionalTotalBits = Atomic<UInt64>(0)
        private let padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    }

    private let cells = Striped { Cell() }

    /// Creates a counter at zero. Usually obtained from a `MetricFamily` instead.
    public init() {}

    /// Adds a non-negative whole number (default 1).
    public func increment(by amount: Int = 1) {
        precondition(amount >= 0, "a counter only goes up")
        cells.current.integerTotal.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Adds a non-negative amount.
    public func increment(by amount: Double) {
        precondition(amount >= 0, "a counter only goes up")
        let cell = cells.current
        var current = cell.fractionalTotalBits.load(ordering: .relaxed)
        while true {
            let updated = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = cell.fractionalTotalBits.compareExchange(
                expected: current, desired: updated, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// The current total.
    public var value: Double {
        var integer = 0
        var fractional = 0.0
        for cell in cells.all {
            integer &+= cell.integerTotal.load(ordering: .relaxed)
            fractional += Double(bitPattern: cell.fractionalTotalBits.load(ordering: .relaxed))
        }
        return Double(integer) + fractional
    }

    /// The current total as a scalar.
    public func read() -> MetricValue {
        .scalar(value)
    }
}
