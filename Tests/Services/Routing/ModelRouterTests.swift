import Blueprint
import Testing

/// Collects streamed events.
private final class EventCollector: GenerationSink {
    private let events = Locked<[GenerationEvent]>([])

    var recorded: [GenerationEvent] { events.withLock { $0 } }

    func send(_ event: GenerationEvent) async throws {
        events.withLock { $0.append(event) }
    }
}

@Suite struct ModelRouterTests {
    /// Two routed providers and a default one:
    /// - `vllm` (prefix `vllm/`): `llama` → `meta/llama-3` for chat and completions, `missing` → `gone`;
    /// - `embedder`: `bge` → `BAAI/bge` for embeddings only;
    /// - `fallback` (default): serves `fallback-1` and `vllm/llama` (hidden by the route) under their own names.
    private static let config = RoutingConfig(
        providers: [
            ProviderConfig(
                name: "vllm", type: "probe", modelPrefix: "vllm/",
                models: [
                    RoutedModel(id: "llama", target: "meta/llama-3", endpoints: [.chat, .completions]),
                    RoutedModel(id: "missing", target: "gone"),
                ]),
            ProviderConfig(
                name: "embedder", type: "probe",
                models: [RoutedModel(id: "bge", target: "BAAI/bge", endpoints: [.embeddings])]),
            ProviderConfig(name: "fallback", type: "probe"),
        ],
        defaultProvider: "fallback")

    private static let probes = [
        "vllm": ProbeBackend(provider: "vllm", modelIDs: ["meta/llama-3"]),
        "embedder": ProbeBackend(provider: "embedder", modelIDs: ["BAAI/bge"]),
        "fallback": ProbeBackend(provider: "fallback", modelIDs: ["fallback-1", "vllm/llama"], healthy: false),
    ]

    private static func router(
        _ config: RoutingConfig = config, allowed: [String] = [], probes: [String: ProbeBackend] = probes
    ) -> ModelRouter {
        ModelRouter(config: config, allowedModels: allowed, created: 42) { probes[$0.name]! }
    }

    private static func chat(_ model: String, endpoint: ModelEndpoint = .chat, key: String? = nil)
        -> GenerationRequest
    {
        GenerationRequest(
            model: model, input: .messages([ChatMessage(role: .user, content: "hi")]),
            caller: Caller(apiKey: key), endpoint: endpoint)
    }

    private static func text(_ generation: Generation) -> String? {
        generation.choices.first?.text
    }

    @Test func routesPrefixedIDsToTheProviderWithTheTarget() async throws {
        let router = Self.router()
        let generation = try await router.generate(Self.chat("vllm/llama"))
        #expect(Self.text(generation) == "vllm:meta/llama-3:none")
        // The answer names the model as the client did, as streams do.
        #expect(generation.model == "vllm/llama")
        let completion = try await router.generate(Self.chat("vllm/llama", endpoint: .completions))
        #expect(Self.text(completion) == "vllm:meta/llama-3:none")
        let embeddings = try await router.embed(EmbeddingRequest(model: "bge", inputs: [.text("x")]))
        #expect(embeddings.model == "bge")
        #expect(Self.probes["embedder"]!.received.withLock { $0 }.last == "BAAI/bge")
    }

