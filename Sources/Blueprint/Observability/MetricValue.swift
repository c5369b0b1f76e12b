/// A reading of one labelled metric, taken for rendering or inspection.
public enum MetricValue: Sendable, Equatable {
    /// The value of a counter or a gauge.
    case scalar(Double)
    /// The state of a histogram.
    case histogram(HistogramSnapshot)
}
