import Blueprint
import FoundationEssentials
import Testing

@Suite struct SettingsTests {
    private static let version = Array(#"{"name": "blueprint", "version": "1.2.3"}"#.utf8)
    private static let strongToken = "sk-strong-token-0001"

    private static func strict(_ profile: EnvironmentProfile, _ overrides: [String: String] = [:]) -> [String: String] {
        [
            "ENVIRONMENT": profile.rawValue,
            "HOST": "0.0.0.0",
            "PORT": "8080",
            "LOG_LEVEL": "notice",
            "RATE_LIMIT_PER_MINUTE": "120",
            "API_AUTH_TOKENS": strongToken,
        ].merging(overrides) { _, override in override }
    }

    private static func load(
        _ environment: [String: String],
        dotEnv: String? = nil,
        version: [UInt8]? = SettingsTests.version,
        token: String = "dev_generated"
    ) -> Result<LoadedSettings, SettingsError> {
        Settings.load(
            environment: environment, dotEnvText: dotEnv, versionJSON: version, activeProcessorCount: 3,
            generateToken: { token })
    }

    private static func issues(_ result: Result<LoadedSettings, SettingsError>) -> [SettingsIssue] {
        guard case .failure(let error) = result else {
            Issue.record("expected the settings to be refused")
            return []
        }
        return error.issues
    }

    // MARK: Profiles

    @Test func profilesKnowWhetherTheyAreStrict() {
        #expect(EnvironmentProfile.allCases.filter(\.isStrict) == [.staging, .production])
        #expect(EnvironmentProfile.allCases.map(\.rawValue) == ["development", "test", "staging", "production"])
    }

    @Test func developmentDefaults() throws {
        let loaded = try Self.load([:]).get()
        let settings = loaded.settings
        #expect(settings.profile == .development)
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8000)
        #expect(settings.logLevel == .info)
        #expect(settings.apiAuthTokens == ["dev_generated"])
        #expect(loaded.generatedDevelopmentToken == "dev_generated")
        #expect(settings.rateLimitPerMinute == 600)
        #expect(settings.rateLimitTokensPerMinute == 0)
        #expect(settings.corsOrigins == .disabled)
        #expect(settings.metricsToken == nil)
        #expect(settings.docsEnabled)
        #expect(settings.shutdownGrace == .seconds(10))
        #expect(settings.maxBodyBytes == 4 * 1024 * 1024)
        #expect(settings.maxHeaderBytes == 32_768)
        #expect(settings.maxHeaderCount == 100)
        #expect(settings.maxRequestLineBytes == 8_192)
        #expect(settings.headerReadTimeout == .seconds(10))
        #expect(settings.bodyReadTimeout == .seconds(30))
        #expect(settings.idleTimeout == .seconds(75))
        #expect(settings.eventLoopThreads == 3)
        #expect(settings.mockTimeToFirstToken == .zero)
        #expect(settings.mockInterTokenLatency == .zero)
        #expect(settings.mockJitter == .zero)
        #expect(settings.version == VersionInfo(name: "blueprint", version: "1.2.3"))
        #expect(loaded.warnings.isEmpty)
    }

    @Test func testProfileDefaults() throws {
        var generated = 0
        let loaded = try Settings.load(
            environment: ["ENVIRONMENT": "test"], dotEnvText: nil, versionJSON: Self.version,
            generateToken: {
                generated += 1
                return "unused"
            }
        ).get()
        #expect(loaded.settings.profile == .test)
        #expect(loaded.settings.apiAuthTokens == ["test_key"])
        #expect(loaded.generatedDevelopmentToken == nil)
        #expect(generated == 0)
        #expect(loaded.settings.rateLimitPerMinute == 0)
        #expect(loaded.settings.docsEnabled)
        #expect(loaded.warnings.isEmpty)
    }

