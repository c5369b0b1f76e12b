/// One labelled child of a metric family: the object the hot path updates.
///
/// Conforming types are reference types updated with atomics or a mutex, so a child looked up once can be cached
/// and shared by every task.
public protocol Metric: AnyObject, Sendable {
    /// The type written on the family's `# TYPE` line.
    static var metricType: MetricType { get }

    /// Reads the current value.
    func read() -> MetricValue
}
