import Blueprint
import Foundation
import Testing

@Suite("Routing, model health and the example backend over the live server")
struct RoutingAPITests {
    /// `vllm/llama` (chat only) on a healthy provider `up`, `broken` on provider `down` whose health check fails,
    /// and the mock as the default provider.
    private static func router(allowed: [String] = []) -> ModelRouter {
        ModelRouter(
            providers: [
                ("up", HealthProbeBackend(model: "llama-3", healthy: true)),
                ("down", HealthProbeBackend(model: "broken", healthy: false)),
                ("mock", MockModel()),
            ],
            routes: [
                ModelRoute(modelID: "vllm/llama", provider: "up", target: "llama-3", endpoints: [.chat]),
                ModelRoute(modelID: "broken", provider: "down", target: "broken"),
            ],
            defaultProvider: "mock", allowedModels: allowed)
    }

    private static func chat(_ model: String, _ content: String, stream: Bool = false) -> String {
        jsonRequest(
            "/v1/chat/completions",
            #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"\#(content)"}]}"#)
    }

    @Test("GET /health/{model}: 200 when the provider answers, 503 when not, 404 for unknown models; no key needed")
    func modelHealth() async throws {
        try await withBlueprint(backend: Self.router()) { app in
            let port = app.server.port
            for path in ["/health/vllm/llama", "/health/vllm%2Fllama"] {
                let healthy = try await exchange(port, getRequest(path, key: nil))
                #expect(healthy.status == 200, "\(path)")
                #expect(try json(healthy) == ["status": "ok", "model": "vllm/llama", "provider": "up"])
            }
            let broken = try await exchange(port, getRequest("/health/broken", key: nil))
            #expect(broken.status == 503)
            #expect(try json(broken) == ["status": "unavailable", "model": "broken", "provider": "down"])
            let mock = try await exchange(port, getRequest("/health/gpt-4o-mini", key: nil))
            #expect(try json(mock) == ["status": "ok", "model": "gpt-4o-mini", "provider": "mock"])
            let unknown = try await exchange(port, getRequest("/health/nope", key: nil))
            #expect(unknown.status == 404)
            #expect(try json(unknown)["error"]?["code"]?.stringValue == "model_not_found")
            // The readiness route keeps its meaning.
            #expect(try json(try await exchange(port, getRequest("/health/ready", key: nil))) == ["status": "ready"])
        }
    }

    @Test("a backend that is not a router is reported as provider default")
    func bareBackendHealth() async throws {
        try await withBlueprint { app in
            let response = try await exchange(app.server.port, getRequest("/health/blueprint-echo", key: nil))
            #expect(try json(response) == ["status": "ok", "model": "blueprint-echo", "provider": "default"])
        }
    }

    @Test("requests go to the provider of the model and answer under the client's model id")
    func routing() async throws {
        try await withBlueprint(backend: Self.router()) { app in
            let port = app.server.port
            let answer = try json(try await exchange(port, Self.chat("vllm/llama", "hello")))
            #expect(answer["model"]?.stringValue == "vllm/llama")
            #expect(answer["choices"]?[0]?["message"]?["content"]?.stringValue == "olleh")
            let ids = try json(try await exchange(port, getRequest("/v1/models")))["data"]?.arrayValue?.compactMap {
                $0["id"]?.stringValue
            }
            #expect(ids?.prefix(3) == ["vllm/llama", "broken", "blueprint-mock"])
        }
    }

    @Test("a model used on an endpoint it does not serve is 400, streamed or not")
    func unsupportedEndpoint() async throws {
        try await withBlueprint(backend: Self.router()) { app in
            let port = app.server.port
            for request in [
                jsonRequest("/v1/embeddings", #"{"model":"vllm/llama","input":"x"}"#),
                jsonRequest("/v1/responses", #"{"model":"vllm/llama","input":"x"}"#),
                jsonRequest("/v1/completions", #"{"model":"vllm/llama","prompt":"x","stream":true}"#),
            ] {
                let response = try await exchange(port, request)
                #expect(response.status == 400)
                #expect(try json(response)["error"]?["code"]?.stringValue == "unsupported_model")
            }
        }
    }

    @Test("ALLOWED_MODELS hides other models from /v1/models, requests and health checks with 404")
    func allowList() async throws {
        try await withBlueprint(backend: Self.router(allowed: ["vllm/llama", "gpt-4o-mini"])) { app in
            let port = app.server.port
            let ids = try json(try await exchange(port, getRequest("/v1/models")))["data"]?.arrayValue?.compactMap {
                $0["id"]?.stringValue
            }
            #expect(ids == ["vllm/llama", "gpt-4o-mini"])
            let refused = try await exchange(port, Self.chat("gpt-4o", "hi"))
            #expect(refused.status == 404)
            #expect(try json(refused)["error"]?["code"]?.stringValue == "model_not_found")
            #expect(try await exchange(port, getRequest("/v1/models/gpt-4o")).status == 404)
            #expect(try await exchange(port, getRequest("/health/gpt-4o", key: nil)).status == 404)
            #expect(try await exchange(port, Self.chat("gpt-4o-mini", "hi")).status == 200)
        }
    }

    @Test("the example backend answers over the live server, plain and streamed")
    func exampleBackend() async throws {
        try await withBlueprint(backend: ReverseBackend()) { app in
            let port = app.server.port
            let answer = try json(try await exchange(port, Self.chat("reverse", "Hello, world")))
            #expect(answer["choices"]?[0]?["message"]?["content"]?.stringValue == "dlrow ,olleH")
            #expect(answer["choices"]?[0]?["finish_reason"]?.stringValue == "stop")
            let events = sseData(try await exchange(port, Self.chat("reverse", "abc", stream: true)))
            #expect(events.last == "[DONE]")
            let text = try events.dropLast().compactMap {
                try JSONParser.parse($0)["choices"]?[0]?["delta"]?["content"]?.stringValue
            }.joined()
            #expect(text == "cba")
            let embedding = try await exchange(port, jsonRequest("/v1/embeddings", #"{"model":"reverse","input":"x"}"#))
            #expect(embedding.status == 400)
        }
    }

    @Test("the example backend behind routing: one registered provider type and a configuration file")
    func exampleBackendBehindRouting() async throws {
        var factory = BackendFactory()
        factory.register("reverse") { _, _ in ReverseBackend() }
        let file = #"""
            {"providers": [{"name": "example", "type": "reverse", "model_prefix": "ex/",
                            "models": [{"id": "backwards", "target": "reverse", "endpoints": ["chat"]}]},
                           {"name": "mock", "type": "mock"}],
             "default_provider": "mock"}
            """#
        let loaded = try Settings.load(
            environment: ["ENVIRONMENT": "test", "ROUTING_CONFIG": "routing.json"], dotEnvText: nil, versionJSON: nil,
            readFile: { _ in Array(file.utf8) }, providerTypes: factory.typeNames
        ).get()
        var settings = testSettings()
        settings.routing = loaded.settings.routing
        try await withBlueprint(settings: settings, backend: try factory.makeRouter(settings: settings)) { app in
            let answer = try json(try await exchange(app.server.port, Self.chat("ex/backwards", "stressed")))
            #expect(answer["model"]?.stringValue == "ex/backwards")
            #expect(answer["choices"]?[0]?["message"]?["content"]?.stringValue == "desserts")
            let health = try await exchange(app.server.port, getRequest("/health/ex/backwards", key: nil))
            #expect(try json(health) == ["status": "ok", "model": "ex/backwards", "provider": "example"])
        }
    }

    @Test("BlueprintServer refuses to start with a broken ROUTING_CONFIG and lists its problems with the others")
    func startupRefusal() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "blueprint-routing-\(UUID().uuidString).json"
        ).path
        let config = #"""
            {"providers": [{"name": "local", "type": "mock"},
                           {"name": "vllm", "type": "mock", "base_url": "ftp://vllm:8000",
                            "api_key_env": "NOT_SET_ANYWHERE"}],
             "default_provider": "elsewhere"}
            """#
        try Data(config.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let child = try ChildProcess(
            [ChildProcess.serverExecutable],
            environment: [
                "ENVIRONMENT": "production", "HOST": "127.0.0.1", "PORT": "0", "LOG_LEVEL": "error",
                "RATE_LIMIT_PER_MINUTE": "0", "API_AUTH_TOKENS": "sk-strong-token-0001", "ROUTING_CONFIG": path,
                "BLUEPRINT_VERSION_FILE": "/nonexistent/Version.json",
            ])
        #expect(child.waitForExit() == ServerCommand.configurationError)
        let output = child.lines.joined(separator: "\n")
        #expect(output.contains("the configuration has 4 problem(s)"), "\(output)")
        for problem in [
            #"providers[1].base_url: expected an http(s) URL such as http://127.0.0.1:8001/v1 (no user:password@), "#
                + #"got "ftp://vllm:8000""#,
            #"default_provider: expected the name of one of the providers, got "elsewhere""#,
            "providers[1].api_key_env: the environment variable NOT_SET_ANYWHERE is not set",
        ] {
            #expect(output.contains("- ROUTING_CONFIG: ROUTING_CONFIG (\(path)) \(problem)"), "\(output)")
        }
        #expect(output.contains("- Version.json: Version.json could not be read"), "\(output)")
    }
}
