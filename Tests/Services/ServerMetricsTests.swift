import Blueprint
import Testing

@Suite struct ServerMetricsTests {
    private func makeMetrics() -> ServerMetrics {
        ServerMetrics(name: "blueprint", version: "0.1.0", processStartTimeSeconds: 1_763_735_160.5)
    }

    private func lines(_ metrics: ServerMetrics) -> [String] {
        String(decoding: metrics.render(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func freshMetricsExposeStaticSeriesAndHeaders() {
        let rendered = lines(makeMetrics())
        for expected in [
            #"blueprint_build_info{name="blueprint",version="0.1.0"} 1"#,
            "blueprint_process_start_time_seconds 1763735160.5",
            "blueprint_open_connections 0",
            "blueprint_active_streams 0",
            "blueprint_unauthenticated_requests_total 0",
            #"blueprint_rate_limited_requests_total{kind="requests"} 0"#,
            #"blueprint_rate_limited_requests_total{kind="tokens"} 0"#,
            "# TYPE blueprint_http_requests_total counter",
            "# TYPE blueprint_http_request_duration_seconds histogram",
            "# TYPE blueprint_stream_time_to_first_token_seconds histogram",
            "# TYPE blueprint_tokens_total counter",
            "# TYPE blueprint_build_info gauge",
        ] {
            #expect(rendered.contains(expected), "missing \(expected)")
        }
        #expect(rendered.filter { $0.hasPrefix("# TYPE ") }.count == 10)
    }

    @Test func recordsRequestsWithNormalizedMethod() {
        let metrics = makeMetrics()
        metrics.recordRequest(route: "/v1/models", method: "GET", status: 200, durationSeconds: 0.002)
        metrics.recordRequest(route: "/v1/models", method: "GET", status: 200, durationSeconds: 0.2)
        metrics.recordRequest(route: "unmatched", method: "BREW", status: 405, durationSeconds: 0.001)
        let rendered = lines(metrics)
        #expect(rendered.contains(#"blueprint_http_requests_total{route="/v1/models",method="GET",status="200"} 2"#))
        #expect(rendered.contains(#"blueprint_http_requests_total{route="unmatched",method="OTHER",status="405"} 1"#))
        #expect(rendered.contains(#"blueprint_http_request_duration_seconds_bucket{route="/v1/models",le="0.005"} 1"#))
        #expect(rendered.contains(#"blueprint_http_request_duration_seconds_bucket{route="/v1/models",le="+Inf"} 2"#))
        #expect(rendered.contains(#"blueprint_http_request_duration_seconds_count{route="/v1/models"} 2"#))
        #expect(rendered.contains(#"blueprint_http_request_duration_seconds_bucket{route="/v1/models",le="300"} 2"#))
    }

    @Test func recordsStreamsTokensAndRejections() {
        let metrics = makeMetrics()
        metrics.setOpenConnections(1)
        metrics.streamStarted()
        metrics.recordTimeToFirstToken(model: "mock-1", seconds: 0.03)
        metrics.recordTokens(model: "mock-1", prompt: 12, completion: 30)
        metrics.recordTokens(model: "mock-1", prompt: 3, completion: 0)
        metrics.recordRateLimited(.tokens)
        metrics.recordUnauthenticated()
        metrics.recordUnauthenticated()
        let rendered = lines(metrics)
        for expected in [
            "blueprint_open_connections 1",
            "blueprint_active_streams 1",
            #"blueprint_stream_time_to_first_token_seconds_bucket{model="mock-1",le="0.025"} 0"#,
            #"blueprint_stream_time_to_first_token_seconds_bucket{model="mock-1",le="0.05"} 1"#,
            #"blueprint_stream_time_to_first_token_seconds_sum{model="mock-1"} 0.03"#,
            #"blueprint_tokens_total{model="mock-1",kind="completion"} 30"#,
            #"blueprint_tokens_total{model="mock-1",kind="prompt"} 15"#,
            #"blueprint_rate_limited_requests_total{kind="requests"} 0"#,
            #"blueprint_rate_limited_requests_total{kind="tokens"} 1"#,
            "blueprint_unauthenticated_requests_total 2",
        ] {
            #expect(rendered.contains(expected), "missing \(expected)")
        }
        metrics.streamEnded()
        #expect(lines(metrics).contains("blueprint_active_streams 0"))
    }

    @Test func otherComponentsCanRegisterInTheSameRegistry() {
        let metrics = makeMetrics()
        metrics.registry.gauge("blueprint_extra", help: "Extra.").labels().set(7)
        #expect(lines(metrics).contains("blueprint_extra 7"))
    }
}
