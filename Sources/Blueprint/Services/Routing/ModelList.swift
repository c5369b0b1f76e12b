/// The model list document served at `MODEL_LIST_URL`: `{"models": [{"id", "provider", "target", "endpoints"}]}`.
///
/// Each entry routes one model to a configured provider, exactly as a `models` entry of that provider in the routing
/// configuration would: clients send the provider's `model_prefix` followed by `id`; `target` defaults to `id` and
/// `endpoints` to all four. Fields other than these are ignored, so the list may carry more.
public enum ModelList {
    /// Parses a model list against `config`; all or nothing, so a half-broken list never replaces a good one.
    ///
    /// An entry naming a provider that is not configured, or a model id that the configuration or an earlier entry
    /// already routes, is a problem.
    public static func routes(from bytes: [UInt8], config: RoutingConfig) throws(RoutingConfigError) -> [ModelRoute] {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw RoutingConfigError(problems: ["not valid JSON: \(error.message)"])
        }
        var reader = JSONConfigReader()
        let expects = #"an object with a "models" array"#
        guard let object = reader.object(root, at: "(top level)", expects: expects) else {
            throw RoutingConfigError(problems: reader.problems)
        }
        guard let entries = object["models"]?.arrayValue else {
            reader.fail("models", "missing or not an array; expected an array of model objects")
            throw RoutingConfigError(problems: reader.problems)
        }
        var providers: [String: ProviderConfig] = [:]
        var routedBy: [String: String] = [:]
        for provider in config.providers {
            providers[provider.name] = provider
            for model in provider.models { routedBy[provider.modelPrefix + model.id] = "the routing configuration" }
        }
        let names = config.providers.map(\.name)
        var routes: [ModelRoute] = []
        for (index, entry) in entries.enumerated() {
            let path = "models[\(index)]"
            let model = RoutingConfig.parseModel(entry, at: path, extraKeys: [], &reader, rejectUnknownKeys: false)
            guard let object = entry.objectValue else { continue }
            let provider = reader.string(
                object, "provider", at: path, required: true,
                expects: "the name of a configured provider (" + names.joined(separator: ", ") + ")",
                isValid: { providers[$0] != nil }
            ).flatMap { providers[$0] }
            guard let model, let provider else { continue }
            let route = ModelRoute(model, of: provider)
            if let first = routedBy[route.modelID] {
                reader.fail(
                    "\(path).id", "the model id \(route.modelID.debugDescription) is already routed by \(first)")
                continue
            }
            routedBy[route.modelID] = path
            routes.append(route)
        }
        guard reader.problems.isEmpty else { throw RoutingConfigError(problems: reader.problems) }
        return routes
    }
}
