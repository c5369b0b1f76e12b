extension Settings {
    /// Reads `ROUTING_CONFIG` (and the file it names), `ALLOWED_MODELS`, `MODEL_LIST_URL` and
    /// `MODEL_LIST_REFRESH_SECONDS`.
    static func readRouting(
        _ reader: inout SettingsReader, into settings: inout Settings, readFile: (String) -> [UInt8]?,
        providerTypes: [String]
    ) {
        if let path = reader.value("ROUTING_CONFIG") {
            if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                reader.fail(
                    "ROUTING_CONFIG", "ROUTING_CONFIG must be the path of a JSON file, without control characters")
            } else {
                settings.routingConfigPath = path
                readRoutingFile(path, &reader, into: &settings, readFile: readFile, providerTypes: providerTypes)
            }
        }
        settings.allowedModels = readAllowedModels(&reader)
        if let url = reader.value("MODEL_LIST_URL") {
            if JSONConfigReader.isHTTPURL(url) {
                settings.modelListURL = url
            } else {
                reader.fail(
                    "MODEL_LIST_URL",
                    "MODEL_LIST_URL must be an http(s) URL such as https://models.internal/list.json "
                        + "(no user:password@), got \(SettingsReader.quoted(url))")
            }
        }
        settings.modelListRefresh = .seconds(
            reader.integer(
                "MODEL_LIST_REFRESH_SECONDS", in: 1...86_400, default: Defaults.modelListRefreshSeconds,
                meaning: "seconds between loads of MODEL_LIST_URL"))
    }

    /// Parses the routing file and resolves the key variables it names. Problems name the file and the JSON path.
    private static func readRoutingFile(
        _ path: String, _ reader: inout SettingsReader, into settings: inout Settings, readFile: (String) -> [UInt8]?,
        providerTypes: [String]
    ) {
        let prefix = "ROUTING_CONFIG (\(path))"
        guard let bytes = readFile(path) else {
            reader.fail("ROUTING_CONFIG", "\(prefix): the file could not be read")
            return
        }
        let (config, problems) = RoutingConfig.read(bytes, providerTypes: providerTypes)
        for problem in problems { reader.fail("ROUTING_CONFIG", "\(prefix) \(problem)") }
        guard let config else { return }
        // The keys of a file with problems are still checked, so one start lists everything to fix.
        if problems.isEmpty { settings.routing = config }
        for (index, provider) in config.providers.enumerated() {
            var needed: [(location: String, variable: String)] = []
            if let variable = provider.apiKeyEnv { needed.append(("providers[\(index)].api_key_env", variable)) }
            // Entries are named by their variable: the client keys are secrets.
            for (clientKey, variable) in provider.keyMap.sorted(by: { $0.value < $1.value }) {
                let location = "providers[\(index)].key_map"
                if !needed.contains(where: { $0.variable == variable }) { needed.append((location, variable)) }
                if !settings.apiAuthTokens.contains(clientKey) {
                    reader.warn(
                        "\(prefix) \(location): the client key of the entry for \(variable) is not one of "
                            + "API_AUTH_TOKENS, so the entry never applies")
                }
            }
            for (location, variable) in needed {
                if let value = reader.value(variable) {
                    settings.upstreamKeys[variable] = value
                    continue
                }
                let message = "\(prefix) \(location): the environment variable \(variable) is not set"
                if reader.profile.isStrict {
                    reader.fail("ROUTING_CONFIG", message)
                } else {
                    reader.warn(message + " (an error in staging and production)")
                }
            }
        }
    }

    private static func readAllowedModels(_ reader: inout SettingsReader) -> [String] {
        guard let text = reader.value("ALLOWED_MODELS") else { return [] }
        var models: [String] = []
        for (offset, entry) in SettingsReader.list(text).enumerated() {
            guard JSONConfigReader.isVisibleASCII(entry) else {
                reader.fail(
                    "ALLOWED_MODELS",
                    "ALLOWED_MODELS entry \(offset + 1) must be a model id of visible ASCII characters, got "
                        + SettingsReader.quoted(entry))
                continue
            }
            if !models.contains(entry) { models.append(entry) }
        }
        return models
    }
}
