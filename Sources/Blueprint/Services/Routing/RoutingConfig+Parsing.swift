extension RoutingConfig {
    /// Parses and validates a routing configuration document.
    ///
    /// Every problem is reported at once, each with its JSON path and what was expected. Unknown fields are
    /// problems too, so a misspelt field cannot silently fall back to a default.
    ///
    /// - Parameters:
    ///   - bytes: The JSON document.
    ///   - providerTypes: The accepted values of `type`: the names registered in the `BackendFactory`.
    public static func parse(
        _ bytes: [UInt8], providerTypes: [String] = standardProviderTypes
    ) throws(RoutingConfigError) -> RoutingConfig {
        let (config, problems) = read(bytes, providerTypes: providerTypes)
        guard let config, problems.isEmpty else { throw RoutingConfigError(problems: problems) }
        return config
    }

    /// Reads what it can: the configuration with invalid fields left at their defaults (nil when the document is
    /// not a JSON object), and every problem. Lets the settings check the key variables of a file with problems.
    static func read(_ bytes: [UInt8], providerTypes: [String]) -> (config: RoutingConfig?, problems: [String]) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            return (nil, ["not valid JSON: \(error.message)"])
        }
        var reader = JSONConfigReader()
        guard let object = reader.object(root, at: "(top level)", expects: #"an object with "providers""#) else {
            return (nil, reader.problems)
        }
        reader.rejectUnknownKeys(object, at: "", known: ["providers", "default_provider"])
        var providers: [ProviderConfig] = []
        var routedBy: [String: String] = [:]
        let expects = "a non-empty array of provider objects"
        if let value = object["providers"] {
            if let elements = value.arrayValue, !elements.isEmpty {
                for (index, element) in elements.enumerated() {
                    let path = "providers[\(index)]"
                    guard
                        let provider = parseProvider(
                            element, at: path, providerTypes: providerTypes, routedBy: &routedBy, &reader)
                    else { continue }
                    if let first = providers.firstIndex(where: { !$0.name.isEmpty && $0.name == provider.name }) {
                        reader.fail(
                            "\(path).name",
                            "\(provider.name.debugDescription) is already the name of providers[\(first)]")
                    }
                    providers.append(provider)
                }
            } else {
                reader.unexpected("providers", expects: expects, got: value)
            }
        } else {
            reader.fail("providers", "missing; expected \(expects)")
        }
        let names = providers.map(\.name).filter { !$0.isEmpty }
        let defaultProvider = reader.string(
            object, "default_provider", at: "", expects: "the name of one of the providers",
            isValid: { names.contains($0) })
        return (RoutingConfig(providers: providers, defaultProvider: defaultProvider), reader.problems)
    }

    /// One entry of `providers`; invalid fields are recorded and left at their defaults.
    private static func parseProvider(
        _ value: JSONValue, at path: String, providerTypes: [String], routedBy: inout [String: String],
        _ reader: inout JSONConfigReader
    ) -> ProviderConfig? {
        guard let object = reader.object(value, at: path) else { return nil }
        reader.rejectUnknownKeys(
            object, at: path,
            known: [
                "name", "type", "base_url", "api_key_env", "model_prefix", "models", "timeouts", "retries", "key_map",
            ])
        let name = reader.string(
            object, "name", at: path, required: true,
            expects: "a unique name of 1 to 64 letters, digits, '.', '_' and '-'", isValid: JSONConfigReader.isName)
        let type = reader.string(
            object, "type", at: path, required: true, expects: "one of " + providerTypes.joined(separator: ", "),
            isValid: { providerTypes.contains($0) })
        let needsURL = type.map { typesNeedingBaseURL.contains($0) } ?? false
        var provider = ProviderConfig(name: name ?? "", type: type ?? "")
        provider.baseURL = reader.string(
            object, "base_url", at: path, required: needsURL,
            expects: "an http(s) URL such as http://127.0.0.1:8001/v1 (no user:password@)",
            isValid: JSONConfigReader.isHTTPURL)
        provider.apiKeyEnv = reader.string(
            object, "api_key_env", at: path, expects: "an environment variable name such as VLLM_API_KEY",
            isValid: JSONConfigReader.isEnvironmentName)
        provider.modelPrefix =
            reader.string(
                object, "model_prefix", at: path, expects: "a string of visible ASCII characters, such as \"vllm/\"",
                isValid: { $0.isEmpty || JSONConfigReader.isVisibleASCII($0) }) ?? ""
        if let models = object["models"] {
            let location = JSONConfigReader.member(path, "models")
            if let elements = models.arrayValue {
                for (index, element) in elements.enumerated() {
                    let modelPath = "\(location)[\(index)]"
                    guard let model = parseModel(element, at: modelPath, extraKeys: [], &reader) else { continue }
                    let clientID = provider.modelPrefix + model.id
                    if let first = routedBy[clientID] {
                        reader.fail(
                            "\(modelPath).id",
                            "the model id \(clientID.debugDescription) (model_prefix + id) is already routed by \(first)"
                        )
                    } else {
                        routedBy[clientID] = modelPath
                    }
                    provider.models.append(model)
                }
            } else {
                reader.unexpected(location, expects: "an array of model objects", got: models)
            }
        }
        parseTimeouts(object, at: path, into: &provider, &reader)
        parseRetries(object, at: path, into: &provider, &reader)
        provider.keyMap = parseKeyMap(object, at: path, &reader)
        return provider
    }

    /// A model object: `id`, optional `target` and `endpoints`, plus `extraKeys` the caller reads itself.
    static func parseModel(
        _ value: JSONValue, at path: String, extraKeys: [String], _ reader: inout JSONConfigReader,
        rejectUnknownKeys: Bool = true
    ) -> RoutedModel? {
        guard let object = reader.object(value, at: path) else { return nil }
        if rejectUnknownKeys {
            reader.rejectUnknownKeys(object, at: path, known: ["id"] + extraKeys + ["target", "endpoints"])
        }
        let expects = "a model id of visible ASCII characters"
        let id = reader.string(
            object, "id", at: path, required: true, expects: expects, isValid: JSONConfigReader.isVisibleASCII)
        let target = reader.string(
            object, "target", at: path, expects: "a model name of visible ASCII characters",
            isValid: JSONConfigReader.isVisibleASCII)
        var endpoints = Set(ModelEndpoint.allCases)
        if let value = object["endpoints"] {
            endpoints = parseEndpoints(value, at: JSONConfigReader.member(path, "endpoints"), &reader)
        }
        guard let id else { return nil }
        return RoutedModel(id: id, target: target, endpoints: endpoints)
    }

    private static func parseEndpoints(
        _ value: JSONValue, at path: String, _ reader: inout JSONConfigReader
    ) -> Set<ModelEndpoint> {
        let names = ModelEndpoint.allCases.map(\.rawValue).joined(separator: ", ")
        guard let elements = value.arrayValue, !elements.isEmpty else {
            reader.unexpected(path, expects: "a non-empty array of endpoint names (\(names))", got: value)
            return Set(ModelEndpoint.allCases)
        }
        var endpoints = Set<ModelEndpoint>()
        for (index, element) in elements.enumerated() {
            guard let endpoint = element.stringValue.flatMap(ModelEndpoint.init(rawValue:)) else {
                reader.unexpected("\(path)[\(index)]", expects: "one of \(names)", got: element)
                continue
            }
            endpoints.insert(endpoint)
        }
        return endpoints
    }

    private static func parseTimeouts(
        _ object: JSONObject, at path: String, into provider: inout ProviderConfig, _ reader: inout JSONConfigReader
    ) {
        guard let value = object["timeouts"] else { return }
        let location = JSONConfigReader.member(path, "timeouts")
        guard let timeouts = reader.object(value, at: location, expects: "an object with connect_ms and request_ms")
        else { return }
        reader.rejectUnknownKeys(timeouts, at: location, known: ["connect_ms", "request_ms"])
        provider.connectTimeout = .milliseconds(
            reader.integer(
                timeouts, "connect_ms", at: location, in: 1...600_000,
                default: ProviderConfig.Defaults.connectMilliseconds, meaning: "milliseconds"))
        provider.requestTimeout = .milliseconds(
            reader.integer(
                timeouts, "request_ms", at: location, in: 1...3_600_000,
                default: ProviderConfig.Defaults.requestMilliseconds, meaning: "milliseconds"))
    }

    private static func parseRetries(
        _ object: JSONObject, at path: String, into provider: inout ProviderConfig, _ reader: inout JSONConfigReader
    ) {
        guard let value = object["retries"] else { return }
        let location = JSONConfigReader.member(path, "retries")
        guard let retries = reader.object(value, at: location, expects: "an object with max_attempts and max_total_ms")
        else { return }
        reader.rejectUnknownKeys(retries, at: location, known: ["max_attempts", "max_total_ms"])
        provider.maxAttempts = reader.integer(
            retries, "max_attempts", at: location, in: 1...10, default: ProviderConfig.Defaults.maxAttempts,
            meaning: "attempts, the first included")
        provider.maxRetryDuration = .milliseconds(
            reader.integer(
                retries, "max_total_ms", at: location, in: 1...3_600_000,
                default: ProviderConfig.Defaults.maxTotalMilliseconds, meaning: "milliseconds for all attempts"))
    }

    /// `key_map`: client key to variable name. Entries are named by position, as the client keys are secrets.
    private static func parseKeyMap(
        _ object: JSONObject, at path: String, _ reader: inout JSONConfigReader
    ) -> [String: String] {
        guard let value = object["key_map"] else { return [:] }
        let location = JSONConfigReader.member(path, "key_map")
        guard
            let entries = reader.object(
                value, at: location, expects: "an object mapping client API keys to environment variable names")
        else { return [:] }
        var keyMap: [String: String] = [:]
        for (offset, entry) in entries.enumerated() {
            let position = "\(location) entry \(offset + 1)"
            guard JSONConfigReader.isVisibleASCII(entry.key) else {
                reader.fail(position, "expected a client API key of visible ASCII characters as the field name")
                continue
            }
            guard let variable = entry.value.stringValue, JSONConfigReader.isEnvironmentName(variable) else {
                reader.unexpected(
                    position, expects: "the name of the environment variable holding the upstream key",
                    got: entry.value)
                continue
            }
            keyMap[entry.key] = variable
        }
        return keyMap
    }
}
