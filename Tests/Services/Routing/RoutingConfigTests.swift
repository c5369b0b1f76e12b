import Blueprint
import Testing

@Suite struct RoutingConfigTests {
    private static func parse(_ text: String, types: [String] = RoutingConfig.standardProviderTypes) throws
        -> RoutingConfig
    {
        try RoutingConfig.parse(Array(text.utf8), providerTypes: types)
    }

    private static func problems(_ text: String, types: [String] = RoutingConfig.standardProviderTypes) -> [String] {
        do {
            _ = try RoutingConfig.parse(Array(text.utf8), providerTypes: types)
            Issue.record("expected the configuration to be refused")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func parsesEveryField() throws {
        let config = try Self.parse(
            """
            {"providers": [
              {"name": "local-vllm", "type": "openai-compatible", "base_url": "http://127.0.0.1:8001/v1",
               "api_key_env": "VLLM_API_KEY", "model_prefix": "vllm/",
               "models": [{"id": "llama-3-8b", "target": "meta-llama/Meta-Llama-3-8B-Instruct",
                           "endpoints": ["chat", "completions"]},
                          {"id": "bge"}],
               "timeouts": {"connect_ms": 5000, "request_ms": 60000},
               "retries": {"max_attempts": 4, "max_total_ms": 20000},
               "key_map": {"client-key-1": "UPSTREAM_KEY_ENV_1"}},
              {"name": "claude", "type": "anthropic", "base_url": "https://api.anthropic.com/v1"},
              {"name": "mock", "type": "mock"}],
             "default_provider": "mock"}
            """)
        #expect(config.defaultProvider == "mock")
        #expect(config.providers.map(\.name) == ["local-vllm", "claude", "mock"])
        let vllm = config.providers[0]
        #expect(vllm.type == "openai-compatible")
        #expect(vllm.baseURL == "http://127.0.0.1:8001/v1")
        #expect(vllm.apiKeyEnv == "VLLM_API_KEY")
        #expect(vllm.modelPrefix == "vllm/")
        #expect(
            vllm.models == [
                RoutedModel(
                    id: "llama-3-8b", target: "meta-llama/Meta-Llama-3-8B-Instruct", endpoints: [.chat, .completions]),
                RoutedModel(id: "bge", target: "bge", endpoints: Set(ModelEndpoint.allCases)),
            ])
        #expect(vllm.connectTimeout == .milliseconds(5000))
        #expect(vllm.requestTimeout == .milliseconds(60000))
        #expect(vllm.maxAttempts == 4)
        #expect(vllm.maxRetryDuration == .milliseconds(20000))
        #expect(vllm.keyMap == ["client-key-1": "UPSTREAM_KEY_ENV_1"])
        #expect(config.keyVariableNames == ["VLLM_API_KEY", "UPSTREAM_KEY_ENV_1"])
        // Optional fields take their defaults.
        let claude = config.providers[1]
        #expect(claude.modelPrefix == "")
        #expect(claude.models.isEmpty)
        #expect(claude.connectTimeout == .seconds(10))
        #expect(claude.requestTimeout == .seconds(600))
        #expect(claude.maxAttempts == 3)
        #expect(claude.maxRetryDuration == .seconds(30))
        #expect(claude.keyMap.isEmpty)
        #expect(config.providers[2].baseURL == nil)
    }

    @Test func listsEveryProblemAtOnceWithItsPath() {
        let problems = Self.problems(
            """
            {"providers": [
              {"name": "a b", "type": "grpc", "base_url": "ftp://x", "api_key_env": "1KEY", "model_prefix": 7,
               "models": [{"target": "t"}, {"id": "m", "endpoints": ["chat", "images"]}, {"id": "m"}, "x"],
               "timeouts": {"connect_ms": 0, "request_ms": "fast"}, "retries": {"max_attempts": 11},
               "key_map": {"client-key": "lower case"}, "base_ur1": "x"},
              {"name": "vllm", "type": "openai-compatible"},
              {"name": "vllm", "type": "mock", "models": [{"id": "dup"}, {"id": "dup", "endpoints": []}]},
              3],
             "default_provider": "nowhere", "extra": true}
            """)
        // Document order; each object's unknown fields first.
        #expect(
            problems == [
                "extra: unknown field; expected one of providers, default_provider",
                "providers[0].base_ur1: unknown field; expected one of name, type, base_url, api_key_env, "
                    + "model_prefix, models, timeouts, retries, key_map",
                "providers[0].name: expected a unique name of 1 to 64 letters, digits, '.', '_' and '-', got \"a b\"",
                "providers[0].type: expected one of openai-compatible, anthropic, mock, got \"grpc\"",
                "providers[0].base_url: expected an http(s) URL such as http://127.0.0.1:8001/v1 (no user:password@), "
                    + "got \"ftp://x\"",
                "providers[0].api_key_env: expected an environment variable name such as VLLM_API_KEY, got \"1KEY\"",
                "providers[0].model_prefix: expected a string of visible ASCII characters, such as \"vllm/\", "
                    + "got number",
                "providers[0].models[0].id: missing; expected a model id of visible ASCII characters",
                "providers[0].models[1].endpoints[1]: expected one of chat, completions, responses, embeddings, "
                    + "got \"images\"",
                "providers[0].models[2].id: the model id \"m\" (model_prefix + id) is already routed by "
                    + "providers[0].models[1]",
                "providers[0].models[3]: expected an object, got \"x\"",
                "providers[0].timeouts.connect_ms: expected an integer from 1 to 600000 (milliseconds), got number",
                "providers[0].timeouts.request_ms: expected an integer from 1 to 3600000 (milliseconds), "
                    + "got \"fast\"",
                "providers[0].retries.max_attempts: expected an integer from 1 to 10 (attempts, the first "
                    + "included), got number",
                "providers[0].key_map entry 1: expected the name of the environment variable holding the upstream "
                    + "key, got \"lower case\"",
                "providers[1].base_url: missing; expected an http(s) URL such as http://127.0.0.1:8001/v1 "
                    + "(no user:password@)",
                "providers[2].models[1].endpoints: expected a non-empty array of endpoint names (chat, completions, "
                    + "responses, embeddings), got array",
                "providers[2].models[1].id: the model id \"dup\" (model_prefix + id) is already routed by "
                    + "providers[2].models[0]",
                "providers[2].name: \"vllm\" is already the name of providers[1]",
                "providers[3]: expected an object, got number",
                "default_provider: expected the name of one of the providers, got \"nowhere\"",
            ])
    }

