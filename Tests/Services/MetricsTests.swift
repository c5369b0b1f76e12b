import Blueprint
import Testing

@Suite struct MetricsTests {
    private func text(_ registry: MetricsRegistry) -> String {
        String(decoding: registry.render(), as: UTF8.self)
    }

    @Test func rendersSmallRegistryExactly() {
        let registry = MetricsRegistry()
        let requests = registry.counter(
            "app_requests_total", help: "Requests served.\nBy route \\ method.", labels: ["route", "method"])
        requests.labels("/b", "GET").increment(by: 1_000_000)
        requests.labels("/a", "POST").increment()
        requests.labels("/a \"q\"\\n\nx", "GET").increment(by: 0.5)
        registry.gauge("app_temperature_celsius", help: "Temperature.").labels().set(-3.25)
        let latency = registry.histogram(
            "app_latency_seconds", help: "Latency.", labels: ["route"], buckets: [0.25, 0.5, 1, 2.5])
        let route = latency.labels("/a")
        for value in [0.25, 0.5, 2, 7] { route.observe(value) }
        _ = registry.counter("app_errors_total", help: "Errors.")

        #expect(
            text(registry) == """
                # HELP app_errors_total Errors.
                # TYPE app_errors_total counter
                app_errors_total 0
                # HELP app_latency_seconds Latency.
                # TYPE app_latency_seconds histogram
                app_latency_seconds_bucket{route="/a",le="0.25"} 1
                app_latency_seconds_bucket{route="/a",le="0.5"} 2
                app_latency_seconds_bucket{route="/a",le="1"} 2
                app_latency_seconds_bucket{route="/a",le="2.5"} 3
                app_latency_seconds_bucket{route="/a",le="+Inf"} 4
                app_latency_seconds_sum{route="/a"} 9.75
                app_latency_seconds_count{route="/a"} 4
                # HELP app_requests_total Requests served.\\nBy route \\\\ method.
                # TYPE app_requests_total counter
                app_requests_total{route="/a",method="POST"} 1
                app_requests_total{route="/a \\"q\\"\\\\n\\nx",method="GET"} 0.5
                app_requests_total{route="/b",method="GET"} 1000000
                # HELP app_temperature_celsius Temperature.
                # TYPE app_temperature_celsius gauge
                app_temperature_celsius -3.25

                """)
    }

    @Test func labelledFamilyWithoutChildrenRendersOnlyItsHeader() {
        let registry = MetricsRegistry()
        _ = registry.counter("app_requests_total", help: "Requests.", labels: ["route"])
        #expect(text(registry) == "# HELP app_requests_total Requests.\n# TYPE app_requests_total counter\n")
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (1_234_567, "1234567"), (-42, "-42"), (2.5, "2.5"), (0.005, "0.005"),
        (0.1, "0.1"), (1e-7, "1e-07"), (1e20, "1e+20"), (1_763_735_160.123, "1763735160.123"),
        (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"),
    ])
    func formatsValues(value: Double, expected: String) {
        let registry = MetricsRegistry()
        registry.gauge("g", help: "").labels().set(value)
        #expect(text(registry) == "# TYPE g gauge\ng \(expected)\n")
    }

    @Test func formatsDefaultBucketBoundsLikePrometheusClients() {
        let registry = MetricsRegistry()
        registry.histogram("h", help: "H.").labels().observe(0.07)
        let bounds = text(registry).split(separator: "\n").compactMap { line -> Substring? in
            guard let start = line.firstRange(of: "le=\"") else { return nil }
            return line[start.upperBound...].prefix { $0 != "\"" }
        }
        #expect(bounds == ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"])
    }

    @Test func histogramBucketsAreCumulativeAndMatchCount() {
        let histogram = Histogram(upperBounds: [1, 2, 5, 10])
        let values: [Double] = [0, 0.5, 1, 1, 1.5, 2, 3, 5, 5.01, 9, 10, 11, 100, -4, .nan]
        for value in values { histogram.observe(value) }
        let snapshot = histogram.snapshot()
        #expect(snapshot.upperBounds == [1, 2, 5, 10])
        for (bound, cumulative) in zip(snapshot.upperBounds, snapshot.cumulativeCounts) {
            #expect(cumulative == UInt64(values.filter { $0 <= bound }.count))
        }
        #expect(snapshot.cumulativeCounts == [5, 7, 9, 12])
        #expect(snapshot.count == UInt64(values.count))
        #expect(snapshot.sum.isNaN)
    }

    @Test func renderedInfBucketEqualsCount() {
        let registry = MetricsRegistry()
        let family = registry.histogram("h_seconds", help: "H.", labels: ["k"], buckets: [0.1, 1])
        for (index, value) in [0.05, 0.5, 5, 0.1, 1, 50].enumerated() {
            family.labels(index % 2 == 0 ? "even" : "odd").observe(value)
        }
        let lines = text(registry).split(separator: "\n").map(String.init)
        for key in ["even", "odd"] {
            let buckets = lines.filter { $0.hasPrefix("h_seconds_bucket{k=\"\(key)\"") }.map {
                Int($0.split(separator: " ")[1])!
            }
            let count = lines.first { $0.hasPrefix("h_seconds_count{k=\"\(key)\"}") }.map {
                Int($0.split(separator: " ")[1])!
            }
            #expect(buckets.count == 3)
            #expect(buckets == buckets.sorted())
            #expect(buckets.last == count)
            #expect(count == 3)
        }
    }

    @Test func trailingInfinityBoundIsDropped() {
        #expect(Histogram(upperBounds: [1, 2, .infinity]).upperBounds == [1, 2])
    }

    @Test func renderingIsDeterministicWhateverTheRegistrationOrder() {
        func populate(_ registry: MetricsRegistry, reversed: Bool) {
            var steps: [() -> Void] = [
                { registry.gauge("zeta", help: "Z.").labels().set(1) },
                {
                    let family = registry.counter("alpha_total", help: "A.", labels: ["x", "y"])
                    for (x, y) in [("b", "1"), ("a", "2"), ("a", "1"), ("c", "0")] { family.labels(x, y).increment() }
                },
                { registry.histogram("mid_seconds", help: "M.", labels: ["r"]).labels("q").observe(0.2) },
            ]
            if reversed { steps.reverse() }
            for step in steps { step() }
        }
        let first = MetricsRegistry()
        populate(first, reversed: false)
        let second = MetricsRegistry()
        populate(second, reversed: true)
        #expect(first.render() == second.render())
        #expect(first.render() == first.render())
        let alpha = text(first).split(separator: "\n").filter { $0.hasPrefix("alpha_total{") }
        #expect(
            alpha == [
                #"alpha_total{x="a",y="1"} 1"#, #"alpha_total{x="a",y="2"} 1"#, #"alpha_total{x="b",y="1"} 1"#,
                #"alpha_total{x="c",y="0"} 1"#,
            ])
    }

    @Test func labelsReturnsTheSameChildForTheSameValues() {
        let family = MetricsRegistry().counter("c_total", help: "C.", labels: ["a"])
        #expect(family.labels("x") === family.labels(["x"]))
        #expect(family.labels("x") !== family.labels("y"))
    }

    @Test func counterAddsIntegersAndFractions() {
        let counter = Counter()
        counter.increment()
        counter.increment(by: 41)
        counter.increment(by: 0.25)
        counter.increment(by: 0.25)
        #expect(counter.value == 42.5)
        #expect(counter.read() == .scalar(42.5))
    }

    @Test func gaugeSetsRaisesAndLowers() {
        let gauge = Gauge()
        gauge.set(10)
        gauge.increment()
        gauge.increment(by: 2.5)
        gauge.decrement(by: 4)
        #expect(gauge.value == 9.5)
        gauge.decrement()
        #expect(gauge.read() == .scalar(8.5))
    }

    @Test func concurrentUpdatesFromManyTasksSumExactly() async {
        let registry = MetricsRegistry()
        let counters = registry.counter("c_total", help: "C.", labels: ["route"])
        let gauge = registry.gauge("g", help: "G.").labels()
        let histograms = registry.histogram("h_seconds", help: "H.", labels: ["route"], buckets: [0.5])
        let tasks = 64
        let iterations = 2_000
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    // Every task looks the children up itself, so creation races too.
                    let counter = counters.labels("/shared")
                    let histogram = histograms.labels("/shared")
                    for iteration in 0..<iterations {
                        counter.increment()
                        counter.increment(by: 0.5)
                        gauge.increment()
                        gauge.decrement()
                        histogram.observe(iteration % 2 == 0 ? 0.25 : 1)
                    }
                    counters.labels("/task-\(task % 4)").increment()
                }
            }
        }
        let total = Double(tasks * iterations)
        #expect(counters.labels("/shared").value == total * 1.5)
        #expect(gauge.value == 0)
        let snapshot = histograms.labels("/shared").snapshot()
        #expect(snapshot.count == UInt64(tasks * iterations))
        #expect(snapshot.cumulativeCounts == [UInt64(tasks * iterations / 2)])
        #expect(snapshot.sum == total / 2 * 1.25)
        #expect((0..<4).map { counters.labels("/task-\($0)").value } == [16, 16, 16, 16])
    }

    @Test func contentTypeIsTextFormatVersion004() {
        #expect(MetricsRegistry.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }

    @Test func registeringANameTwiceStops() async {
        await #expect(processExitsWith: .failure) {
            let registry = MetricsRegistry()
            _ = registry.counter("c_total", help: "C.")
            _ = registry.gauge("c_total", help: "C.")
        }
    }

    @Test func wrongNumberOfLabelValuesStops() async {
        await #expect(processExitsWith: .failure) {
            MetricsRegistry().counter("c_total", help: "C.", labels: ["a", "b"]).labels("only-one").increment()
        }
    }

    @Test func invalidNamesStop() async {
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().counter("1bad", help: "C.")
        }
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().counter("ok_total", help: "C.", labels: ["__reserved"])
        }
        await #expect(processExitsWith: .failure) {
            _ = MetricsRegistry().histogram("h", help: "H.", labels: ["le"])
        }
    }
}
