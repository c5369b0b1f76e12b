/// The set of metric families a process exposes, rendered in the Prometheus text exposition format 0.0.4.
///
/// Register each family once, at startup, then cache the children the hot path updates:
///
/// ```swift
/// let requests = registry.counter("blueprint_http_requests_total", help: "HTTP requests.", labels: ["route"])
/// let models = requests.labels("/v1/models")
/// models.increment()
/// ```
public final class MetricsRegistry: Sendable {
    /// The `Content-Type` of `render()`'s output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let families = Locked<[String: any RenderableMetricFamily]>([:])

    /// Creates an empty registry.
    public init() {}

    /// Registers a counter family. By convention counter names end in `_total`.
    public func counter(_ name: String, help: String, labels: [String] = []) -> MetricFamily<Counter> {
        register(name: name, help: help, labelNames: labels) { Counter() }
    }

    /// Registers a gauge family.
    public func gauge(_ name: String, help: String, labels: [String] = []) -> MetricFamily<Gauge> {
        register(name: name, help: help, labelNames: labels) { Gauge() }
    }

    /// Registers a histogram family whose children share `buckets` (finite, strictly increasing upper bounds;
    /// `+Inf` is implied). Histograms may not use the label name `le`, which the buckets use.
    public func histogram(
        _ name: String, help: String, labels: [String] = [], buckets: [Double] = Histogram.defaultBuckets
    ) -> MetricFamily<Histogram> {
        precondition(!labels.contains("le"), "\(name): a histogram cannot use the label name le")
        // Validates the bounds now rather than at the first labels(_:) call.
        _ = Histogram(upperBounds: buckets)
        return register(name: name, help: help, labelNames: labels) { Histogram(upperBounds: buckets) }
    }

    /// Every family, sorted by name, each with its children sorted by label values.
    public func render() -> [UInt8] {
        let snapshot = families.withLock { families in Array(families.values) }
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        for family in snapshot.sorted(by: { $0.name < $1.name }) {
            family.appendExposition(to: &output)
        }
        return output
    }

    private func register<Child: Metric>(
        name: String, help: String, labelNames: [String], makeChild: @escaping @Sendable () -> Child
    ) -> MetricFamily<Child> {
        precondition(PrometheusTextFormat.isValidMetricName(name), "invalid metric name \(name)")
        for labelName in labelNames {
            precondition(PrometheusTextFormat.isValidLabelName(labelName), "\(name): invalid label name \(labelName)")
        }
        precondition(Set(labelNames).count == labelNames.count, "\(name): duplicate label names")
        let family = MetricFamily(name: name, help: help, labelNames: labelNames, makeChild: makeChild)
        families.withLock { families in
            precondition(families[name] == nil, "metric \(name) is already registered")
            families[name] = family
        }
        return family
    }
}