    @Test func modelsWithoutARouteGoUnchangedToTheDefaultProvider() async throws {
        let generation = try await Self.router().generate(Self.chat("fallback-1"))
        #expect(Self.text(generation) == "fallback:fallback-1:none")
        // The id without its prefix is not the routed model: it goes to the default provider, which does not know it.
        await #expect(throws: ServiceError.modelNotFound("llama")) {
            try await Self.router().generate(Self.chat("llama"))
        }
    }

    @Test func unknownModelsWithoutADefaultProviderAreNotFound() async throws {
        var config = Self.config
        config.defaultProvider = nil
        let router = Self.router(config)
        await #expect(throws: ServiceError.modelNotFound("fallback-1")) {
            try await router.generate(Self.chat("fallback-1"))
        }
        await #expect(throws: ServiceError.modelNotFound("nope")) {
            try await router.embed(EmbeddingRequest(model: "nope", inputs: [.text("x")]))
        }
        #expect(try await router.models().map(\.id) == ["vllm/llama", "vllm/missing", "bge"])
    }

    @Test func endpointsAModelDoesNotServeAreRefused() async throws {
        let router = Self.router()
        await #expect(throws: ServiceError.unsupportedEndpoint(model: "vllm/llama", endpoint: "v1/responses")) {
            try await router.generate(Self.chat("vllm/llama", endpoint: .responses))
        }
        await #expect(throws: ServiceError.unsupportedEndpoint(model: "vllm/llama", endpoint: "v1/embeddings")) {
            try await router.embed(EmbeddingRequest(model: "vllm/llama", inputs: [.text("x")]))
        }
        await #expect(throws: ServiceError.unsupportedEndpoint(model: "bge", endpoint: "v1/chat/completions")) {
            try await router.stream(Self.chat("bge"), into: EventCollector())
        }
    }

    @Test func providerErrorsNameTheModelAsTheClientDid() async throws {
        await #expect(throws: ServiceError.modelNotFound("vllm/missing")) {
            try await Self.router().generate(Self.chat("vllm/missing"))
        }
    }

    @Test func modelsAreTheUnionInConfigurationOrder() async throws {
        let models = try await Self.router().models()
        #expect(models.map(\.id) == ["vllm/llama", "vllm/missing", "bge", "fallback-1"])
        #expect(
            models[0] == ModelDescriptor(id: "vllm/llama", created: 42, ownedBy: "vllm", kind: .text))
        #expect(models[2].kind == .embedding)
        // The default provider's own descriptors pass through.
        #expect(models[3] == ModelDescriptor(id: "fallback-1", created: 1, ownedBy: "fallback", kind: .text))
    }

    @Test func theAllowListHidesAndRefusesEveryOtherModel() async throws {
        let router = Self.router(allowed: ["vllm/llama", "fallback-1", "not-served"])
        #expect(try await router.models().map(\.id) == ["vllm/llama", "fallback-1"])
        #expect(Self.text(try await router.generate(Self.chat("vllm/llama"))) == "vllm:meta/llama-3:none")
        await #expect(throws: ServiceError.modelNotFound("bge")) {
            try await router.embed(EmbeddingRequest(model: "bge", inputs: [.text("x")]))
        }
        await #expect(throws: ServiceError.modelNotFound("vllm/missing")) {
            try await router.generate(Self.chat("vllm/missing"))
        }
        #expect(await router.healthReport(for: "bge") == nil)
        #expect(await router.health(model: "bge") == false)
    }

    @Test func streamsGoThroughTheRouteAndDefaultToTheGeneratedAnswer() async throws {
        let sink = EventCollector()
        try await Self.router().stream(Self.chat("vllm/llama"), into: sink)
        #expect(
            sink.recorded == [
                .text(choice: 0, "vllm:meta/llama-3:none", logprob: nil), .finish(choice: 0, .stop),
                .usage(TokenUsage(promptTokens: 1, completionTokens: 1)),
            ])
    }

    @Test func healthAsksTheProviderServingTheModel() async throws {
        let router = Self.router()
        #expect(await router.healthReport(for: "vllm/llama")! == ("vllm", true))
        // The route's target is checked: the vllm probe does not serve `gone`.
        #expect(await router.healthReport(for: "vllm/missing")! == ("vllm", false))
        #expect(await router.healthReport(for: "fallback-1")! == ("fallback", false))
        #expect(await router.healthReport(for: "nope") == nil)
    }

    @Test func listedRoutesAddModelsButNeverReplaceConfiguredOnes() async throws {
        let router = Self.router()
        router.replaceListedRoutes([
            ModelRoute(modelID: "vllm/qwen", provider: "vllm", target: "meta/llama-3", endpoints: [.chat]),
            ModelRoute(modelID: "vllm/llama", provider: "embedder", target: "BAAI/bge"),
            ModelRoute(modelID: "elsewhere", provider: "unknown", target: "x"),
        ])
        #expect(router.listedRoutes.map(\.modelID) == ["vllm/qwen"])
        #expect(Self.text(try await router.generate(Self.chat("vllm/qwen"))) == "vllm:meta/llama-3:none")
        #expect(Self.text(try await router.generate(Self.chat("vllm/llama"))) == "vllm:meta/llama-3:none")
        #expect(
            try await router.models().map(\.id) == ["vllm/llama", "vllm/missing", "bge", "vllm/qwen", "fallback-1"])
        router.replaceListedRoutes([])
        await #expect(throws: ServiceError.modelNotFound("vllm/qwen")) {
            try await router.generate(Self.chat("vllm/qwen"))
        }
    }

    @Test func theFactoryResolvesKeyMappingsPerClient() async throws {
        var factory = BackendFactory()
        factory.register("probe") { provider, credentials in
            ProbeBackend(provider: provider.name, modelIDs: provider.models.map(\.target), credentials: credentials)
        }
        var settings = Settings(profile: .test)
        settings.routing = RoutingConfig(providers: [
            ProviderConfig(
                name: "upstream", type: "probe", apiKeyEnv: "UPSTREAM_KEY", models: [RoutedModel(id: "m")],
                keyMap: ["client-key-1": "CLIENT_ONE_KEY"])
        ])
        settings.upstreamKeys = ["UPSTREAM_KEY": "sk-shared", "CLIENT_ONE_KEY": "sk-client-one"]
        let router = try factory.makeRouter(settings: settings)
        #expect(Self.text(try await router.generate(Self.chat("m", key: "client-key-1"))) == "upstream:m:sk-client-one")
        #expect(Self.text(try await router.generate(Self.chat("m", key: "client-key-2"))) == "upstream:m:sk-shared")
        #expect(Self.text(try await router.generate(Self.chat("m"))) == "upstream:m:sk-shared")
    }

    @Test func theFactoryRefusesTypesItDoesNotKnow() {
        let factory = BackendFactory()
        #expect(factory.typeNames == ["mock"])
        #expect(throws: BackendFactory.Failure.self) {
            try factory.makeBackend(for: ProviderConfig(name: "x", type: "openai-compatible"), variables: [:])
        }
    }

    @Test func withoutAConfigurationTheRouterIsTheMock() async throws {
        let router = try BackendFactory().makeRouter(settings: Settings(profile: .test))
        let mock = MockModel()
        #expect(try await router.models() == (try await mock.models()))
        let request = GenerationRequest(
            model: "gpt-4o-mini", input: .messages([ChatMessage(role: .user, content: "Tell me about routers")]),
            seed: 7)
        #expect(try await router.generate(request) == (try await mock.generate(request)))
        let embedding = EmbeddingRequest(model: "blueprint-embed", inputs: [.text("a b")])
        #expect(try await router.embed(embedding) == (try await mock.embed(embedding)))
    }
}