    @Test(arguments: [EnvironmentProfile.development, .test, .staging, .production])
    func initMatchesLoadedDefaults(profile: EnvironmentProfile) throws {
        var environment = profile.isStrict ? Self.strict(profile) : ["ENVIRONMENT": profile.rawValue]
        environment["API_AUTH_TOKENS"] = environment["API_AUTH_TOKENS"] ?? (profile == .test ? nil : "dev_generated")
        var expected = Settings(profile: profile)
        if profile.isStrict {
            expected.host = "0.0.0.0"
            expected.port = 8080
            expected.logLevel = .notice
            expected.rateLimitPerMinute = 120
            expected.apiAuthTokens = [Self.strongToken]
        } else if profile == .development {
            expected.apiAuthTokens = ["dev_generated"]
        }
        expected.version = VersionInfo(name: "blueprint", version: "1.2.3")
        let loaded = try Settings.load(environment: environment, dotEnvText: nil, versionJSON: Self.version).get()
        #expect(loaded.settings == expected)
    }

    @Test(arguments: [EnvironmentProfile.staging, .production])
    func strictProfileAcceptsExplicitSettings(profile: EnvironmentProfile) throws {
        let loaded = try Self.load(Self.strict(profile)).get()
        let settings = loaded.settings
        #expect(settings.profile == profile)
        #expect(settings.host == "0.0.0.0")
        #expect(settings.port == 8080)
        #expect(settings.logLevel == .notice)
        #expect(settings.rateLimitPerMinute == 120)
        #expect(settings.apiAuthTokens == [Self.strongToken])
        #expect(loaded.generatedDevelopmentToken == nil)
        #expect(!settings.docsEnabled)
        #expect(loaded.warnings.isEmpty)
    }

