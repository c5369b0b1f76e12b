import Blueprint
import Testing

@Suite struct RoutingSettingsTests {
    private static let version = Array(#"{"name": "blueprint", "version": "1.2.3"}"#.utf8)

    private static let routing = """
        {"providers": [
          {"name": "vllm", "type": "openai-compatible", "base_url": "http://127.0.0.1:8001/v1",
           "api_key_env": "VLLM_API_KEY", "model_prefix": "vllm/", "models": [{"id": "llama"}],
           "key_map": {"sk-strong-token-0001": "TEAM_A_KEY"}},
          {"name": "mock", "type": "mock"}],
         "default_provider": "mock"}
        """

    private static let strict = [
        "ENVIRONMENT": "production", "HOST": "0.0.0.0", "PORT": "8080", "LOG_LEVEL": "notice",
        "RATE_LIMIT_PER_MINUTE": "120", "API_AUTH_TOKENS": "sk-strong-token-0001",
    ]

    private static func load(
        _ environment: [String: String], dotEnv: String? = nil, files: [String: String] = [:]
    ) -> Result<LoadedSettings, SettingsError> {
        Settings.load(
            environment: environment, dotEnvText: dotEnv, versionJSON: version, generateToken: { "dev_generated" },
            readFile: { files[$0].map { Array($0.utf8) } })
    }

    private static func issues(_ result: Result<LoadedSettings, SettingsError>) -> [SettingsIssue] {
        guard case .failure(let error) = result else {
            Issue.record("expected the settings to be refused")
            return []
        }
        return error.issues
    }

    @Test func defaultsServeTheMockAlone() throws {
        let settings = try Self.load([:]).get().settings
        #expect(settings.routingConfigPath == nil)
        #expect(settings.routing == .mockOnly)
        #expect(settings.upstreamKeys.isEmpty)
        #expect(settings.allowedModels.isEmpty)
        #expect(settings.modelListURL == nil)
        #expect(settings.modelListRefresh == .seconds(300))
    }

    @Test func readsTheRoutingFileAndResolvesItsKeys() throws {
        let environment = Self.strict.merging([
            "ROUTING_CONFIG": "routing.json", "VLLM_API_KEY": "sk-vllm", "ALLOWED_MODELS": "vllm/llama, gpt-4o,,",
            "MODEL_LIST_URL": "https://models.internal/list.json", "MODEL_LIST_REFRESH_SECONDS": "60",
        ]) { $1 }
        let loaded = try Self.load(
            environment, dotEnv: "TEAM_A_KEY=sk-team-a\n", files: ["routing.json": Self.routing]
        ).get()
        let settings = loaded.settings
        #expect(settings.routingConfigPath == "routing.json")
        #expect(settings.routing.providers.map(\.name) == ["vllm", "mock"])
        #expect(settings.upstreamKeys == ["VLLM_API_KEY": "sk-vllm", "TEAM_A_KEY": "sk-team-a"])
        #expect(settings.allowedModels == ["vllm/llama", "gpt-4o"])
        #expect(settings.modelListURL == "https://models.internal/list.json")
        #expect(settings.modelListRefresh == .seconds(60))
        // Key variables in .env are settings too: no "not a Blueprint setting" warning.
        #expect(loaded.warnings.isEmpty)
        let shown = String(describing: settings) + String(reflecting: settings)
        #expect(!shown.contains("sk-vllm") && !shown.contains("sk-team-a"))
        #expect(shown.contains("upstreamKeys: <redacted> (2)"))
    }

    @Test func missingKeysAreErrorsInStrictProfilesAndWarningsOtherwise() throws {
        let files = ["routing.json": Self.routing]
        let issues = Self.issues(
            Self.load(Self.strict.merging(["ROUTING_CONFIG": "routing.json"]) { $1 }, files: files))
        #expect(
            issues == [
                SettingsIssue(
                    variable: "ROUTING_CONFIG",
                    message:
                        "ROUTING_CONFIG (routing.json) providers[0].api_key_env: the environment variable VLLM_API_KEY "
                        + "is not set"),
                SettingsIssue(
                    variable: "ROUTING_CONFIG",
                    message:
                        "ROUTING_CONFIG (routing.json) providers[0].key_map: the environment variable TEAM_A_KEY is not set"
                ),
            ])
        let loaded = try Self.load(["ROUTING_CONFIG": "routing.json"], files: files).get()
        #expect(
            loaded.warnings == [
                // The development key is generated, so the key_map's client key cannot be one of them.
                "ROUTING_CONFIG (routing.json) providers[0].key_map: the client key of the entry for TEAM_A_KEY is not "
                    + "one of API_AUTH_TOKENS, so the entry never applies",
                "ROUTING_CONFIG (routing.json) providers[0].api_key_env: the environment variable VLLM_API_KEY is not "
                    + "set (an error in staging and production)",
                "ROUTING_CONFIG (routing.json) providers[0].key_map: the environment variable TEAM_A_KEY is not set "
                    + "(an error in staging and production)",
            ])
        #expect(!loaded.warnings.joined().contains("sk-strong-token-0001"))
    }

    @Test func everyProblemOfTheFileIsListedWithTheOtherSettings() {
        let broken =
            #"{"providers": [{"name": "x", "type": "openai-compatible", "base_url": "ftp://x"}, {"type": "mock"}]}"#
        let issues = Self.issues(
            Self.load(
                ["PORT": "70000", "ROUTING_CONFIG": "/etc/blueprint/routing.json", "ALLOWED_MODELS": "ok,b\u{7F}d"],
                files: ["/etc/blueprint/routing.json": broken]))
        #expect(
            issues.map(\.message) == [
                #"PORT must be an integer from 0 to 65535 (0 picks a free port), got "70000""#,
                #"ROUTING_CONFIG (/etc/blueprint/routing.json) providers[0].base_url: expected an http(s) URL such as "#
                    + #"http://127.0.0.1:8001/v1 (no user:password@), got "ftp://x""#,
                "ROUTING_CONFIG (/etc/blueprint/routing.json) providers[1].name: missing; expected a unique name of 1 "
                    + "to 64 letters, digits, '.', '_' and '-'",
                #"ALLOWED_MODELS entry 2 must be a model id of visible ASCII characters, got "b\u{7F}d""#,
            ])
    }

    @Test func anUnreadableFileIsNamed() {
        #expect(
            Self.issues(Self.load(["ROUTING_CONFIG": "missing.json"]))
                == [
                    SettingsIssue(
                        variable: "ROUTING_CONFIG", message: "ROUTING_CONFIG (missing.json): the file could not be read"
                    )
                ])
    }

    @Test func providerTypesAreTheFactorysTypes() throws {
        let text = #"{"providers": [{"name": "r", "type": "reverse"}], "default_provider": "r"}"#
        var factory = BackendFactory()
        factory.register("reverse") { _, _ in ReverseBackend() }
        let loaded = Settings.load(
            environment: ["ROUTING_CONFIG": "r.json"], dotEnvText: nil, versionJSON: Self.version,
            readFile: { _ in Array(text.utf8) }, providerTypes: factory.typeNames)
        #expect(try loaded.get().settings.routing.providers[0].type == "reverse")
        #expect(Self.issues(Self.load(["ROUTING_CONFIG": "r.json"], files: ["r.json": text])).count == 1)
    }

    @Test(arguments: [
        ("MODEL_LIST_URL", "ftp://models"), ("MODEL_LIST_URL", "https://user:pw@models/list"),
        ("MODEL_LIST_REFRESH_SECONDS", "0"), ("MODEL_LIST_REFRESH_SECONDS", "86401"),
    ])
    func modelListSettingsAreValidated(variable: String, value: String) {
        #expect(Self.issues(Self.load([variable: value])).map(\.variable) == [variable])
    }
}
