extension Settings {
    /// Every variable ``load(environment:dotEnvText:versionJSON:activeProcessorCount:generateToken:)`` reads,
    /// in the order `.env.example` documents them.
    public static let variableNames = [
        "ENVIRONMENT", "HOST", "PORT", "LOG_LEVEL", "API_AUTH_TOKENS", "RATE_LIMIT_PER_MINUTE",
        "RATE_LIMIT_TOKENS_PER_MINUTE", "CORS_ORIGINS", "METRICS_TOKEN", "DOCS_ENABLED", "SHUTDOWN_GRACE_SECONDS",
        "MAX_BODY_BYTES", "MAX_HEADER_BYTES", "MAX_HEADER_COUNT", "MAX_REQUEST_LINE_BYTES", "HEADER_READ_TIMEOUT_MS",
        "BODY_READ_TIMEOUT_MS", "IDLE_TIMEOUT_MS", "EVENT_LOOP_THREADS", "MOCK_TTFT_MS", "MOCK_ITL_MS",
        "MOCK_JITTER_MS", "ROUTING_CONFIG", "ALLOWED_MODELS", "MODEL_LIST_URL", "MODEL_LIST_REFRESH_SECONDS",
    ]

    /// Reads and validates the settings from the process environment, a `.env` file and `Version.json`.
    ///
    /// The process environment wins over the `.env` file; an empty value counts as unset. In staging and
    /// production `HOST`, `PORT`, `LOG_LEVEL`, `RATE_LIMIT_PER_MINUTE` and `API_AUTH_TOKENS` must be set, every
    /// API key must be at least 16 characters and `Version.json` must be valid; development and test fall back
    /// to defaults, with warnings where a default hides a mistake. Every variable's format and range is checked
    /// in every profile. `.env.example` documents each variable.
    ///
    /// `ROUTING_CONFIG` names a JSON file (see ``RoutingConfig``), read with `readFile` and validated here, so its
    /// problems are listed with the others. The upstream API keys it names are read from the environment and the
    /// `.env` file; a missing one is a problem in staging and production and a warning otherwise.
    ///
    /// - Parameters:
    ///   - environment: The process environment.
    ///   - dotEnvText: The text of the `.env` file, or `nil` when there is none. Malformed lines are errors;
    ///     variables that are not in ``variableNames`` are warned about, as they are likely misspelt.
    ///   - versionJSON: The bytes of `Version.json`, or `nil` when it could not be read.
    ///   - activeProcessorCount: The default for `EVENT_LOOP_THREADS`.
    ///   - generateToken: Makes the API key used in development when `API_AUTH_TOKENS` is empty.
    ///   - readFile: Returns the bytes of the file at a path, or `nil` when it cannot be read; the default reads
    ///     nothing, so a library caller that sets `ROUTING_CONFIG` must pass one.
    ///   - providerTypes: The provider types the routing configuration may use (the `BackendFactory`'s).
    /// - Returns: The settings with warnings to log, or an error listing every problem found.
    public static func load(
        environment: [String: String],
        dotEnvText: String?,
        versionJSON: [UInt8]?,
        activeProcessorCount: Int = Settings.systemActiveProcessorCount,
        generateToken: () -> String = Settings.randomDevelopmentToken,
        readFile: (String) -> [UInt8]? = { _ in nil },
        providerTypes: [String] = RoutingConfig.standardProviderTypes
    ) -> Result<LoadedSettings, SettingsError> {
        let dotEnv = dotEnvText.map(DotEnv.init(parsing:))
        var reader = SettingsReader(environment: environment, dotEnv: dotEnv?.values ?? [:])
        for problem in dotEnv?.problems ?? [] {
            reader.fail(".env", problem.description)
        }
        // An unknown ENVIRONMENT is reported; the remaining variables are still checked, by development rules.
        let profile = reader.choice("ENVIRONMENT", default: EnvironmentProfile.development)
        reader.profile = profile

        var settings = Settings(profile: profile)
        settings.host = readHost(&reader)
        settings.port = reader.integer(
            "PORT", in: 0...65_535, default: Defaults.port, requiredInStrict: true, meaning: "0 picks a free port")
        settings.logLevel = reader.choice("LOG_LEVEL", default: Defaults.logLevel, requiredInStrict: true)
        var generatedToken: String?
        settings.apiAuthTokens = readAPITokens(&reader)
        if settings.apiAuthTokens.isEmpty && profile == .development {
            let token = generateToken()
            settings.apiAuthTokens = [token]
            generatedToken = token
        }
        settings.rateLimitPerMinute = reader.integer(
            "RATE_LIMIT_PER_MINUTE", in: 0...100_000_000, default: Defaults.rateLimitPerMinute(profile),
            requiredInStrict: true, meaning: "requests per minute per API key, 0 disables the limit")
        if profile.isStrict && reader.value("RATE_LIMIT_PER_MINUTE") != nil && settings.rateLimitPerMinute == 0 {
            reader.warn("RATE_LIMIT_PER_MINUTE is 0: requests are not rate limited in \(profile.rawValue)")
        }
        settings.rateLimitTokensPerMinute = reader.integer(
            "RATE_LIMIT_TOKENS_PER_MINUTE", in: 0...1_000_000_000_000, default: 0,
            meaning: "tokens per minute per API key, 0 disables the limit")
        settings.corsOrigins = readCORSOrigins(&reader)
        settings.metricsToken = readMetricsToken(&reader)
        settings.docsEnabled = reader.boolean("DOCS_ENABLED", default: !profile.isStrict)
        settings.shutdownGrace = .seconds(
            reader.integer("SHUTDOWN_GRACE_SECONDS", in: 0...3_600, default: Defaults.shutdownGraceSeconds))
        settings.maxBodyBytes = reader.integer(
            "MAX_BODY_BYTES", in: 1...1_073_741_824, default: Defaults.maxBodyBytes, meaning: "bytes")
        settings.maxHeaderBytes = reader.integer(
            "MAX_HEADER_BYTES", in: 1_024...1_048_576, default: Defaults.maxHeaderBytes, meaning: "bytes")
        settings.maxHeaderCount = reader.integer("MAX_HEADER_COUNT", in: 1...10_000, default: Defaults.maxHeaderCount)
        settings.maxRequestLineBytes = reader.integer(
            "MAX_REQUEST_LINE_BYTES", in: 64...1_048_576, default: Defaults.maxRequestLineBytes, meaning: "bytes")
        settings.headerReadTimeout = reader.milliseconds(
            "HEADER_READ_TIMEOUT_MS", in: 1...3_600_000, default: Defaults.headerReadTimeoutMilliseconds)
        settings.bodyReadTimeout = reader.milliseconds(
            "BODY_READ_TIMEOUT_MS", in: 1...3_600_000, default: Defaults.bodyReadTimeoutMilliseconds)
        settings.idleTimeout = reader.milliseconds(
            "IDLE_TIMEOUT_MS", in: 1...3_600_000, default: Defaults.idleTimeoutMilliseconds)
        if settings.idleTimeout < .milliseconds(Defaults.recommendedMinimumIdleTimeoutMilliseconds) {
            reader.warn(
                "IDLE_TIMEOUT_MS is below 60000: load balancers commonly keep idle connections for 60 s, and a "
                    + "server that closes first can drop a request the proxy sends at that moment")
        }
        settings.eventLoopThreads = reader.integer(
            "EVENT_LOOP_THREADS", in: 1...1_024, default: max(1, min(activeProcessorCount, 1_024)))
        settings.mockTimeToFirstToken = reader.milliseconds("MOCK_TTFT_MS", in: 0...60_000, default: 0)
        settings.mockInterTokenLatency = reader.milliseconds("MOCK_ITL_MS", in: 0...60_000, default: 0)
        settings.mockJitter = reader.milliseconds("MOCK_JITTER_MS", in: 0...60_000, default: 0)
        readRouting(&reader, into: &settings, readFile: readFile, providerTypes: providerTypes)
        // Variables the routing configuration reads keys from are settings too, so `.env` may hold them.
        let known = variableNames + settings.routing.keyVariableNames
        for name in (dotEnv?.values.keys.sorted() ?? []) where !known.contains(name) {
            reader.warn(".env sets \(name), which is not a Blueprint setting (see .env.example)")
        }
        settings.version = readVersion(&reader, versionJSON)

        guard reader.issues.isEmpty else {
            return .failure(SettingsError(issues: reader.issues))
        }
        return .success(
            LoadedSettings(settings: settings, warnings: reader.warnings, generatedDevelopmentToken: generatedToken))
    }