    @Test func refusesDocumentsThatAreNotConfigurations() {
        #expect(Self.problems("{") == ["not valid JSON: Unexpected end of input at byte 1"])
        #expect(Self.problems("[]") == [#"(top level): expected an object with "providers", got array"#])
        #expect(Self.problems("{}") == ["providers: missing; expected a non-empty array of provider objects"])
        #expect(
            Self.problems(#"{"providers": []}"#)
                == ["providers: expected a non-empty array of provider objects, got array"])
    }

    @Test func providerTypesComeFromTheFactory() throws {
        let text = #"{"providers": [{"name": "r", "type": "reverse"}]}"#
        #expect(
            Self.problems(text) == [
                #"providers[0].type: expected one of openai-compatible, anthropic, mock, got "reverse""#
            ])
        #expect(try Self.parse(text, types: ["mock", "reverse"]).providers[0].type == "reverse")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8001/v1", true), ("https://api.example.com", true), ("HTTPS://Example.com:443/x?y", true),
        ("http://[::1]:8000/v1", true), ("http://[::1]", true), ("http://host_name:1", true),
        ("ftp://example.com", false), ("http://", false), ("http://:80", false), ("http://user:pw@host/", false),
        ("http://host:0", false), ("http://host:65536", false), ("http://host:port", false),
        ("http://exa mple.com", false), ("example.com", false), ("http://[::1", false), ("http://[]:1", false),
    ])
    func baseURLMustBeHTTP(url: String, valid: Bool) {
        let text = #"{"providers": [{"name": "p", "type": "openai-compatible", "base_url": "\#(url)"}]}"#
        let config = try? Self.parse(text)
        #expect((config?.providers[0].baseURL == url) == valid, "\(url)")
    }

    @Test func keyMapEntriesAreNamedByPositionNotByKey() {
        let problems = Self.problems(
            #"{"providers": [{"name": "m", "type": "mock", "key_map": {"secret-client-key": 5}}]}"#)
        #expect(
            problems == [
                "providers[0].key_map entry 1: expected the name of the environment variable holding the upstream key, got number"
            ])
        #expect(!problems.joined().contains("secret-client-key"))
    }

    @Test func mockOnlyServesEverythingFromTheMock() {
        #expect(RoutingConfig.mockOnly.providers == [ProviderConfig(name: "mock", type: "mock")])
        #expect(RoutingConfig.mockOnly.defaultProvider == "mock")
        #expect(RoutingConfig.mockOnly.keyVariableNames.isEmpty)
    }

    @Test func credentialsResolveTheKeyMapAndHideTheKeys() {
        let provider = ProviderConfig(
            name: "p", type: "mock", apiKeyEnv: "DEFAULT_KEY",
            keyMap: ["client-a": "KEY_A", "client-b": "KEY_B"])
        let credentials = ProviderCredentials(
            provider: provider, variables: ["DEFAULT_KEY": "sk-default", "KEY_A": "sk-a"])
        #expect(credentials.key(for: "client-a") == "sk-a")
        // A mapped client whose variable is unset, an unmapped client and no client at all use the provider key.
        #expect(credentials.key(for: "client-b") == "sk-default")
        #expect(credentials.key(for: "client-c") == "sk-default")
        #expect(credentials.key(for: nil) == "sk-default")
        #expect(ProviderCredentials(provider: provider, variables: [:]).key(for: "client-a") == nil)
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [String(describing: credentials), String(reflecting: credentials), dumped] {
            #expect(!text.contains("sk-") && !text.contains("client-a"), "\(text)")
        }
    }
}
