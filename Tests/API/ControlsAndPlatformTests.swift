import Blueprint
import Foundation
import Testing

@Suite("Mock controls, auth, rate limits, CORS, request ids and operations routes")
struct ControlsAndPlatformTests {
    static let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Tell me a story"}]}"#
    static let streamChat =
        #"{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Tell me a story"}]}"#

    @Test("x-mock-error answers with that status in the OpenAI envelope", arguments: MockControls.errorStatuses)
    func forcedErrors(status: Int) async throws {
        try await withBlueprint { app in
            for body in [Self.chat, Self.streamChat] {
                let response = try await exchange(
                    app.server.port,
                    jsonRequest("/v1/chat/completions", body, headers: ["x-mock-error": String(status)]))
                #expect(response.status == status)
                #expect(response.header("content-type") == "application/json")
                let error = try #require(try json(response)["error"]?.objectValue)
                #expect(Set(error.keys) == ["message", "type", "param", "code"])
                if status == 429 {
                    #expect(response.header("retry-after") == "1")
                    #expect(response.header("retry-after-ms") == "1000")
                }
            }
        }
    }

    @Test("an invalid control value is a 400 naming the header")
    func invalidControl() async throws {
        try await withBlueprint { app in
            for (name, value) in [("x-mock-ttft-ms", "soon"), ("x-mock-error", "418"), ("x-mock-itl-ms", "-1")] {
                let response = try await exchange(
                    app.server.port, jsonRequest("/v1/chat/completions", Self.chat, headers: [name: value]))
                #expect(response.status == 400)
                #expect(try json(response)["error"]?["param"]?.stringValue == name)
            }
        }
    }

    @Test("x-mock-truncate-after ends the stream cleanly without [DONE]")
    func truncate() async throws {
        try await withBlueprint { app in
            let response = try await exchange(
                app.server.port,
                jsonRequest("/v1/chat/completions", Self.streamChat, headers: ["x-mock-truncate-after": "3"]))
            #expect(response.status == 200)
            let events = sseData(response)
            #expect(events.count == 3)
            #expect(!events.contains("[DONE]"))
        }
    }