    private static func readHost(_ reader: inout SettingsReader) -> String {
        let expects = "an IP address or host name to listen on, such as 0.0.0.0"
        guard let host = reader.value("HOST", requiredInStrict: true, expects: expects) else {
            return Defaults.host
        }
        let allowed = host.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
        guard allowed && host.utf8.count <= 253 else {
            reader.fail(
                "HOST",
                "HOST must be \(expects) (letters, digits, '.', '-' and ':', without brackets), "
                    + "got \(SettingsReader.quoted(host))")
            return Defaults.host
        }
        return host
    }

    /// Reads `API_AUTH_TOKENS`. Messages refer to keys by position only, never by value.
    private static func readAPITokens(_ reader: inout SettingsReader) -> [String] {
        let profile = reader.profile
        let minimum = Defaults.minimumStrictTokenLength
        let entries = reader.value("API_AUTH_TOKENS").map(SettingsReader.list) ?? []
        if entries.isEmpty {
            if profile.isStrict {
                reader.fail(
                    "API_AUTH_TOKENS",
                    "API_AUTH_TOKENS is required in \(profile.rawValue): set it to a comma-separated list of API "
                        + "keys, each at least \(minimum) characters")
            }
            return profile == .test ? [Defaults.testToken] : []
        }
        var tokens: [String] = []
        for (offset, token) in entries.enumerated() {
            let position = offset + 1
            guard isVisibleASCII(token) else {
                reader.fail(
                    "API_AUTH_TOKENS",
                    "API_AUTH_TOKENS entry \(position) contains a character other than visible ASCII "
                        + "(letters, digits and punctuation)")
                continue
            }
            if token.utf8.count < minimum {
                let message =
                    "API_AUTH_TOKENS entry \(position) is \(token.utf8.count) characters; "
                    + "at least \(minimum) are required"
                if profile.isStrict {
                    reader.fail("API_AUTH_TOKENS", message)
                } else {
                    reader.warn(message + " in staging and production")
                }
            }
            if let first = entries.firstIndex(of: token), first < offset {
                reader.warn("API_AUTH_TOKENS entry \(position) repeats entry \(first + 1)")
                continue
            }
            tokens.append(token)
        }
        return tokens
    }

