/// Observations counted into buckets by upper bound, with their sum and count.
///
/// One observation is a short scan of the bounds and one uncontended `Locked` section of the calling thread's stripe
/// (`ThreadStripe`); the lock (rather than one atomic per bucket) makes every stripe's reading consistent, so their
/// sum is too: the `+Inf` bucket always equals `_count`, even mid-scrape.
public final class Histogram: Metric {
    /// Always `.histogram`.
    public static var metricType: MetricType { .histogram }

    /// The Prometheus client default buckets, in seconds: suited to request latencies.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// The finite bucket upper bounds, strictly increasing; the `+Inf` bucket is implied.
    public let upperBounds: [Double]

    private struct State {
        // Per bucket, not cumulative: index `upperBounds.count` is the `+Inf` bucket.
        var counts: [UInt64]
        var sum: Double
    }

    private let stripes: Striped<Locked<State>>

    /// Creates an empty histogram. `upperBounds` must be finite and strictly increasing; a trailing `+Inf` is
    /// dropped because that bucket always exists.
    public init(upperBounds: [Double] = Histogram.defaultBuckets) {
        var bounds = upperBounds
        if bounds.last == .infinity { bounds.removeLast() }
        precondition(bounds.allSatisfy { $0.isFinite }, "histogram bounds must be finite")
        precondition(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 }, "histogram bounds must increase")
        self.upperBounds = bounds
        self.stripes = Striped {
            Locked(State(counts: Array(repeating: 0, count: bounds.count + 1), sum: 0))
        }
    }

    /// Records one observation. A bucket counts values less than or equal to its bound; NaN lands in `+Inf` only.
    public func observe(_ value: Double) {
        var index = 0
        while index < upperBounds.count, !(value <= upperBounds[index]) {
            index += 1
        }
        stripes.current.withLock { state in
            state.counts[index] += 1
            state.sum += value
        }
    }

    /// A consistent reading with cumulative bucket counts.
    public func snapshot() -> HistogramSnapshot {
        var counts = Array(repeating: UInt64(0), count: upperBounds.count + 1)
        var sum = 0.0
        for stripe in stripes.all {
            stripe.withLock { state in
                for index in counts.indices { counts[index] += state.counts[index] }
                sum += state.sum
            }
        }
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(upperBounds.count)
        var running: UInt64 = 0
        for count in counts.dropLast() {
            running += count
            cumulative.append(running)
        }
        return HistogramSnapshot(
            upperBounds: upperBounds, cumulativeCounts: cumulative, sum: sum, count: running + counts[counts.count - 1]
        )
    }

    /// The current state as a histogram reading.
    public func read() -> MetricValue {
        .histogram(snapshot())
    }
}
