/// A consistent reading of a histogram: every field was read under the same lock.
public struct HistogramSnapshot: Sendable, Equatable {
    /// The finite bucket upper bounds, strictly increasing; the `+Inf` bucket is implied.
    public let upperBounds: [Double]
    /// For each bound in `upperBounds`, the number of observations less than or equal to it (cumulative).
    public let cumulativeCounts: [UInt64]
    /// The sum of all observed values.
    public let sum: Double
    /// The number of observations, which is also the count of the `+Inf` bucket.
    public let count: UInt64

    /// Creates a snapshot from its parts.
    public init(upperBounds: [Double], cumulativeCounts: [UInt64], sum: Double, count: UInt64) {
        self.upperBounds = upperBounds
        self.cumulativeCounts = cumulativeCounts
        self.sum = sum
        self.count = count
    }
}