    private static func readMetricsToken(_ reader: inout SettingsReader) -> String? {
        guard let token = reader.value("METRICS_TOKEN") else {
            return nil
        }
        let minimum = Defaults.minimumStrictTokenLength
        guard isVisibleASCII(token) else {
            reader.fail(
                "METRICS_TOKEN",
                "METRICS_TOKEN contains a character other than visible ASCII (letters, digits and punctuation)")
            return nil
        }
        if token.utf8.count < minimum {
            let message = "METRICS_TOKEN is \(token.utf8.count) characters; at least \(minimum) are required"
            if reader.profile.isStrict {
                reader.fail("METRICS_TOKEN", message)
            } else {
                reader.warn(message + " in staging and production")
            }
        }
        return token
    }

    private static func readCORSOrigins(_ reader: inout SettingsReader) -> CORSOrigins {
        guard let text = reader.value("CORS_ORIGINS") else {
            return .disabled
        }
        let entries = SettingsReader.list(text)
        if entries == ["*"] {
            return .any
        }
        var origins: [String] = []
        for (offset, entry) in entries.enumerated() {
            if entry == "*" {
                reader.fail("CORS_ORIGINS", "CORS_ORIGINS may be * alone, not * within a list of origins")
                continue
            }
            guard let origin = normalizedOrigin(entry) else {
                reader.fail(
                    "CORS_ORIGINS",
                    "CORS_ORIGINS entry \(offset + 1) must be an origin such as https://example.com or "
                        + "http://localhost:3000 (scheme, host and optional port; no path or trailing slash), "
                        + "got \(SettingsReader.quoted(entry))")
                continue
            }
            if !origins.contains(origin) {
                origins.append(origin)
            }
        }
        return origins.isEmpty ? .disabled : .only(origins)
    }

    /// `scheme://host[:port]` with an http or https scheme, lowercased as browsers serialize the `Origin` header
    /// (RFC 6454 section 6.2); `nil` when `text` is not such an origin.
    private static func normalizedOrigin(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard let rest = lowered.droppingHTTPScheme() else { return nil }
        var host = rest
        if rest.first == "[" {
            // An IPv6 literal: [hex and colons], optionally followed by :port.
            guard let close = rest.firstIndex(of: "]") else { return nil }
            let address = rest[rest.index(after: rest.startIndex)..<close]
            guard !address.isEmpty, address.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            host = rest[rest.index(after: close)...]
            guard host.isEmpty || host.first == ":" else { return nil }
        } else {
            let name = rest.prefix { $0 != ":" }
            guard !name.isEmpty,
                name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." || $0 == "-" })
            else {
                return nil
            }
            host = rest[name.endIndex...]
        }
        if host.first == ":" {
            guard let port = SettingsReader.parseDecimal(String(host.dropFirst())), (1...65_535).contains(port) else {
                return nil
            }
        } else if !host.isEmpty {
            return nil
        }
        return lowered
    }

    private static func readVersion(_ reader: inout SettingsReader, _ bytes: [UInt8]?) -> VersionInfo {
        let problem: String
        if let bytes {
            do {
                return try VersionInfo(json: bytes)
            } catch {
                problem = error.message
            }
        } else {
            problem = "Version.json could not be read"
        }
        if reader.profile.isStrict {
            reader.fail("Version.json", problem)
        } else {
            let fallback = VersionInfo.developmentFallback
            reader.warn("\(problem); using name \"\(fallback.name)\" and version \"\(fallback.version)\"")
        }
        return .developmentFallback
    }

    private static func isVisibleASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
