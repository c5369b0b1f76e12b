import Blueprint
import BlueprintUpstream
import Testing

@Suite("The shipped provider factory: routing config to real upstream backends")
struct ProviderFactoryTests {
    /// Loads `routing` as `ROUTING_CONFIG` with `variables` in the environment, into test settings that accept the
    /// keys `test_key` and `team-key-0001`.
    private static func settings(
        _ routing: String, variables: [String: String], factory: BackendFactory
    ) throws -> Settings {
        let loaded = try Settings.load(
            environment: variables.merging(["ENVIRONMENT": "test", "ROUTING_CONFIG": "routing.json"]) { $1 },
            dotEnvText: nil, versionJSON: nil, readFile: { _ in Array(routing.utf8) },
            providerTypes: factory.typeNames
        ).get()
        var settings = testSettings()
        settings.apiAuthTokens = ["test_key", "team-key-0001"]
        settings.routing = loaded.settings.routing
        settings.upstreamKeys = loaded.settings.upstreamKeys
        return settings
    }

    private static func chat(_ model: String, key: String = "test_key") -> String {
        jsonRequest(
            "/v1/chat/completions", #"{"model":"\#(model)","messages":[{"role":"user","content":"hi"}]}"#, key: key)
    }

    @Test("the shipped types are registered")
    func types() {
        #expect(ProviderFactory.standard().typeNames == ["mock", "openai-compatible", "anthropic"])
        #expect(ProviderFactory.standard().fetcher != nil)
    }

    @Test("an openai-compatible provider gets the target, the provider key or the client's mapped key, and health")
    func openAICompatible() async throws {
        let upstream = RoutedUpstream()
        try await withLiveServer(responder: upstream.responder) { server in
            let factory = ProviderFactory.standard()
            let routing = #"""
                {"providers": [{"name": "local", "type": "openai-compatible",
                                "base_url": "http://127.0.0.1:\#(server.port)/v1", "api_key_env": "LOCAL_KEY",
                                "model_prefix": "up/", "key_map": {"team-key-0001": "TEAM_KEY"},
                                "models": [{"id": "small", "target": "upstream-small", "endpoints": ["chat"]}],
                                "retries": {"max_attempts": 1}},
                               {"name": "mock", "type": "mock"}],
                 "default_provider": "mock"}
                """#
            let settings = try Self.settings(
                routing, variables: ["LOCAL_KEY": "sk-shared", "TEAM_KEY": "sk-team"], factory: factory)
            try await withBlueprint(settings: settings, backend: try factory.makeRouter(settings: settings)) { app in
                let port = app.server.port
                let shared = try json(try await exchange(port, Self.chat("up/small")))
                #expect(shared["model"]?.stringValue == "up/small")
                #expect(
                    shared["choices"]?[0]?["message"]?["content"]?.stringValue
                        == "upstream-small with Bearer sk-shared")
                let team = try json(try await exchange(port, Self.chat("up/small", key: "team-key-0001")))
                #expect(
                    team["choices"]?[0]?["message"]?["content"]?.stringValue == "upstream-small with Bearer sk-team")

                let healthy = try await exchange(port, getRequest("/health/up/small", key: nil))
                #expect(try json(healthy) == ["status": "ok", "model": "up/small", "provider": "local"])
                upstream.setHealthy(false)
                let down = try await exchange(port, getRequest("/health/up/small", key: nil))
                #expect(down.status == 503)
                #expect(try json(down) == ["status": "unavailable", "model": "up/small", "provider": "local"])
            }
        }
    }

    @Test("the model list is fetched over HTTP; a failed refresh keeps the last good list")
    func modelListOverHTTP() async throws {
        let upstream = RoutedUpstream()
        try await withLiveServer(responder: upstream.responder) { server in
            let factory = ProviderFactory.standard()
            let routing = #"""
                {"providers": [{"name": "local", "type": "openai-compatible",
                                "base_url": "http://127.0.0.1:\#(server.port)/v1", "model_prefix": "up/",
                                "retries": {"max_attempts": 1}}]}
                """#
            let settings = try Self.settings(routing, variables: [:], factory: factory)
            let router = try factory.makeRouter(settings: settings)
            let fetcher = try #require(factory.fetcher)
            let fetch = fetcher("http://127.0.0.1:\(server.port)/models.json")
            let refresher = ModelListRefresher(
                router: router, config: settings.routing, interval: .seconds(60), fetch: fetch,
                sleep: { _ in throw CancellationError() },
                logger: Logger(minimumLevel: .critical, sink: MemoryLogSink()))
            upstream.setModelList(#"{"models": [{"id": "listed", "provider": "local", "target": "upstream-small"}]}"#)
            #expect(await refresher.refresh())
            upstream.setModelList(#"{"models": [{"id": "other", "provider": "nowhere"}]}"#)
            #expect(await refresher.refresh() == false)
            try await withBlueprint(settings: settings, backend: router) { app in
                let answer = try json(try await exchange(app.server.port, Self.chat("up/listed")))
                #expect(answer["model"]?.stringValue == "up/listed")
                #expect(answer["choices"]?[0]?["message"]?["content"]?.stringValue == "upstream-small with none")
            }
            let missing = fetcher("http://127.0.0.1:\(server.port)/nothing-here")
            await #expect(throws: ProviderFactory.FetchError.self) { try await missing() }
        }
    }

    @Test("an anthropic provider serves the targets of its models")
    func anthropicConfiguration() throws {
        let provider = ProviderConfig(
            name: "claude", type: "anthropic", baseURL: "http://127.0.0.1:9/v1",
            models: [RoutedModel(id: "sonnet", target: "claude-sonnet-4-5")], requestTimeout: .seconds(42),
            keyMap: ["team-key-0001": "TEAM_KEY"])
        let backend = try ProviderFactory.standard().makeBackend(
            for: provider, variables: ["TEAM_KEY": "sk-team"])
        let configuration = try #require(backend as? AnthropicBackend).configuration
        #expect(configuration.models == ["claude-sonnet-4-5"])
        #expect(configuration.baseURL == "http://127.0.0.1:9/v1")
        #expect(configuration.timeout == .seconds(42))
        #expect(configuration.apiKey == "")
        #expect(configuration.upstreamKey?("team-key-0001") == "sk-team")
        #expect(configuration.upstreamKey?("test_key") == nil)
    }
}