    @Test(arguments: [EnvironmentProfile.staging, .production])
    func strictProfileRequiresExplicitSettings(profile: EnvironmentProfile) {
        let issues = Self.issues(Self.load(["ENVIRONMENT": profile.rawValue], version: nil))
        #expect(
            issues.map(\.variable) == [
                "HOST", "PORT", "LOG_LEVEL", "API_AUTH_TOKENS", "RATE_LIMIT_PER_MINUTE", "Version.json",
            ])
        for issue in issues.dropLast() {
            #expect(issue.message.hasPrefix("\(issue.variable) is required in \(profile.rawValue): set it to "))
        }
        #expect(
            issues.first?.message == "HOST is required in \(profile.rawValue): set it to an IP address or "
                + "host name to listen on, such as 0.0.0.0")
        #expect(
            issues[1].message == "PORT is required in \(profile.rawValue): set it to an integer from 0 to 65535 "
                + "(0 picks a free port)")
        #expect(
            issues[2].message == "LOG_LEVEL is required in \(profile.rawValue): set it to one of trace, debug, "
                + "info, notice, warning, error, critical")
        #expect(issues.last?.message == "Version.json could not be read")
    }

    @Test(arguments: ["HOST", "PORT", "LOG_LEVEL", "RATE_LIMIT_PER_MINUTE", "API_AUTH_TOKENS"])
    func eachStrictRequirementIsEnforcedAlone(variable: String) {
        var environment = Self.strict(.production)
        environment[variable] = nil
        #expect(Self.issues(Self.load(environment)).map(\.variable) == [variable])
    }

    @Test func unknownEnvironmentNamesTheAllowedOnes() {
        let issues = Self.issues(Self.load(["ENVIRONMENT": "prod"]))
        #expect(
            issues == [
                SettingsIssue(
                    variable: "ENVIRONMENT",
                    message: #"ENVIRONMENT must be one of development, test, staging, production, got "prod""#)
            ])
    }

    @Test func environmentIsCaseInsensitive() throws {
        #expect(
            try Self.load(Self.strict(.production, ["ENVIRONMENT": "Production"])).get().settings.profile == .production
        )
    }

    @Test func refusedStartListsEveryProblemAtOnce() {
        let environment = Self.strict(
            .production,
            [
                "HOST": "bad host",
                "PORT": "70000",
                "LOG_LEVEL": "verbose",
                "API_AUTH_TOKENS": "short1,\(Self.strongToken),short22",
                "RATE_LIMIT_PER_MINUTE": "-5",
                "CORS_ORIGINS": "https://ok.example,https://bad.example/",
                "DOCS_ENABLED": "maybe",
                "MAX_BODY_BYTES": "0",
                "IDLE_TIMEOUT_MS": "ten",
                "MOCK_JITTER_MS": "60001",
            ])
        let result = Self.load(environment, version: Array("{}".utf8))
        guard case .failure(let error) = result else {
            Issue.record("expected a refusal")
            return
        }
        #expect(
            error.variables == [
                "HOST", "PORT", "LOG_LEVEL", "API_AUTH_TOKENS", "API_AUTH_TOKENS", "RATE_LIMIT_PER_MINUTE",
                "CORS_ORIGINS", "DOCS_ENABLED", "MAX_BODY_BYTES", "IDLE_TIMEOUT_MS", "MOCK_JITTER_MS", "Version.json",
            ])
        let lines = error.description.split(separator: "\n").map(String.init)
        #expect(lines == error.issues.map(\.message))
        for (line, variable) in zip(lines, error.variables) {
            #expect(line.hasPrefix(variable))
        }
        #expect(lines.contains("API_AUTH_TOKENS entry 1 is 6 characters; at least 16 are required"))
        #expect(lines.contains("API_AUTH_TOKENS entry 3 is 7 characters; at least 16 are required"))
        #expect(lines.contains(#"PORT must be an integer from 0 to 65535 (0 picks a free port), got "70000""#))
        #expect(lines.contains(#"DOCS_ENABLED must be true or false, got "maybe""#))
        #expect(lines.contains(#"Version.json needs a non-empty string "name""#))
        #expect(!error.description.contains("short1"))
        #expect(!error.description.contains("short22"))
    }

    // MARK: Individual variables

    @Test(arguments: [("0", 0), ("65535", 65_535), (" 8080 ", 8_080), ("00080", 80)])
    func acceptsPorts(text: String, port: Int) throws {
        #expect(try Self.load(["PORT": text]).get().settings.port == port)
    }

    @Test(arguments: ["65536", "-1", "+80", "80a", "8.0", "99999999999999999999999"])
    func refusesPorts(text: String) {
        #expect(Self.issues(Self.load(["PORT": text])).map(\.variable) == ["PORT"])
    }

    @Test(arguments: ["0.0.0.0", "::", "::1", "localhost", "my-host.internal", "10.1.2.3"])
    func acceptsHosts(host: String) throws {
        #expect(try Self.load(["HOST": host]).get().settings.host == host)
    }

    @Test(arguments: ["bad host", "[::1]", "http://x", "host/path", "ümlaut"])
    func refusesHosts(host: String) {
        #expect(Self.issues(Self.load(["HOST": host])).map(\.variable) == ["HOST"])
    }

    @Test func acceptsEveryLogLevel() throws {
        for level in LogLevel.allCases {
            #expect(try Self.load(["LOG_LEVEL": level.rawValue.uppercased()]).get().settings.logLevel == level)
        }
    }

    @Test func refusesUnknownLogLevel() {
        #expect(
            Self.issues(Self.load(["LOG_LEVEL": "verbose"])).map(\.message) == [
                #"LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got "verbose""#
            ])
    }

    @Test func apiTokensAreTrimmedAndEmptiesDropped() throws {
        let tokens = " \(Self.strongToken) , ,sk-strong-token-0002,, "
        let loaded = try Self.load(["API_AUTH_TOKENS": tokens]).get()
        #expect(loaded.settings.apiAuthTokens == [Self.strongToken, "sk-strong-token-0002"])
        #expect(loaded.generatedDevelopmentToken == nil)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func emptyTokenListCountsAsUnset() throws {
        #expect(try Self.load(["API_AUTH_TOKENS": " , ,"]).get().generatedDevelopmentToken == "dev_generated")
        #expect(
            Self.issues(Self.load(Self.strict(.production, ["API_AUTH_TOKENS": ",,"]))).map(\.variable) == [
                "API_AUTH_TOKENS"
            ])
    }

    @Test(arguments: [EnvironmentProfile.development, .test])
    func shortTokenOnlyWarnsOutsideStrictProfiles(profile: EnvironmentProfile) throws {
        let loaded = try Self.load(["ENVIRONMENT": profile.rawValue, "API_AUTH_TOKENS": "abc,\(Self.strongToken)"])
            .get()
        #expect(loaded.settings.apiAuthTokens == ["abc", Self.strongToken])
        #expect(
            loaded.warnings == [
                "API_AUTH_TOKENS entry 1 is 3 characters; at least 16 are required in staging and production"
            ])
    }

    @Test func shortTokenIsRefusedInStrictProfilesByPosition() {
        let issues = Self.issues(Self.load(Self.strict(.staging, ["API_AUTH_TOKENS": "\(Self.strongToken),1234567"])))
        #expect(issues.map(\.message) == ["API_AUTH_TOKENS entry 2 is 7 characters; at least 16 are required"])
    }

    @Test func tokenWithInvisibleCharactersIsRefused() {
        let issues = Self.issues(Self.load(["API_AUTH_TOKENS": "sk-has space-0123456,sk-tab\tinside-0123456"]))
        #expect(
            issues.map(\.message) == [
                "API_AUTH_TOKENS entry 1 contains a character other than visible ASCII (letters, digits and punctuation)",
                "API_AUTH_TOKENS entry 2 contains a character other than visible ASCII (letters, digits and punctuation)",
            ])
    }

    @Test func duplicateTokensAreDroppedWithAWarning() throws {
        let loaded = try Self.load(["API_AUTH_TOKENS": "\(Self.strongToken),\(Self.strongToken)"]).get()
        #expect(loaded.settings.apiAuthTokens == [Self.strongToken])
        #expect(loaded.warnings == ["API_AUTH_TOKENS entry 2 repeats entry 1"])
    }

    @Test func generatedDevelopmentTokenIsRandomBase62() {
        let first = Settings.randomDevelopmentToken()
        let second = Settings.randomDevelopmentToken()
        #expect(first != second)
        for token in [first, second] {
            #expect(token.hasPrefix("dev_"))
            #expect(token.utf8.count == 36)
            #expect(token.dropFirst(4).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
    }

    @Test func generatedTokenUsesTheGivenGenerator() {
        var highest = ConstantGenerator()
        #expect(Settings.randomDevelopmentToken(using: &highest) == "dev_" + String(repeating: "z", count: 32))
    }

    @Test func defaultLoadGeneratesARealToken() throws {
        let loaded = try Settings.load(environment: [:], dotEnvText: nil, versionJSON: Self.version).get()
        let token = try #require(loaded.generatedDevelopmentToken)
        #expect(token.hasPrefix("dev_") && token.utf8.count == 36)
        #expect(loaded.settings.apiAuthTokens == [token])
    }

    @Test func rateLimitZeroInStrictProfileWarns() throws {
        let loaded = try Self.load(Self.strict(.production, ["RATE_LIMIT_PER_MINUTE": "0"])).get()
        #expect(loaded.settings.rateLimitPerMinute == 0)
        #expect(loaded.warnings == ["RATE_LIMIT_PER_MINUTE is 0: requests are not rate limited in production"])
    }

    @Test func readsTokenRateLimit() throws {
        #expect(
            try Self.load(["RATE_LIMIT_TOKENS_PER_MINUTE": "90000"]).get().settings.rateLimitTokensPerMinute == 90_000)
        #expect(
            Self.issues(Self.load(["RATE_LIMIT_TOKENS_PER_MINUTE": "lots"])).map(\.variable) == [
                "RATE_LIMIT_TOKENS_PER_MINUTE"
            ])
    }

    @Test func corsAcceptsAnyOriginOnlyExplicitly() throws {
        let settings = try Self.load(["CORS_ORIGINS": " * "]).get().settings
        #expect(settings.corsOrigins == .any)
        #expect(settings.corsOrigins.allows("https://anything.example"))
        #expect(!Settings.CORSOrigins.disabled.allows("https://anything.example"))
    }

    @Test func corsAcceptsExactOriginsAndLowercasesThem() throws {
        let text = "https://App.Example.com, http://localhost:3000,http://[::1]:8080,https://app.example.com"
        let origins = try Self.load(["CORS_ORIGINS": text]).get().settings.corsOrigins
        #expect(origins == .only(["https://app.example.com", "http://localhost:3000", "http://[::1]:8080"]))
        #expect(origins.allows("http://localhost:3000"))
        #expect(!origins.allows("http://localhost:3001"))
    }

    @Test(arguments: [
        "https://a.example/", "https://a.example/path", "ftp://a.example", "a.example", "https://",
        "https://a.example:0",
        "https://a.example:99999", "https://a b.example", "null", "*,https://a.example", "http://[zz]:80",
    ])
    func corsRefusesAnythingButOrigins(text: String) {
        let issues = Self.issues(Self.load(["CORS_ORIGINS": text]))
        #expect(!issues.isEmpty)
        #expect(issues.allSatisfy { $0.variable == "CORS_ORIGINS" })
    }

    @Test func metricsTokenIsOptional() throws {
        #expect(try Self.load(Self.strict(.production)).get().settings.metricsToken == nil)
        let token = "metrics-token-0123456"
        #expect(try Self.load(Self.strict(.production, ["METRICS_TOKEN": token])).get().settings.metricsToken == token)
    }

    @Test func shortMetricsTokenIsRefusedInStrictProfilesAndWarnsOtherwise() throws {
        #expect(
            Self.issues(Self.load(Self.strict(.production, ["METRICS_TOKEN": "m-secret"]))).map(\.message) == [
                "METRICS_TOKEN is 8 characters; at least 16 are required"
            ])
        let loaded = try Self.load(["METRICS_TOKEN": "m-secret"]).get()
        #expect(loaded.settings.metricsToken == "m-secret")
        #expect(
            loaded.warnings == ["METRICS_TOKEN is 8 characters; at least 16 are required in staging and production"])
    }

    @Test(arguments: [
        ("true", true), ("FALSE", false), ("1", true), ("0", false), ("yes", true), ("No", false), ("on", true),
        ("off", false),
    ])
    func readsDocsEnabled(text: String, value: Bool) throws {
        #expect(try Self.load(["DOCS_ENABLED": text]).get().settings.docsEnabled == value)
        #expect(try Self.load(Self.strict(.production, ["DOCS_ENABLED": text])).get().settings.docsEnabled == value)
    }

    @Test func readsDurations() throws {
        let settings = try Self.load([
            "SHUTDOWN_GRACE_SECONDS": "0", "HEADER_READ_TIMEOUT_MS": "1500", "BODY_READ_TIMEOUT_MS": "2000",
            "IDLE_TIMEOUT_MS": "60000", "MOCK_TTFT_MS": "250", "MOCK_ITL_MS": "20", "MOCK_JITTER_MS": "5",
        ]).get().settings
        #expect(settings.shutdownGrace == .zero)
        #expect(settings.headerReadTimeout == .milliseconds(1_500))
        #expect(settings.bodyReadTimeout == .seconds(2))
        #expect(settings.idleTimeout == .seconds(60))
        #expect(settings.mockTimeToFirstToken == .milliseconds(250))
        #expect(settings.mockInterTokenLatency == .milliseconds(20))
        #expect(settings.mockJitter == .milliseconds(5))
    }

    @Test func readsServerLimits() throws {
        let settings = try Self.load([
            "MAX_BODY_BYTES": "1024", "MAX_HEADER_BYTES": "2048", "MAX_HEADER_COUNT": "10",
            "MAX_REQUEST_LINE_BYTES": "512", "EVENT_LOOP_THREADS": "4",
        ]).get().settings
        #expect(settings.maxBodyBytes == 1_024)
        #expect(settings.maxHeaderBytes == 2_048)
        #expect(settings.maxHeaderCount == 10)
        #expect(settings.maxRequestLineBytes == 512)
        #expect(settings.eventLoopThreads == 4)
    }

    @Test func shortIdleTimeoutWarns() throws {
        let loaded = try Self.load(["IDLE_TIMEOUT_MS": "59999"]).get()
        #expect(loaded.settings.idleTimeout == .milliseconds(59_999))
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings.first?.hasPrefix("IDLE_TIMEOUT_MS is below 60000") == true)
    }

    @Test func eventLoopThreadsDefaultToProcessorCount() throws {
        let loaded = try Settings.load(
            environment: [:], dotEnvText: nil, versionJSON: Self.version, activeProcessorCount: 7
        ).get()
        #expect(loaded.settings.eventLoopThreads == 7)
    }

    /// Every numeric variable with its accepted range, checked at both ends and just outside, in every profile.
    @Test(arguments: [
        ("PORT", 0, 65_535), ("RATE_LIMIT_PER_MINUTE", 0, 100_000_000),
        ("RATE_LIMIT_TOKENS_PER_MINUTE", 0, 1_000_000_000_000), ("SHUTDOWN_GRACE_SECONDS", 0, 3_600),
        ("MAX_BODY_BYTES", 1, 1_073_741_824), ("MAX_HEADER_BYTES", 1_024, 1_048_576), ("MAX_HEADER_COUNT", 1, 10_000),
        ("MAX_REQUEST_LINE_BYTES", 64, 1_048_576), ("HEADER_READ_TIMEOUT_MS", 1, 3_600_000),
        ("BODY_READ_TIMEOUT_MS", 1, 3_600_000), ("IDLE_TIMEOUT_MS", 1, 3_600_000), ("EVENT_LOOP_THREADS", 1, 1_024),
        ("MOCK_TTFT_MS", 0, 60_000), ("MOCK_ITL_MS", 0, 60_000), ("MOCK_JITTER_MS", 0, 60_000),
    ])
    func numericRangesAreEnforcedInEveryProfile(variable: String, lowest: Int, highest: Int) {
        for profile in EnvironmentProfile.allCases {
            let base = profile.isStrict ? Self.strict(profile) : ["ENVIRONMENT": profile.rawValue]
            for accepted in [lowest, highest] {
                let result = Self.load(base.merging([variable: String(accepted)]) { $1 })
                #expect((try? result.get()) != nil, "\(variable)=\(accepted) in \(profile)")
            }
            var refused = [String(highest + 1), "12abc", "-1", "1.5"]
            if lowest > 0 {
                refused.append(String(lowest - 1))
            }
            for text in refused {
                let issues = Self.issues(Self.load(base.merging([variable: text]) { $1 }))
                #expect(issues.map(\.variable) == [variable], "\(variable)=\(text) in \(profile)")
                #expect(issues.first?.message.contains("from \(lowest) to \(highest)") == true)
            }
        }
    }

    @Test func everyVariableIsRead() {
        // A control character is invalid for every variable, so each must report exactly one issue of its own.
        for variable in Settings.variableNames {
            let issues = Self.issues(Self.load([variable: "bad\u{1}value"]))
            #expect(issues.map(\.variable) == [variable], "\(variable)")
        }
    }

    // MARK: Sources

    @Test func processEnvironmentWinsOverDotEnv() throws {
        let dotEnv = "PORT=9000\nHOST=10.0.0.1\nLOG_LEVEL=debug\n"
        let settings = try Self.load(["PORT": "9100", "LOG_LEVEL": ""], dotEnv: dotEnv).get().settings
        #expect(settings.port == 9_100)
        #expect(settings.host == "10.0.0.1")
        // An empty process variable does not hide the .env value.
        #expect(settings.logLevel == .debug)
    }

    @Test func dotEnvCanSelectTheProfile() throws {
        let dotEnv = """
            ENVIRONMENT=production
            HOST=0.0.0.0
            PORT=80
            LOG_LEVEL=warning
            RATE_LIMIT_PER_MINUTE=60
            API_AUTH_TOKENS="\(Self.strongToken)" # quoted
            """
        let settings = try Self.load([:], dotEnv: dotEnv).get().settings
        #expect(settings.profile == .production)
        #expect(settings.apiAuthTokens == [Self.strongToken])
    }

    @Test func malformedDotEnvLinesAreRefusedWithLineNumbers() {
        let issues = Self.issues(Self.load([:], dotEnv: "PORT=9000\nnot a setting\nHOST=\"unterminated\n"))
        #expect(
            issues == [
                SettingsIssue(variable: ".env", message: ".env line 2: expected KEY=value"),
                SettingsIssue(
                    variable: ".env", message: ".env line 3: the double-quoted value of HOST has no closing quote"),
            ])
    }

    @Test func unknownDotEnvVariablesWarn() throws {
        let loaded = try Self.load(["SOMETHING_ELSE": "x"], dotEnv: "RATE_LIMT=5\nPORT=9000\n").get()
        #expect(loaded.warnings == [".env sets RATE_LIMT, which is not a Blueprint setting (see .env.example)"])
    }

    @Test func envExampleDocumentsEveryVariableAndLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent(".env.example"))
        let text = String(decoding: data, as: UTF8.self)
        let example = DotEnv(parsing: text)
        #expect(example.problems.isEmpty)
        #expect(Set(example.values.keys) == Set(Settings.variableNames))
        for variable in Settings.variableNames {
            #expect(text.contains("\n# ") && text.contains("\(variable)="))
        }
        let loaded = try Self.load([:], dotEnv: text).get()
        var expected = Settings(profile: .development)
        expected.apiAuthTokens = ["dev_generated"]
        expected.eventLoopThreads = 3
        expected.version = VersionInfo(name: "blueprint", version: "1.2.3")
        #expect(loaded.settings == expected)
        #expect(loaded.warnings.isEmpty)
    }

    // MARK: Version.json

    @Test func versionFallsBackWithAWarningOutsideStrictProfiles() throws {
        for profile in [EnvironmentProfile.development, .test] {
            let loaded = try Self.load(["ENVIRONMENT": profile.rawValue], version: nil).get()
            #expect(loaded.settings.version == VersionInfo(name: "blueprint", version: "0.0.0-dev"))
            #expect(
                loaded.warnings == [
                    #"Version.json could not be read; using name "blueprint" and version "0.0.0-dev""#
                ])
        }
    }

    @Test(arguments: [
        "not json", "[]", "{}", #"{"name": "x"}"#, #"{"name": "", "version": "1"}"#, #"{"name": "x", "version": 1}"#,
        #"{"name": "x", "version": "   "}"#, #"{"name": "x\u0007", "version": "1"}"#,
    ])
    func invalidVersionIsRefusedInStrictProfiles(json: String) {
        let issues = Self.issues(Self.load(Self.strict(.production), version: Array(json.utf8)))
        #expect(issues.map(\.variable) == ["Version.json"])
        #expect(issues.first?.message.hasPrefix("Version.json") == true)
    }

    @Test func versionIsParsedAndTrimmed() throws {
        let info = try VersionInfo(json: Array(#"{"name": " blueprint ", "version": "2.0.0-rc.1", "extra": 1}"#.utf8))
        #expect(info == VersionInfo(name: "blueprint", version: "2.0.0-rc.1"))
    }

    // MARK: Secrets

    @Test func secretsNeverAppearInDescriptions() {
        var settings = Settings(profile: .production)
        settings.apiAuthTokens = ["sk-very-secret-token-1", "sk-very-secret-token-2"]
        settings.metricsToken = "metrics-very-secret-9"
        var dumped = ""
        dump(settings, to: &dumped)
        let loaded = LoadedSettings(settings: settings, warnings: [], generatedDevelopmentToken: "dev_secretgenerated")
        var dumpedLoaded = ""
        dump(loaded, to: &dumpedLoaded)
        let renderings = [
            String(describing: settings), settings.debugDescription, String(reflecting: settings), "\(settings)",
            dumped, String(describing: loaded), String(reflecting: loaded), dumpedLoaded,
        ]
        for rendering in renderings {
            #expect(!rendering.contains("very-secret"), "\(rendering)")
            #expect(!rendering.contains("secretgenerated"), "\(rendering)")
            #expect(rendering.contains("<redacted>"))
        }
        #expect(dumped.contains("apiAuthTokens"))
        #expect(dumped.contains("production"))
        #expect(String(describing: settings).contains("host: 127.0.0.1"))
    }

    @Test func secretsNeverAppearInWarningsOrErrors() throws {
        let secret = "sk-secret-xyz"
        let loaded = try Self.load(["API_AUTH_TOKENS": "\(secret),\(secret)", "METRICS_TOKEN": secret]).get()
        #expect(loaded.warnings.count == 4)
        #expect(loaded.warnings.allSatisfy { !$0.contains(secret) })
        let refused = Self.load(
            Self.strict(.production, ["API_AUTH_TOKENS": "\(secret),a b", "METRICS_TOKEN": secret]))
        guard case .failure(let error) = refused else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.issues.count == 3)
        #expect(!error.description.contains(secret))
        #expect(!String(reflecting: error).contains(secret))
    }
}

/// A generator that always returns its largest value, which selects the last character of the alphabet.
private struct ConstantGenerator: RandomNumberGenerator {
    mutating func next() -> UInt64 { .max }
}
