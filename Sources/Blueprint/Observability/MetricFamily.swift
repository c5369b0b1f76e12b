/// A named metric with fixed label names; each combination of label values is one child `Metric`.
///
/// Look a child up once with `labels(_:)` and keep it: updating a cached child is one atomic or mutex operation,
/// while `labels(_:)` itself takes the family's lock and hashes the label values.
public final class MetricFamily<Child: Metric>: Sendable {
    /// The metric name, e.g. `blueprint_http_requests_total`.
    public let name: String
    /// The text of the `# HELP` line.
    public let help: String
    /// The label names, in the order label values are passed and rendered.
    public let labelNames: [String]

    private let makeChild: @Sendable () -> Child
    private let children: Locked<[[String]: Child]>

    init(name: String, help: String, labelNames: [String], makeChild: @escaping @Sendable () -> Child) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.makeChild = makeChild
        // An unlabelled family always has its single child, so it is exposed as 0 before the first update.
        self.children = Locked(labelNames.isEmpty ? [[]: makeChild()] : [:])
    }

    /// The child for these label values (one per label name, in registration order), created on first use.
    public func labels(_ values: String...) -> Child {
        labels(values)
    }

    /// The child for these label values (one per label name, in registration order), created on first use.
    public func labels(_ values: [String]) -> Child {
        precondition(
            values.count == labelNames.count,
            "\(name) takes \(labelNames.count) label values, got \(values.count)")
        return children.withLock { children in
            if let child = children[values] { return child }
            let child = makeChild()
            children[values] = child
            return child
        }
    }

    /// Every child with its label values, sorted by label values so that rendering is deterministic.
    func sortedChildren() -> [(labelValues: [String], child: Child)] {
        let unsorted = children.withLock { children in
            children.map { (labelValues: $0.key, child: $0.value) }
        }
        return unsorted.sorted { $0.labelValues.lexicographicallyPrecedes($1.labelValues) }
    }
}