    @Test("x-mock-disconnect-after drops the connection mid-stream")
    func disconnect() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let raw = try await blocking { () -> [UInt8] in
                let client = try RawHTTPClient(port: port)
                try client.send(
                    jsonRequest("/v1/chat/completions", Self.streamChat, headers: ["x-mock-disconnect-after": "2"]))
                return try client.readToEnd()
            }
            let text = String(decoding: raw, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK"))
            #expect(text.components(separatedBy: "data: ").count - 1 == 2)
            #expect(!text.hasSuffix("0\r\n\r\n"))
        }
    }

    @Test("x-mock latency headers delay the stream (the mock receives them)")
    func latencyHeaders() async throws {
        try await withBlueprint { app in
            let started = ContinuousClock.now
            let response = try await exchange(
                app.server.port,
                jsonRequest(
                    "/v1/chat/completions", Self.streamChat, headers: ["x-mock-ttft-ms": "150", "x-mock-itl-ms": "1"]))
            #expect(response.status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(150))
        }
    }

    @Test("auth: missing and wrong keys get 401 with WWW-Authenticate; health stays public")
    func auth() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let missing = try await exchange(port, getRequest("/v1/models", key: nil))
            #expect(missing.status == 401)
            #expect(missing.header("www-authenticate")?.hasPrefix("Bearer") == true)
            #expect(try json(missing)["error"]?["code"]?.isNull == true)
            #expect(try json(missing)["error"]?["message"]?.stringValue?.contains("didn't provide an API key") == true)
            let wrong = try await exchange(port, getRequest("/v1/models", key: "wrong-key-123456"))
            #expect(wrong.status == 401)
            #expect(try json(wrong)["error"]?["code"]?.stringValue == "invalid_api_key")
            #expect(try !json(wrong)["error"]!["message"]!.stringValue!.contains("wrong-key-123456"))
            let lowerScheme = try await exchange(
                port, getRequest("/v1/models", key: nil, headers: ["authorization": "bearer test_key"]))
            #expect(lowerScheme.status == 200)
            #expect(try await exchange(port, getRequest("/health", key: nil)).status == 200)
        }
    }

    @Test("a 401 leaves no body bytes behind: the next request on the connection works")
    func unauthorizedThenValidOnSameConnection() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            try await blocking {
                let client = try RawHTTPClient(port: port)
                try client.send(jsonRequest("/v1/chat/completions", Self.chat, key: "bad-key-000000000"))
                #expect(try client.readResponse().status == 401)
                try client.send(jsonRequest("/v1/chat/completions", Self.chat))
                let second = try client.readResponse()
                #expect(second.status == 200)
                #expect(second.text.contains("chat.completion"))
            }
        }
    }

    @Test("rate limits: headers on every /v1 response, 429 with retry headers, keys independent, refill by clock")
    func rateLimits() async throws {
        let clock = ManualClock()
        try await withBlueprint(
            settings: testSettings {
                $0.rateLimitPerMinute = 2; $0.apiAuthTokens = ["test_key", "other_key"]
            }, rateLimitClock: clock
        ) { app in
            let port = app.server.port
            let first = try await exchange(port, getRequest("/v1/models"))
            #expect(first.header("x-ratelimit-limit-requests") == "2")
            #expect(first.header("x-ratelimit-remaining-requests") == "1")
            #expect(first.header("x-ratelimit-reset-requests") != nil)
            _ = try await exchange(port, getRequest("/v1/models"))
            let limited = try await exchange(port, getRequest("/v1/models"))
            #expect(limited.status == 429)
            let error = try json(limited)["error"]
            #expect(error?["code"]?.stringValue == "rate_limit_exceeded")
            #expect(error?["type"]?.stringValue == "requests")
            #expect(Int(limited.header("retry-after") ?? "") ?? 0 >= 1)
            #expect(Int(limited.header("retry-after-ms") ?? "") ?? 0 > 0)
            #expect(try await exchange(port, getRequest("/v1/models", key: "other_key")).status == 200)
            clock.advance(by: .seconds(30))
            #expect(try await exchange(port, getRequest("/v1/models")).status == 200)
            #expect(
                try await exchange(port, getRequest("/health", key: nil)).header("x-ratelimit-limit-requests") == nil)
        }
    }

    @Test("CORS: preflight without auth, allowed origin echoed, others get nothing")
    func cors() async throws {
        try await withBlueprint(settings: testSettings { $0.corsOrigins = .only(["https://app.example"]) }) { app in
            let port = app.server.port
            let preflight = try await exchange(
                port,
                "OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: t\r\norigin: https://app.example\r\n"
                    + "access-control-request-method: POST\r\naccess-control-request-headers: authorization\r\n\r\n")
            #expect(preflight.status == 204)
            #expect(preflight.header("access-control-allow-origin") == "https://app.example")
            #expect(preflight.header("access-control-allow-headers")?.contains("authorization") == true)
            #expect(preflight.header("access-control-max-age") != nil)
            let simple = try await exchange(port, getRequest("/v1/models", headers: ["origin": "https://app.example"]))
            #expect(simple.header("access-control-allow-origin") == "https://app.example")
            #expect(simple.header("vary")?.contains("Origin") == true)
            let other = try await exchange(port, getRequest("/v1/models", headers: ["origin": "https://evil.example"]))
            #expect(other.header("access-control-allow-origin") == nil)
            #expect(other.header("vary")?.contains("Origin") == true)
        }
    }

    @Test("CORS: error responses carry the headers too, so a browser client can read the error")
    func corsOnErrors() async throws {
        try await withBlueprint(settings: testSettings { $0.corsOrigins = .only(["https://app.example"]) }) { app in
            let port = app.server.port
            let origin = ["origin": "https://app.example"]
            let unauthorized = try await exchange(port, getRequest("/v1/models", key: nil, headers: origin))
            #expect(unauthorized.status == 401)
            #expect(unauthorized.header("access-control-allow-origin") == "https://app.example")
            #expect(unauthorized.header("access-control-expose-headers")?.contains("x-request-id") == true)
            let unknownModel = try await exchange(port, getRequest("/v1/models/no-such-model", headers: origin))
            #expect(unknownModel.status == 404)
            #expect(unknownModel.header("access-control-allow-origin") == "https://app.example")
            let unknownRoute = try await exchange(port, getRequest("/v1/nothing-here", headers: origin))
            #expect(unknownRoute.status == 404)
            #expect(unknownRoute.header("access-control-allow-origin") == "https://app.example")
            let otherOrigin = try await exchange(
                port, getRequest("/v1/models", key: nil, headers: ["origin": "https://evil.example"]))
            #expect(otherOrigin.status == 401)
            #expect(otherOrigin.header("access-control-allow-origin") == nil)
        }
    }

    @Test("request ids: a sane inbound id is kept, otherwise req_ is made; on errors and streams too")
    func requestIDs() async throws {
        try await withBlueprint(environment: APIEnvironment()) { app in
            let port = app.server.port
            let kept = try await exchange(port, getRequest("/v1/models", headers: ["x-request-id": "trace-abc.123"]))
            #expect(kept.header("x-request-id") == "trace-abc.123")
            let replaced = try await exchange(
                port, getRequest("/v1/models", headers: ["x-request-id": "bad id <script>"]))
            #expect(replaced.header("x-request-id")?.hasPrefix("req_") == true)
            let malformed = try await exchange(port, "GET /v1/models HTTP/1.1\r\nHost: t\r\nbad header\r\n\r\n")
            #expect(malformed.status == 400)
            #expect(malformed.header("x-request-id")?.hasPrefix("req_") == true)
            #expect(try json(malformed)["error"]?["type"]?.stringValue == "invalid_request_error")
            let error = try await exchange(port, getRequest("/v1/nothing"))
            #expect(error.status == 404)
            #expect(error.header("x-request-id")?.count == 36)
            #expect(try json(error)["error"]?["message"]?.stringValue == "Invalid URL (GET /v1/nothing)")
            let stream = try await exchange(port, jsonRequest("/v1/chat/completions", Self.streamChat))
            #expect(stream.header("x-request-id")?.hasPrefix("req_") == true)
            #expect(stream.header("openai-processing-ms") != nil)
        }
    }

    @Test("access log: one JSON line per request with method, path, status, duration, model, stream and tokens")
    func accessLog() async throws {
        let sink = MemoryLogSink()
        try await withBlueprint(logger: Logger(minimumLevel: .info, sink: sink)) { app in
            let port = app.server.port
            let plain = try await exchange(port, jsonRequest("/v1/chat/completions", Self.chat))
            let usage = try json(plain)["usage"]
            let stream = try await exchange(port, jsonRequest("/v1/chat/completions", Self.streamChat))
            #expect(stream.status == 200)
            let refused = try await exchange(port, getRequest("/v1/models", key: "wrong"))
            #expect(refused.status == 401)
            let lines = try sink.lines.map { try JSONParser.parse(Array($0.utf8)) }
                .filter { $0["msg"]?.stringValue == "request" }
            try #require(lines.count == 3)
            let (first, second, third) = (lines[0], lines[1], lines[2])
            #expect(first["method"]?.stringValue == "POST")
            #expect(first["path"]?.stringValue == "/v1/chat/completions")
            #expect(first["status"]?.intValue == 200)
            #expect(first["duration_ms"]?.doubleValue != nil)
            #expect(first["request_id"]?.stringValue == plain.header("x-request-id"))
            #expect(first["model"]?.stringValue == "gpt-4o-mini")
            #expect(first["stream"]?.boolValue == false)
            #expect(first["prompt_tokens"]?.intValue == usage?["prompt_tokens"]?.intValue)
            #expect(first["completion_tokens"]?.intValue == usage?["completion_tokens"]?.intValue)
            #expect(second["stream"]?.boolValue == true)
            #expect((second["completion_tokens"]?.intValue ?? 0) > 0)
            #expect(third["status"]?.intValue == 401)
            #expect(third["model"] == nil)
            // No key or message content is logged at info.
            let everything = sink.lines.joined(separator: "\n")
            #expect(!everything.contains("test_key"))
            #expect(!everything.contains("Tell me a story"))
        }
    }

    @Test("health, readiness and metrics")
    func operations() async throws {
        try await withBlueprint { app in
            let port = app.server.port
            let health = try json(try await exchange(port, getRequest("/health", key: nil)))
            #expect(health["status"]?.stringValue == "ok")
            #expect(health["version"]?.stringValue == app.settings.version.version)
            #expect(try await exchange(port, getRequest("/health/ready", key: nil)).status == 200)
            _ = try await exchange(port, jsonRequest("/v1/chat/completions", Self.streamChat))
            let metrics = try await exchange(port, getRequest("/metrics", key: nil))
            #expect(metrics.header("content-type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(
                metrics.text.contains(
                    #"blueprint_http_requests_total{route="/v1/chat/completions",method="POST",status="200"} 1"#))
            #expect(
                metrics.text.contains("blueprint_stream_time_to_first_token_seconds_count{model=\"gpt-4o-mini\"} 1"))
            #expect(metrics.text.contains("blueprint_open_connections "))
            // A stream held open by a slow first token shows in the active-streams gauge, and leaves it when done.
            async let slow = exchange(
                port, jsonRequest("/v1/chat/completions", Self.streamChat, headers: ["x-mock-ttft-ms": "400"]))
            var during = ""
            for _ in 0..<100 where !during.contains("blueprint_active_streams 1") {
                during = try await exchange(port, getRequest("/metrics", key: nil)).text
            }
            #expect(during.contains("blueprint_active_streams 1"))
            #expect(try await slow.status == 200)
            let after = try await exchange(port, getRequest("/metrics", key: nil)).text
            #expect(after.contains("blueprint_active_streams 0"))
            app.readiness.set(.draining)
            #expect(try await exchange(port, getRequest("/health/ready", key: nil)).status == 503)
        }
    }
}
