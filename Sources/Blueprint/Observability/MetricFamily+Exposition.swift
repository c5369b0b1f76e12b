extension MetricFamily: RenderableMetricFamily {
    func appendExposition(to output: inout [UInt8]) {
        if !help.isEmpty {
            output.append(contentsOf: "# HELP \(name) ".utf8)
            PrometheusTextFormat.appendEscapedHelp(help, to: &output)
            output.append(UInt8(ascii: "\n"))
        }
        output.append(contentsOf: "# TYPE \(name) \(Child.metricType.rawValue)\n".utf8)
        for (labelValues, child) in sortedChildren() {
            let labels = Array(zip(labelNames, labelValues))
            switch child.read() {
            case .scalar(let value):
                PrometheusTextFormat.appendSample(
                    name: name, labels: labels, value: PrometheusTextFormat.format(value), to: &output)
            case .histogram(let snapshot):
                appendHistogram(snapshot, labels: labels, to: &output)
            }
        }
    }

    private func appendHistogram(_ snapshot: HistogramSnapshot, labels: [(String, String)], to output: inout [UInt8]) {
        let bucketName = name + "_bucket"
        for (bound, count) in zip(snapshot.upperBounds, snapshot.cumulativeCounts) {
            PrometheusTextFormat.appendSample(
                name: bucketName, labels: labels + [("le", PrometheusTextFormat.format(bound))],
                value: String(count), to: &output)
        }
        PrometheusTextFormat.appendSample(
            name: bucketName, labels: labels + [("le", "+Inf")], value: String(snapshot.count), to: &output)
        PrometheusTextFormat.appendSample(
            name: name + "_sum", labels: labels, value: PrometheusTextFormat.format(snapshot.sum), to: &output)
        PrometheusTextFormat.appendSample(
            name: name + "_count", labels: labels, value: String(snapshot.count), to: &output)
    }
}
