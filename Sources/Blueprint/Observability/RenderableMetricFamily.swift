/// A metric family of any child type, as the registry stores and renders it.
protocol RenderableMetricFamily: Sendable {
    /// The metric name, the registry's sort key.
    var name: String { get }

    /// Appends this family in the Prometheus text exposition format 0.0.4.
    func appendExposition(to output: inout [UInt8])
}
